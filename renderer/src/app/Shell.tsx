import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { hasRole, type User, type VerfahrenDef } from '../../../shared/domain/index.ts';
import {
  INBOX_VIEWS,
  InboxScreen,
  createInboxSource,
  initialInboxUiState,
  viewLabelKey,
  type InboxSource,
} from '../features/inbox/index.ts';
import { FreigabeQueue, useFreigabeCount } from '../features/bescheid/index.ts';
import { AbsencesScreen, TeamConsole } from '../features/team/index.ts';
import { AkteScreen, AktenScreen } from '../features/akte/index.ts';
import { AussonderungScreen } from '../features/records/index.ts';
import { VorgangScreen } from '../features/vorgang/index.ts';
import { currentLang } from '../i18n/index.ts';
import { useSyncStatus, type SyncHandle } from '../sync/index.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useWiedervorlageNotifications } from './notifications.ts';
import { usePlatform } from './platform-context.ts';
import { hrefFor, navigate, useRoute, type Route } from './router.ts';
import type { StoredSession } from './session-store.ts';
import { SyncIndicator } from './SyncIndicator.tsx';
import { useDocumentTitle } from './document-title.ts';
import { useBerlinToday } from './today.ts';
import { WorkspaceContext, type Workspace } from './workspace.ts';

const NO_USERS: User[] = [];
const NO_VERFAHREN: VerfahrenDef[] = [];

interface Props {
  session: StoredSession;
  handle: SyncHandle;
  onLogout: () => void;
  onExpired: () => void;
}

