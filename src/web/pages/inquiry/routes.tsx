import { Route } from 'react-router-dom';
import { InquiryPage } from './InquiryPage.js';
import { OutputListPage } from './OutputListPage.js';
import { OutputPage } from './OutputPage.js';
import { OutputsLayout } from './OutputsLayout.js';
import { OverduePage } from './OverduePage.js';

/** 照会 (/inquiry) and 個人情報出力資料管理簿 (/outputs). */
export const inquiryRoutes = (
  <>
    <Route path="/inquiry" element={<InquiryPage />} />
    <Route path="/outputs" element={<OutputsLayout />}>
      <Route index element={<OutputListPage />} />
      <Route path="overdue" element={<OverduePage />} />
      <Route path=":id" element={<OutputPage />} />
    </Route>
  </>
);
