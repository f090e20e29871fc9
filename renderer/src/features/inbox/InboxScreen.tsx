import { useEffect, useId, useMemo, useRef, useState, useDeferredValue, useSyncExternalStore } from 'react';
import { Button, Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { VORGANG_STATUSES, hasRole } from '../../../../shared/domain/index.ts';
import { navigate } from '../../app/router.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import type { VorgangRow } from '../../db/index.ts';
import { colleaguesOf, useDeputyFor } from '../team/index.ts';
import { localized } from '../vorgang/index.ts';
import { AssignDialog } from './AssignDialog.tsx';
import { InboxGrid, type GridSelection } from './InboxGrid.tsx';
import type { InboxFilter, InboxQuery, InboxView, StatusFilter } from './inbox-index.ts';
import { firstPage } from './inbox-source.ts';
import { LinkFilterNote } from './LinkFilterNote.tsx';
import {
  filtersOf,
  positionOf,
  rememberActive,
  rememberFilters,
  rememberScroll,
  type InboxFilters,
  type ViewPosition,
} from './ui-state.ts';
import { viewLabelKey } from './view-labels.ts';

/** Rows read straight from Dexie while the in-memory index is still loading. */
const PREVIEW_ROWS = 60;

/**
 * Views in which a lead marks rows and assigns them in bulk: the team's lists, also those the
 * team console links to (overdue work and work waiting for documents are reassigned as well).
 */
const BULK_VIEWS: ReadonlySet<InboxView> = new Set(['team', 'open', 'overdue', 'waiting']);

/** A link's list starts from its own filters and position, and leaves the remembered ones alone. */
const LINK_POSITION: ViewPosition = { scrollTop: 0, activeId: null, returning: false };

interface Props {
  view: InboxView;
  /** A link's narrowing (the team console's drill-downs; app/router.ts). */
  filter?: InboxFilter | undefined;
  /** The status filter a link starts with. */
  status?: StatusFilter | undefined;
}

const NO_SELECTION: ReadonlySet<string> = new Set();
const NO_IDS: readonly string[] = [];

export function InboxScreen({ view, filter: routeFilter, status: linkStatus }: Props) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { session, db, source, lookups, inboxState, today } = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const hintId = useId();

  // The route is parsed anew on every render of the Shell; the Shell keys this screen by its href,
  // so the first value is the link's for the screen's lifetime (and keeps the query stable).
  const [filter] = useState(routeFilter);
  const linked = filter !== undefined || linkStatus !== undefined;
  const [filters] = useState<InboxFilters>(() =>
    linked ? { status: linkStatus ?? 'open', verfahrenId: null, text: '' } : filtersOf(inboxState),
  );
  const [status, setStatus] = useState<StatusFilter>(filters.status);
  const [verfahrenId, setVerfahrenId] = useState<string | null>(filters.verfahrenId);
  const [text, setText] = useState(filters.text);
  useEffect(() => {
    if (!linked) rememberFilters(inboxState, { status, verfahrenId, text });
  }, [linked, inboxState, status, verfahrenId, text]);

  const user = session.user;
  const deputyFor = useDeputyFor(db, user.id, today);
  const deputySet = useMemo(() => new Set(deputyFor), [deputyFor]);
  // The deputy view's list is unknown until the absences have been read.
  const known = view !== 'deputy' || deputyFor !== undefined;

  // Typing stays responsive: filtering 100,000 entries runs on the deferred text.
  const deferredText = useDeferredValue(text);
  const query = useMemo<InboxQuery>(
    () => ({
      view,
      userId: user.id,
      orgUnitId: user.orgUnitId,
      status,
      verfahrenId,
      text: deferredText,
      today,
      deputyFor: deputyFor ?? NO_IDS,
      ...(filter ? { filter } : {}),
    }),
    [view, user.id, user.orgUnitId, status, verfahrenId, deferredText, today, deputyFor, filter],
  );

  const revision = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const ready = source.isReady();
  const ids = useMemo(() => {
    // The index is one mutable object; its revision is what tells this memo to re-query.
    void revision;
    return ready && known ? source.index.query(query) : null;
  }, [ready, known, source, query, revision]);
  // Before the index is loaded: the first page straight from the compound index. A one-shot
  // read (not a liveQuery, which the sync's stream of writes could keep from ever answering).
  const [preview, setPreview] = useState<VorgangRow[] | null>(null);
  const previewFor = useRef<InboxQuery | null>(null);
  useEffect(() => {
    if (ready || !known) return;
    previewFor.current = query;
    void firstPage(db, query, PREVIEW_ROWS).then((rows) => {
      if (previewFor.current === query) setPreview(rows);
    });
  }, [ready, known, db, query]);
  const preloaded = useMemo(
    () => (preview ? new Map<string, VorgangRow>(preview.map((r) => [r.id, r])) : null),
    [preview],
  );
  // null until a list is known: the grid mounts with it, so it can restore its position.
  const shownIds = useMemo(() => ids ?? (preview ? preview.map((r) => r.id) : null), [ids, preview]);

  // Coming back from a Vorgang the clerk continues in the grid; arriving fresh, at the heading.
  const [position] = useState(() => (linked ? LINK_POSITION : positionOf(inboxState, view)));
  useEffect(() => {
    if (!position.returning) headingRef.current?.focus({ preventScroll: true });
  }, [position]);

  // Marking rows for bulk assignment: the lead, in the team and open views. The marks belong to
  // one list: a new filter or search starts without any.
  const bulk = hasRole(user, 'lead') && BULK_VIEWS.has(view);
  const [selected, setSelected] = useState<ReadonlySet<string>>(NO_SELECTION);
  const [assignOpen, setAssignOpen] = useState(false);
  const [selectedFor, setSelectedFor] = useState(query);
  if (selectedFor !== query && !assignOpen) {
    setSelectedFor(query);
    if (selected.size > 0) setSelected(NO_SELECTION);
  }
  const selection = useMemo<GridSelection | null>(
    () =>
      bulk
        ? {
            selected,
            toggle: (id) =>
              setSelected((prev) => {
                const next = new Set(prev);
                if (!next.delete(id)) next.add(id);
                return next;
              }),
            selectAll: () => setSelected(new Set(ids ?? [])),
            clear: () => setSelected(NO_SELECTION),
          }
        : null,
    [bulk, selected, ids],
  );
  const colleagues = useMemo(() => colleaguesOf(lookups.users.values(), user.orgUnitId), [lookups.users, user]);

  const viewName = t(viewLabelKey(view));
  const verfahrenOptions = useMemo(
    () =>
      [...lookups.verfahren.values()]
        .map((v) => ({ id: v.id, name: localized(v.name, lang) }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
    [lookups.verfahren, lang],
  );
  const filtered = status !== 'open' || verfahrenId !== null || text !== '';
  const noDeputy = view === 'deputy' && deputyFor?.length === 0;

  return (
    <div className="ap-inbox" ref={rootRef}>
      <div className="ap-inbox__top">
        <h1 className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
          {t('inbox.title', { view: viewName })}
        </h1>
        <p className="kern-body ap-inbox__count" data-testid="inbox-count">
          {ids ? t('inbox.count', { count: ids.length }) : t('inbox.countLoading')}
        </p>
      </div>
      <p className="kern-body kern-body--small ap-inbox__hint" data-testid="inbox-view-hint">
        {t(`team.viewHint.${view}`)}
      </p>
      {filter && (
        <LinkFilterNote
          view={view}
          filter={filter}
          lang={lang}
          personName={(id) => lookups.users.get(id)?.displayName ?? t('user.unknown')}
          fromConsole={hasRole(user, 'lead')}
        />
      )}
      <form className="ap-filters" role="search" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
        <SearchField className="kern-form-input ap-filters__search" value={text} onChange={setText}>
          <Label className="kern-label">{t('inbox.search')}</Label>
          <Text slot="description" className="kern-hint">
            {t('inbox.searchHint')}
          </Text>
          <Input className="kern-form-input__input" data-testid="inbox-search" />
        </SearchField>
        <SelectField
          label={t('inbox.status')}
          value={status}
          onChange={(v) => setStatus(v as StatusFilter)}
          testId="inbox-status-filter"
          options={[
            { value: 'open', label: t('inbox.statusOpen') },
            ...VORGANG_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            { value: 'all', label: t('inbox.statusAll') },
          ]}
        />
        <SelectField
          label={t('inbox.verfahren')}
          value={verfahrenId ?? ''}
          onChange={(v) => setVerfahrenId(v === '' ? null : v)}
          testId="inbox-verfahren-filter"
          options={[
            { value: '', label: t('inbox.verfahrenAll') },
            ...verfahrenOptions.map((v) => ({ value: v.id, label: v.name })),
          ]}
        />
        <Button
          className="kern-btn kern-btn--tertiary ap-filters__reset"
          isDisabled={!filtered}
          onPress={() => {
            setStatus('open');
            setVerfahrenId(null);
            setText('');
          }}
        >
          <span className="kern-label">{t('inbox.resetFilters')}</span>
        </Button>
      </form>
      {selection && (
        <div className="ap-bulkbar" role="group" aria-label={t('team.assign.open')} data-testid="bulk-bar">
          <p className="kern-body ap-bulkbar__count" aria-live="polite" data-testid="bulk-count">
            {selected.size === 0 ? t('team.select.none') : t('team.select.count', { count: selected.size })}
          </p>
          <Button
            className="kern-btn kern-btn--secondary kern-btn--x-small"
            isDisabled={!ids || ids.length === 0}
            onPress={selection.selectAll}
          >
            <span className="kern-label">{t('team.select.all')}</span>
          </Button>
          <Button
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            isDisabled={selected.size === 0}
            onPress={selection.clear}
          >
            <span className="kern-label">{t('team.select.clear')}</span>
          </Button>
          <Button
            className="kern-btn kern-btn--primary kern-btn--x-small"
            isDisabled={selected.size === 0}
            onPress={() => setAssignOpen(true)}
            data-testid="bulk-assign"
          >
            <span className="kern-label">{t('team.assign.open')}</span>
          </Button>
        </div>
      )}
      <p className="kern-sr-only" id={hintId}>
        {selection ? t('team.select.keyboardHint') : t('inbox.keyboardHint')}
      </p>
      {shownIds === null ? (
        <div className="ap-grid" aria-busy="true" />
      ) : (
        <InboxGrid
          key={view}
          ids={shownIds}
          revision={revision}
          preloaded={preloaded}
          label={t('inbox.gridLabel', { view: viewName })}
          describedBy={hintId}
          initialScrollTop={position.scrollTop}
          initialActiveId={position.activeId}
          autoFocus={position.returning}
          onScroll={(top) => {
            if (!linked) rememberScroll(inboxState, view, top);
          }}
          onActive={(id) => {
            if (!linked) rememberActive(inboxState, view, id);
          }}
          onOpen={(id) => navigate({ name: 'vorgang', id })}
          today={today}
          deputyFor={deputySet}
          showOverdueDays={view === 'overdue'}
          selection={selection}
        />
      )}
      {ids && ids.length === 0 && (
        <p className="kern-body ap-inbox__empty">{noDeputy ? t('team.emptyDeputy') : t('inbox.empty')}</p>
      )}
      {assignOpen && (
        <AssignDialog
          ids={[...selected]}
          colleagues={colleagues}
          onClose={() => {
            setAssignOpen(false);
            // The trigger is disabled once the marks are gone: the clerk continues in the list
            // (this runs before the dialog would restore the focus to the trigger).
            requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus());
          }}
          onAssigned={(done) =>
            setSelected((prev) => {
              const next = new Set(prev);
              for (const id of done) next.delete(id);
              return next;
            })
          }
        />
      )}
    </div>
  );
}
