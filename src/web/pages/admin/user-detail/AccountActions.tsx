import { Section } from '../../../components/Section.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail, Unit } from '../../../lib/types.js';
import { AccessActions } from './AccessActions.js';
import { ResetPasswordAction } from './ResetPasswordAction.js';
import { RetireAction } from './RetireAction.js';
import { TransferAction } from './TransferAction.js';

interface AccountActionsProps {
  user: AdminUserDetail['user'];
  units: readonly Unit[];
  onChanged: () => void;
}

/** 配置換え・退職・パスワード再発行・ロック解除・利用停止／利用再開. */
export function AccountActions({ user, units, onChanged }: AccountActionsProps) {
  const { t } = useI18n();
  return (
    <Section title={t('actions.title')}>
      <div className="space-y-10">
        <TransferAction user={user} units={units} onChanged={onChanged} />
        <ResetPasswordAction user={user} onChanged={onChanged} />
        <AccessActions user={user} onChanged={onChanged} />
        <RetireAction user={user} onChanged={onChanged} />
      </div>
    </Section>
  );
}
