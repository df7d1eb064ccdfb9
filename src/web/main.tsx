import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app.js';
import { LocaleProvider } from './lib/locale.js';
import { SessionProvider } from './lib/session.js';
import { VocabularyProvider } from './lib/vocabulary.js';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <LocaleProvider>
      <BrowserRouter>
        <VocabularyProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </VocabularyProvider>
      </BrowserRouter>
    </LocaleProvider>
  </StrictMode>,
);
