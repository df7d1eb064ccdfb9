import { Link } from 'react-router-dom';
import { useI18n } from '../lib/locale.js';
import { useSession } from '../lib/session.js';
import { useVocabulary } from '../lib/vocabulary.js';
import { Button } from './Button.js';
import { LanguageToggle } from './LanguageToggle.js';

export function Header() {
  const { t } = useI18n();
  const { state, logout } = useSession();
  const { vocabulary } = useVocabulary();
  const signedIn = state.status === 'signed-in';

  return (
    <header className="border-b border-solid-gray-420 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3 md:px-8">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <Link to="/" className="plain-link text-std-24B-150 text-blue-1000 hover:underline">
            <span lang="ja">関守</span>
            <span className="ml-2 text-std-16N-170 text-solid-gray-700" lang="en">
              Sekimori
            </span>
          </Link>
          {vocabulary?.organizationName && vocabulary.organizationName !== '関守' ? (
            <span className="text-std-16N-170 text-solid-gray-800">{vocabulary.organizationName}</span>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {signedIn && state.user ? (
            <p className="text-std-16N-170 text-solid-gray-900">
              <span className="sr-only">{t('header.signedInAs')}</span>
              {state.user.name}
              {state.user.unit ? <span className="ml-2 text-solid-gray-700">（{state.user.unit.name}）</span> : null}
            </p>
          ) : null}
          <LanguageToggle />
          {signedIn ? (
            <Button variant="secondary" size="sm" className="min-h-11" onClick={() => void logout()}>
              {t('header.logout')}
            </Button>
          ) : null}
        </div>
      </div>
    </header>
  );
}
