import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { useI18n } from '../lib/locale.js';
import { Alert } from './Alert.js';

interface BoundaryProps {
  children: ReactNode;
  fallback: ReactNode;
}

class Boundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Only the kind of failure: no data of the page is written to the console.
    console.error('screen failed', error instanceof Error ? error.name : typeof error, info.componentStack?.length);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function Fallback() {
  const { t } = useI18n();
  return (
    <div>
      <h1 className="mb-6 text-std-32B-150">{t('errorPage.title')}</h1>
      <Alert>{t('errorPage.body')}</Alert>
      <p className="mt-6">
        <a href="/">{t('errorPage.home')}</a>
      </p>
    </div>
  );
}

/** Shows an error page instead of a blank screen; a new address starts afresh. */
export function ErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <Boundary key={location.pathname} fallback={<Fallback />}>
      {children}
    </Boundary>
  );
}
