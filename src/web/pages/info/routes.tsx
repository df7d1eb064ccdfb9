import { Route } from 'react-router-dom';
import { RequireRole } from '../../components/RequireRole.js';
import { AccessRecordsPage } from './access/AccessRecordsPage.js';
import { ApplicationDetailPage } from './applications/ApplicationDetailPage.js';
import { ApplicationsPage } from './applications/ApplicationsPage.js';
import { EffectPage } from './effects/EffectPage.js';
import { EffectsPage } from './effects/EffectsPage.js';
import { InfoLayout } from './InfoLayout.js';
import { APPLICATION_ADMIN_ROLES, INFORMATION_OVERSIGHT_ROLES } from './info-access.js';
import { ManualsPage } from './manuals/ManualsPage.js';
import { ContractsPage } from './rights/ContractsPage.js';
import { MyRightsPage } from './rights/MyRightsPage.js';
import { PendingRightsPage } from './rights/PendingRightsPage.js';
import { UnitRightsPage } from './rights/UnitRightsPage.js';
import { UnusedRightsPage } from './rights/UnusedRightsPage.js';

/**
 * 業務管理 (/info): 適用業務 (APP-1, APP-2), processing approved 様式1/2/3/6/7 (APP-11), 業務利用権
 * (APP-3 … APP-6), 照会記録 (APP-8) and 取扱説明書管理簿 (OUT-7). Pages whose data depends on a post
 * (unit rights, access records) let the server decide and show its refusal.
 */
export const infoRoutes = (
  <Route path="/info" element={<InfoLayout />}>
    <Route index element={<ApplicationsPage />} />
    <Route path="applications/:code" element={<ApplicationDetailPage />} />
    <Route element={<RequireRole requiredRole={APPLICATION_ADMIN_ROLES} forbiddenMessage="info.forbidden.admin" />}>
      <Route path="effects" element={<EffectsPage />} />
      <Route path="effects/:id" element={<EffectPage />} />
    </Route>
    <Route path="rights" element={<MyRightsPage />} />
    <Route path="rights/unit" element={<UnitRightsPage />} />
    <Route path="rights/pending" element={<PendingRightsPage />} />
    <Route element={<RequireRole requiredRole={INFORMATION_OVERSIGHT_ROLES} forbiddenMessage="info.forbidden.oversight" />}>
      <Route path="rights/unused" element={<UnusedRightsPage />} />
    </Route>
    <Route element={<RequireRole requiredRole="system_admin" forbiddenMessage="info.forbidden.admin" />}>
      <Route path="contracts" element={<ContractsPage />} />
    </Route>
    <Route path="access-records" element={<AccessRecordsPage />} />
    <Route path="manuals" element={<ManualsPage />} />
  </Route>
);
