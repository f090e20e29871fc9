import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { applicantName } from '../../../../shared/domain/index.ts';
import { useWorkspace, type Lookups } from '../../app/workspace.ts';
import type { VorgangRow } from '../../db/index.ts';
import { currentLang, type Lang } from '../../i18n/index.ts';
import { formatDate, todayIso } from '../../i18n/format.ts';
import { isOverdue, localized } from '../vorgang/index.ts';

/** Fixed row and header heights keep virtualisation exact (no measuring of 100,000 rows). */
const ROW_HEIGHT = 48;
const HEADER_HEIGHT = 44;
const OVERSCAN = 8;

const COLUMNS = ['aktenzeichen', 'applicant', 'verfahren', 'status', 'frist', 'assignee', 'wiedervorlage'] as const;

let firstRowsMarked = false;

interface Props {
  ids: readonly string[];
  /** The InboxSource snapshot: changes whenever index or row cache changed. */
  revision: number;
  /** Rows already read (the first page before the index is ready). */
  preloaded: ReadonlyMap<string, VorgangRow> | null;
  label: string;
  describedBy: string;
  initialScrollTop: number;
  initialActiveId: string | null;
  autoFocus: boolean;
  onScroll(top: number): void;
  onActive(id: string | null): void;
  onOpen(id: string): void;
}

/**
 * ARIA grid over a virtual window: the grid element keeps focus and points at the active row
 * with aria-activedescendant, so rows can be recycled while the clerk moves with the keyboard.
 * Only the rows in view (plus overscan) are read, by id, through the InboxSource (its row cache
 * usually has them already; see inbox-source.ts for why this is not a liveQuery).
 */
