import { Route } from 'react-router-dom';
import { NotFoundPage } from '../NotFoundPage.js';

/** 照会 (/inquiry) and 個人情報出力資料管理簿 (/outputs). */
export const inquiryRoutes = (
  <>
    <Route path="/inquiry" element={<NotFoundPage />} />
    <Route path="/outputs" element={<NotFoundPage />} />
  </>
);
