import { Route } from 'react-router-dom';
import { NotFoundPage } from '../NotFoundPage.js';

/** 業務管理 (/info): applications, use rights, access records, manuals. */
export const infoRoutes = (
  <>
    <Route path="/info" element={<NotFoundPage />} />
  </>
);
