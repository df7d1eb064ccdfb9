import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout.js';
import { RequireRole } from './components/RequireRole.js';
import { RequireSession } from './components/RequireSession.js';
import { GATE_LEVEL } from './lib/gates.js';
import { AUDIT_ROLES, REQUEST_OVERSIGHT_ROLES } from './lib/session.js';
import { AccountPage } from './pages/account/AccountPage.js';
import { AdminIndexPage } from './pages/admin/AdminIndexPage.js';
import { AdminLayout } from './pages/admin/AdminLayout.js';
import { SettingsPage } from './pages/admin/SettingsPage.js';
import { UnitsPage } from './pages/admin/UnitsPage.js';
import { UserCreatePage } from './pages/admin/UserCreatePage.js';
import { UsersPage } from './pages/admin/UsersPage.js';
import { UserDetailPage } from './pages/admin/user-detail/UserDetailPage.js';
import { AuditEntryPage } from './pages/audit/AuditEntryPage.js';
import { AuditLayout } from './pages/audit/AuditLayout.js';
import { AuditSearchPage } from './pages/audit/AuditSearchPage.js';
import { AuditStatusPage } from './pages/audit/AuditStatusPage.js';
import { HomePage } from './pages/HomePage.js';
import { infoRoutes } from './pages/info/routes.js';
import { inquiryRoutes } from './pages/inquiry/routes.js';
import { LoginPage } from './pages/LoginPage.js';
import { MfaSetupPage } from './pages/MfaSetupPage.js';
import { MfaVerifyPage } from './pages/MfaVerifyPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { NoticePage } from './pages/NoticePage.js';
import { PasswordPage } from './pages/PasswordPage.js';
import { DelegationsPage } from './pages/requests/DelegationsPage.js';
import { EditRequestPage } from './pages/requests/EditRequestPage.js';
import { ExternalServicesPage } from './pages/requests/ExternalServicesPage.js';
import { InboxPage } from './pages/requests/InboxPage.js';
import { NewRequestPage } from './pages/requests/NewRequestPage.js';
import { RequestListPage } from './pages/requests/RequestListPage.js';
import { RequestPage } from './pages/requests/RequestPage.js';
import { RequestsLayout } from './pages/requests/RequestsLayout.js';

/**
 * Routes. Gate pages (password, MFA enrolment, notice) open once the gates before them are passed;
 * everything else needs all gates passed; administration needs システム管理者; the audit log 監査 or
 * システム管理者; the list of every unit's applications システム管理者, 総務部長 or 監査.
 */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/login/mfa" element={<MfaVerifyPage />} />
        <Route element={<RequireSession level={GATE_LEVEL.passwordChangeRequired} />}>
          <Route path="/password" element={<PasswordPage />} />
        </Route>
        <Route element={<RequireSession level={GATE_LEVEL.mfaEnrollmentRequired} />}>
          <Route path="/mfa/setup" element={<MfaSetupPage />} />
        </Route>
        <Route element={<RequireSession level={GATE_LEVEL.noticeAcknowledgementRequired} />}>
          <Route path="/notice" element={<NoticePage />} />
        </Route>
        <Route element={<RequireSession level={GATE_LEVEL.full} />}>
          <Route index element={<HomePage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/admin" element={<RequireRole requiredRole="system_admin" />}>
            <Route element={<AdminLayout />}>
              <Route index element={<AdminIndexPage />} />
              <Route path="units" element={<UnitsPage />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="users/new" element={<UserCreatePage />} />
              <Route path="users/:id" element={<UserDetailPage />} />
              <Route path="settings" element={<SettingsPage />} />
            </Route>
          </Route>
          <Route path="/requests" element={<RequestsLayout />}>
            <Route index element={<RequestListPage scope="mine" />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="new" element={<NewRequestPage />} />
            <Route path="delegations" element={<DelegationsPage />} />
            <Route path="external-services" element={<ExternalServicesPage />} />
            <Route
              path="all"
              element={<RequireRole requiredRole={REQUEST_OVERSIGHT_ROLES} forbiddenMessage="forbidden.requestsAdminBody" />}
            >
              <Route index element={<RequestListPage key="all" scope="all" />} />
            </Route>
            <Route path=":id" element={<RequestPage />} />
            <Route path=":id/edit" element={<EditRequestPage />} />
          </Route>
          {inquiryRoutes}
          {infoRoutes}
          <Route path="/audit" element={<RequireRole requiredRole={AUDIT_ROLES} forbiddenMessage="forbidden.auditBody" />}>
            <Route element={<AuditLayout />}>
              <Route index element={<AuditSearchPage />} />
              <Route path="entries/:seq" element={<AuditEntryPage />} />
              <Route path="status" element={<AuditStatusPage />} />
            </Route>
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
