import { useEffect, useId, useMemo, useRef, useState, useDeferredValue, useSyncExternalStore } from 'react';
import { Button, Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { VORGANG_STATUSES } from '../../../../shared/domain/index.ts';
import { navigate } from '../../app/router.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import type { VorgangRow } from '../../db/index.ts';
import { localized } from '../vorgang/index.ts';
import { InboxGrid } from './InboxGrid.tsx';
import type { InboxQuery, InboxView, StatusFilter } from './inbox-index.ts';
import { firstPage } from './inbox-source.ts';

/** Rows read straight from Dexie while the in-memory index is still loading. */
const PREVIEW_ROWS = 60;

export function InboxScreen({ view }: { view: InboxView }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { session, db, source, lookups, inboxState } = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const [status, setStatus] = useState<StatusFilter>(inboxState.status);
  const [verfahrenId, setVerfahrenId] = useState<string | null>(inboxState.verfahrenId);
  const [text, setText] = useState(inboxState.text);
  useEffect(() => {
    inboxState.status = status;
    inboxState.verfahrenId = verfahrenId;
    inboxState.text = text;
  }, [inboxState, status, verfahrenId, text]);

  // Typing stays responsive: filtering 100,000 entries runs on the deferred text.
  const deferredText = useDeferredValue(text);
  const query = useMemo<InboxQuery>(
    () => ({
      view,
      userId: session.user.id,
      orgUnitId: session.user.orgUnitId,
      status,
      verfahrenId,
      text: deferredText,
    }),
    [view, session.user.id, session.user.orgUnitId, status, verfahrenId, deferredText],
  );

  const revision = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const ready = source.isReady();
  const ids = useMemo(() => {
    // The index is one mutable object; its revision is what tells this memo to re-query.
    void revision;
    return ready ? source.index.query(query) : null;
  }, [ready, source, query, revision]);
  // Before the index is loaded: the first page straight from the compound index. A one-shot
  // read (not a liveQuery, which the sync's stream of writes could keep from ever answering).
  const [preview, setPreview] = useState<VorgangRow[] | null>(null);
  const previewFor = useRef<InboxQuery | null>(null);
  useEffect(() => {
    if (ready) return;
    previewFor.current = query;
    void firstPage(db, query, PREVIEW_ROWS).then((rows) => {
      if (previewFor.current === query) setPreview(rows);
    });
  }, [ready, db, query]);
  const preloaded = useMemo(
    () => (preview ? new Map<string, VorgangRow>(preview.map((r) => [r.id, r])) : null),
    [preview],
  );
  const shownIds = useMemo(() => ids ?? (preview ? preview.map((r) => r.id) : []), [ids, preview]);

  // Coming back from a Vorgang the clerk continues in the grid; arriving fresh, at the heading.
  const [returning] = useState(() => inboxState.activeId[view] !== null);
  useEffect(() => {
    if (!returning) headingRef.current?.focus({ preventScroll: true });
  }, [returning]);

  const viewName = t(`nav.${view}`);
  const verfahrenOptions = useMemo(
    () =>
      [...lookups.verfahren.values()]
        .map((v) => ({ id: v.id, name: localized(v.name, lang) }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
    [lookups.verfahren, lang],
  );
  const filtered = status !== 'open' || verfahrenId !== null || text !== '';

  return (
    <div className="ap-inbox">
      <div className="ap-inbox__top">
        <h1 className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
          {t('inbox.title', { view: viewName })}
        </h1>
        <p className="kern-body ap-inbox__count" data-testid="inbox-count">
          {ids ? t('inbox.count', { count: ids.length }) : t('inbox.countLoading')}
        </p>
      </div>
      <form className="ap-filters" role="search" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
        <SearchField className="kern-form-input ap-filters__search" value={text} onChange={setText}>
          <Label className="kern-label">{t('inbox.search')}</Label>
          <Text slot="description" className="kern-hint">
            {t('inbox.searchHint')}
          </Text>
          <Input className="kern-form-input__input" data-testid="inbox-search" />
        </SearchField>
        <NativeSelect
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
        <NativeSelect
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
      <p className="kern-sr-only" id={`inbox-hint-${view}`}>
        {t('inbox.keyboardHint')}
      </p>
      <InboxGrid
        key={`${view}`}
        ids={shownIds}
        revision={revision}
        preloaded={preloaded}
        label={t('inbox.gridLabel', { view: viewName })}
        describedBy={`inbox-hint-${view}`}
        initialScrollTop={inboxState.scrollTop[view]}
        initialActiveId={inboxState.activeId[view]}
        autoFocus={returning}
        onScroll={(top) => {
          inboxState.scrollTop[view] = top;
        }}
        onActive={(id) => {
          inboxState.activeId[view] = id;
        }}
        onOpen={(id) => navigate({ name: 'vorgang', id })}
      />
      {ids && ids.length === 0 && <p className="kern-body ap-inbox__empty">{t('inbox.empty')}</p>}
    </div>
  );
}

function NativeSelect(p: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  testId: string;
}) {
  const id = useId();
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {p.label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className="kern-form-input__select"
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          data-testid={p.testId}
        >
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
