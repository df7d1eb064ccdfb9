import { Link } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle.js';
import { useI18n } from '../lib/locale.js';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </div>
  );
}
