import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/http/index.ts';
import { LoginScreen, logout } from '../features/login/index.ts';
import type { Platform } from '../platform/index.ts';
import { startSync, type SyncHandle } from '../sync/index.ts';
import { PlatformContext } from './platform-context.ts';
import { clearSession, loadSession, saveSession, type StoredSession } from './session-store.ts';
import { Shell } from './Shell.tsx';

type AppState =
  | { kind: 'starting' }
  | { kind: 'loggedOut'; notice: 'sessionExpired' | null; error: string | null }
  | { kind: 'active'; session: StoredSession; handle: SyncHandle };

const LOGGED_OUT: AppState = { kind: 'loggedOut', notice: null, error: null };

export function App({ platform, i18n }: { platform: Platform; i18n: I18n }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { mutations: { retry: false }, queries: { retry: false } } }),
  );
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <PlatformContext.Provider value={platform}>
          <Root />
        </PlatformContext.Provider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Session lifecycle: restore after reload, login, logout, expiry. */
function Root() {
  const { t } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'starting' });
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });

  // Web mode: a reload keeps the tab's session, so pick it up and restart the sync.
  useEffect(() => {
    let cancelled = false;
    const stored = loadSession(window.sessionStorage);
    if (!stored) {
      setState(LOGGED_OUT);
      return;
    }
    startSync(stored).then(
      (handle) => {
        if (cancelled) void handle.stop();
        else setState({ kind: 'active', session: stored, handle });
      },
      (e: unknown) => {
        if (!cancelled) setState({ kind: 'loggedOut', notice: null, error: reason(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const onLoggedIn = useCallback(async (serverUrl: string, s: Session): Promise<string | null> => {
    const stored: StoredSession = {
      serverUrl,
      token: s.token,
      expiresAt: s.expiresAt,
      user: s.user,
      orgUnit: s.orgUnit,
    };
    try {
      const handle = await startSync(stored);
      saveSession(window.sessionStorage, stored);
      setState({ kind: 'active', session: stored, handle });
      return null;
    } catch (e) {
      return reason(e);
    }
  }, []);

  const end = useCallback(async (notice: 'sessionExpired' | null, revoke: boolean) => {
    const current = stateRef.current;
    if (current.kind !== 'active') return;
    setState({ kind: 'loggedOut', notice, error: null });
    clearSession(window.sessionStorage);
    if (revoke) await logout(current.session.serverUrl, current.session.token).catch(() => undefined);
    await current.handle.stop();
  }, []);

  const onLogout = useCallback(() => void end(null, true), [end]);
  const onExpired = useCallback(() => void end('sessionExpired', false), [end]);

  if (state.kind === 'starting') {
    return (
      <main className="ap-center" aria-busy="true">
        <p className="kern-body">{t('app.loading')}</p>
      </main>
    );
  }
  if (state.kind === 'loggedOut') {
    return (
      <LoginScreen
        onLoggedIn={onLoggedIn}
        notice={state.notice === 'sessionExpired' ? t('login.sessionExpired') : null}
        startError={state.error}
      />
    );
  }
  return (
    <Shell
      key={state.session.token}
      session={state.session}
      handle={state.handle}
      onLogout={onLogout}
      onExpired={onExpired}
    />
  );
}