export function Shell({ session, handle, onLogout, onExpired }: Props) {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const platform = usePlatform();
  const today = useBerlinToday();
  const db = handle.db;
  const mainRef = useRef<HTMLElement>(null);
  const [source, setSource] = useState<InboxSource | null>(null);
  const [inboxState] = useState(initialInboxUiState);

  useEffect(() => {
    const s = createInboxSource(db);
    setSource(s);
    return () => s.stop();
  }, [db]);

  const status = useSyncStatus(db);
  useEffect(() => {
    if (status.state === 'unauthorized') onExpired();
  }, [status.state, onExpired]);

  const users = useLiveQuery(() => db.users.toArray(), [db], NO_USERS);
  const verfahren = useLiveQuery(() => db.verfahren.toArray(), [db], NO_VERFAHREN);
  const lookups = useMemo(
    () => ({ users: new Map(users.map((u) => [u.id, u])), verfahren: new Map(verfahren.map((v) => [v.id, v])) }),
    [users, verfahren],
  );

  const workspace = useMemo<Workspace | null>(
    () => (source ? { session, handle, db, source, lookups, inboxState, today } : null),
    [session, handle, db, source, lookups, inboxState, today],
  );

  const isLead = hasRole(session.user, 'lead');
  const isRecords = hasRole(session.user, 'records') || hasRole(session.user, 'admin');
  const freigaben = useFreigabeCount(db, session.user.orgUnitId);
  const routeView = route.name === 'inbox' ? route.view : null;
  useDocumentTitle(routeView ? `${t('inbox.title', { view: t(viewLabelKey(routeView)) })} – ${t('app.name')}` : null);
  useEffect(() => {
    if (routeView) inboxState.lastView = routeView;
  }, [routeView, inboxState]);

  // A click on a notification about one Vorgang opens it.
  useEffect(() => platform.onOpenVorgang((id) => navigate({ name: 'vorgang', id })), [platform]);
  const [permission, setPermission] = useState(() => platform.notificationPermission());
  const requestPermission = useCallback(async () => {
    setPermission(await platform.requestNotificationPermission());
  }, [platform]);
  useWiedervorlageNotifications({
    platform,
    db,
    source,
    userId: session.user.id,
    today,
    lang: currentLang(i18n),
    permission,
  });

  return (
    <div className="ap-app">
      <a
        href="#main"
        className="ap-skip-link"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipLink')}
      </a>
      <header className="ap-header">
        <span className="ap-brand">{t('app.name')}</span>
        <SyncIndicator db={db} onSyncNow={handle.syncNow} />
        <div className="ap-header__end">
          <p className="ap-user" data-testid="current-user">
            <span className="kern-sr-only">{t('shell.userLabel')} </span>
            <span className="ap-user__name">{session.user.displayName}</span>
            <span className="ap-user__unit">{session.orgUnit.name}</span>
          </p>
          {platform.kind === 'web' && permission === 'default' && (
            <Button
              className="kern-btn kern-btn--tertiary kern-btn--x-small"
              onPress={() => void requestPermission()}
              data-testid="allow-notifications"
            >
              <span className="kern-label">{t('team.notifications.allow')}</span>
            </Button>
          )}
          <LanguageSwitch />
          <Button className="kern-btn kern-btn--secondary kern-btn--x-small" onPress={onLogout}>
            <span className="kern-icon kern-icon--logout" aria-hidden="true" />
            <span className="kern-label">{t('shell.logout')}</span>
          </Button>
        </div>
      </header>
      <nav className="ap-nav" aria-label={t('shell.mainNav')}>
        <div className="ap-nav__group">
          <span className="ap-nav__title" id="ap-nav-inbox">
            {t('nav.inbox')}
          </span>
          <ul className="ap-nav__list" aria-labelledby="ap-nav-inbox">
            {INBOX_VIEWS.map((v) => (
              <NavLink key={v} route={{ name: 'inbox', view: v }} current={routeView === v}>
                {t(viewLabelKey(v))}
              </NavLink>
            ))}
          </ul>
        </div>
        <div className="ap-nav__group">
          <span className="ap-nav__title" id="ap-nav-team">
            {t('team.absences.navGroup')}
          </span>
          <ul className="ap-nav__list" aria-labelledby="ap-nav-team">
            {isLead && (
              <NavLink route={{ name: 'team' }} current={route.name === 'team'}>
                {t('team.console.nav')}
              </NavLink>
            )}
            <NavLink route={{ name: 'absences' }} current={route.name === 'absences'}>
              {t('team.absences.nav')}
            </NavLink>
            <NavLink route={{ name: 'akten' }} current={route.name === 'akten' || route.name === 'akte'}>
              {t('akte.nav')}
            </NavLink>
            {isRecords && (
              <NavLink route={{ name: 'aussonderung' }} current={route.name === 'aussonderung'}>
                {t('records.nav')}
              </NavLink>
            )}
            {isLead && (
              <NavLink route={{ name: 'freigaben' }} current={route.name === 'freigaben'}>
                {freigaben > 0 ? t('bescheid.queue.navCount', { count: freigaben }) : t('bescheid.queue.nav')}
              </NavLink>
            )}
          </ul>
        </div>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1} className="ap-main">
        {workspace ? (
          <WorkspaceContext.Provider value={workspace}>
            {route.name === 'inbox' ? (
              <InboxScreen key={hrefFor(route)} view={route.view} filter={route.filter} status={route.status} />
            ) : route.name === 'team' ? (
              <TeamConsole />
            ) : route.name === 'absences' ? (
              <AbsencesScreen />
            ) : route.name === 'freigaben' ? (
              <FreigabeQueue />
            ) : route.name === 'akten' ? (
              <AktenScreen />
            ) : route.name === 'akte' ? (
              <AkteScreen key={route.id} id={route.id} />
            ) : route.name === 'aussonderung' ? (
              <AussonderungScreen />
            ) : (
              <VorgangScreen key={route.id} id={route.id} />
            )}
          </WorkspaceContext.Provider>
        ) : (
          <p className="kern-body">{t('app.loading')}</p>
        )}
      </main>
      <Footer />
    </div>
  );
}

function NavLink({ route, current, children }: { route: Route; current: boolean; children: string }) {
  return (
    <li>
      <a className="ap-nav__link" href={hrefFor(route)} aria-current={current ? 'page' : undefined}>
        {children}
      </a>
    </li>
  );
}

function Footer() {
  const { t } = useTranslation();
  const platform = usePlatform();
  const info = useQuery({
    queryKey: ['appInfo', platform.kind],
    queryFn: async () => {
      const r = await platform.appInfo();
      return r.ok ? r.value : null;
    },
    staleTime: Infinity,
  });
  return (
    <footer className="ap-footer">
      <span className="kern-body kern-body--small">
        {t('app.name')}
        {info.data ? ` · ${t('app.version', { version: info.data.version })}` : ''}
      </span>
    </footer>
  );
}
