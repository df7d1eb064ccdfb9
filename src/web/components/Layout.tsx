import { Outlet } from 'react-router-dom';
import { useI18n } from '../lib/locale.js';
import { RequestCountsProvider } from '../lib/request-counts.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { FlashMessage } from './FlashMessage.js';
import { Header } from './Header.js';
import { SiteNav } from './SiteNav.js';

/** Skip link, header, navigation, main content and footer of every page. */
export function Layout() {
  const { t } = useI18n();
  return (
    <RequestCountsProvider>
      <div className="flex min-h-screen flex-col bg-white">
        <a href="#main" className="skip-link">
          {t('layout.skipToMain')}
        </a>
        <Header />
        <SiteNav />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:shadow-none focus:outline-none md:px-8">
          <FlashMessage />
          <ErrorBoundary>
            <Outlet />
          </ErrorBoundary>
        </main>
        <footer className="border-t border-solid-gray-420 bg-solid-gray-50">
          <div className="mx-auto max-w-6xl px-4 py-4 text-std-16N-170 text-solid-gray-800 md:px-8">
            <p>{t('layout.footer')}</p>
          </div>
        </footer>
      </div>
    </RequestCountsProvider>
  );
}