export function InboxGrid(p: Props) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { source, lookups } = useWorkspace();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(p.initialActiveId);

  const virtualizer = useVirtualizer({
    count: p.ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialOffset: p.initialScrollTop,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (i) => p.ids[i] ?? i,
  });
  const items = virtualizer.getVirtualItems();

  const visibleKey = items.map((it) => p.ids[it.index] ?? '').join('\n');
  const visibleIds = useMemo(() => (visibleKey ? visibleKey.split('\n') : []), [visibleKey]);
  // A new window is read in full (fresh rows for what the clerk looks at); after other
  // changes only rows missing from the cache are read.
  const lastWindow = useRef('');
  useEffect(() => {
    const full = lastWindow.current !== visibleKey;
    lastWindow.current = visibleKey;
    void source.loadRows(visibleIds, !full);
  }, [source, visibleIds, visibleKey, p.revision]);

  const rows = useMemo(() => {
    void p.revision; // the cache is mutable; the revision says when it changed
    const m = new Map<string, VorgangRow>();
    for (const id of visibleIds) {
      const r = source.cachedRow(id) ?? p.preloaded?.get(id);
      if (r) m.set(id, r);
    }
    return m;
  }, [source, visibleIds, p.preloaded, p.revision]);

  useEffect(() => {
    if (!firstRowsMarked && rows.size > 0) {
      firstRowsMarked = true;
      performance.mark('inbox:first-rows');
    }
  }, [rows]);

  // Only on mount: restore where the clerk left this view.
  const restore = useRef({ top: p.initialScrollTop, focus: p.autoFocus });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const { top, focus } = restore.current;
    if (el && top > 0 && el.scrollTop !== top) el.scrollTop = top;
    if (focus) el?.focus({ preventScroll: true });
  }, []);

  const activeIndex = activeId === null ? -1 : p.ids.indexOf(activeId);
  const { onActive } = p;
  useEffect(() => {
    onActive(activeIndex >= 0 ? activeId : null);
  }, [activeId, activeIndex, onActive]);

  const moveTo = (index: number) => {
    if (p.ids.length === 0) return;
    const i = Math.min(p.ids.length - 1, Math.max(0, index));
    setActiveId(p.ids[i] ?? null);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = activeIndex >= 0 ? activeIndex : -1;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case 'PageDown':
        moveTo(current + page);
        break;
      case 'PageUp':
        moveTo(current - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(p.ids.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (activeIndex >= 0 && activeId) p.onOpen(activeId);
        else moveTo(0);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const today = todayIso();
  const activeRowId = activeIndex >= 0 && activeId ? rowDomId(activeId) : undefined;
  const renderedActive = activeRowId !== undefined && items.some((it) => p.ids[it.index] === activeId);

  return (
    <div
      ref={scrollRef}
      className="ap-grid"
      role="grid"
      aria-label={p.label}
      aria-describedby={p.describedBy}
      aria-rowcount={p.ids.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={renderedActive ? activeRowId : undefined}
      tabIndex={0}
      data-testid="inbox-grid"
      onKeyDown={onKeyDown}
      onFocus={() => {
        // Activate the first row in view without scrolling (a click must land where it was aimed).
        if (activeIndex >= 0 || p.ids.length === 0) return;
        const top = Math.floor((scrollRef.current?.scrollTop ?? 0) / ROW_HEIGHT);
        setActiveId(p.ids[Math.min(top, p.ids.length - 1)] ?? null);
      }}
      onScroll={(e) => p.onScroll(e.currentTarget.scrollTop)}
    >
      <div role="rowgroup" className="ap-grid__head">
        <div role="row" aria-rowindex={1} className="ap-grid__row ap-grid__row--head" style={{ height: HEADER_HEIGHT }}>
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c} className="ap-grid__cell">
              {t(`inbox.column.${c}`)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="ap-grid__body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((it) => {
          const id = p.ids[it.index];
          if (id === undefined) return null;
          return (
            <GridRow
              key={id}
              id={id}
              rowIndex={it.index + 2}
              top={it.start - HEADER_HEIGHT}
              row={rows.get(id)}
              active={id === activeId}
              lang={lang}
              today={today}
              lookups={lookups}
              texts={{ unassigned: t('inbox.unassigned'), overdue: t('inbox.overdue'), unknownUser: t('user.unknown') }}
              statusLabel={(s) => t(`status.${s}`)}
              onClick={() => {
                setActiveId(id);
                p.onOpen(id);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}

function rowDomId(id: string): string {
  return `inbox-row-${id}`;
}

function GridRow(p: {
  id: string;
  rowIndex: number;
  top: number;
  row: VorgangRow | undefined;
  active: boolean;
  lang: Lang;
  today: string;
  lookups: Lookups;
  texts: { unassigned: string; overdue: string; unknownUser: string };
  statusLabel: (s: VorgangRow['status']) => string;
  onClick: () => void;
}) {
  const r = p.row;
  const className = `ap-grid__row${p.active ? ' ap-grid__row--active' : ''}${r ? '' : ' ap-grid__row--loading'}`;
  const style = { height: ROW_HEIGHT, transform: `translateY(${p.top}px)` };
  if (!r) {
    return (
      <div
        role="row"
        id={rowDomId(p.id)}
        aria-rowindex={p.rowIndex}
        data-vorgang-id={p.id}
        className={className}
        style={style}
      >
        <div role="gridcell" className="ap-grid__cell ap-grid__cell--wide" aria-busy="true" />
      </div>
    );
  }
  const overdue = isOverdue(r.frist, r.status, p.today);
  const def = p.lookups.verfahren.get(r.verfahrenId);
  const assignee =
    r.assigneeId === null
      ? p.texts.unassigned
      : (p.lookups.users.get(r.assigneeId)?.displayName ?? p.texts.unknownUser);
  return (
    <div
      role="row"
      id={rowDomId(r.id)}
      aria-rowindex={p.rowIndex}
      data-vorgang-id={r.id}
      data-version={r.version}
      data-overdue={overdue ? 'true' : undefined}
      className={className}
      style={style}
      onClick={p.onClick}
    >
      <div role="gridcell" className="ap-grid__cell ap-grid__cell--az">
        {r.aktenzeichen}
      </div>
      <div role="gridcell" className="ap-grid__cell">
        {applicantName(r.applicant)}
      </div>
      <div role="gridcell" className="ap-grid__cell">
        {def ? localized(def.name, p.lang) : r.verfahrenId}
      </div>
      <div role="gridcell" className="ap-grid__cell" data-status={r.status}>
        {p.statusLabel(r.status)}
      </div>
      <div role="gridcell" className={`ap-grid__cell${overdue ? ' ap-overdue' : ''}`}>
        {formatDate(r.frist, p.lang)}
        {overdue && <span className="ap-tag ap-tag--danger">{p.texts.overdue}</span>}
      </div>
      <div role="gridcell" className={`ap-grid__cell${r.assigneeId === null ? ' ap-muted' : ''}`}>
        {assignee}
      </div>
      <div role="gridcell" className="ap-grid__cell">
        {r.wiedervorlage ? formatDate(r.wiedervorlage.date, p.lang) : ''}
      </div>
    </div>
  );
}
