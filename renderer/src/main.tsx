import './app/zod-jitless.ts';
import '@kern-ux/native/dist/fonts/fira-sans.css';
import '@kern-ux/native/dist/kern.min.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { preventInjectedStyles } from './app/csp-compat.ts';
import { createI18n, initialLanguage } from './i18n/index.ts';
import { selectPlatform } from './platform/index.ts';

preventInjectedStyles(document);
const platform = selectPlatform(window);
const i18n = createI18n(initialLanguage(window.localStorage), window.localStorage, (lang) => {
  document.documentElement.lang = lang;
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App platform={platform} i18n={i18n} />
  </StrictMode>,
);
