import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.js';
import { useI18n } from '../../lib/locale.js';

export function AdminIndexPage() {
  const { t } = useI18n();
  const items = [
    { to: '/admin/units', label: t('admin.units'), description: t('admin.unitsDescription') },
    { to: '/admin/users', label: t('admin.users'), description: t('admin.usersDescription') },
    { to: '/admin/settings', label: t('admin.settings'), description: t('admin.settingsDescription') },
  ];
  return (
    <div>
      <PageTitle>{t('admin.title')}</PageTitle>
      <ul className="grid gap-4 md:grid-cols-2">
        {items.map((item) => (
          <li key={item.to} className="rounded-8 border border-solid-gray-420 p-4">
            <Link to={item.to} className="text-std-18B-160">
              {item.label}
            </Link>
            <p className="mt-1 text-std-16N-170 text-solid-gray-800">{item.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
