import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applicantName } from '../../../../shared/domain/index.ts';
import { useWorkspace, type Lookups } from '../../app/workspace.ts';
import type { VorgangRow } from '../../db/index.ts';
import { currentLang, type Lang } from '../../i18n/index.ts';
import { formatDate } from '../../i18n/format.ts';
import { localized } from '../vorgang/index.ts';
import { nachforderungFristOf } from './inbox-index.ts';
import { rowFlags } from './row-flags.ts';

/** Fixed row and header heights keep virtualisation exact (no measuring of 100,000 rows). */
const ROW_HEIGHT = 48;
const HEADER_HEIGHT = 44;
const OVERSCAN = 8;

const COLUMNS = ['aktenzeichen', 'applicant', 'verfahren', 'status', 'frist', 'assignee', 'wiedervorlage'] as const;
type Column = (typeof COLUMNS)[number] | 'select';
const SELECTABLE_COLUMNS: readonly Column[] = ['select', ...COLUMNS];

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
  onActive: (id: string | null) => void;
  onOpen(id: string): void;
  /** Today in Germany: decides the overdue and due flags. */
  today: string;
  /** Colleagues the user stands in for today: their rows say so. */
  deputyFor: ReadonlySet<string>;
  /** Show how many days a Frist is overdue (the overdue view) instead of just "overdue". */
  showOverdueDays: boolean;
  /** Rows can be marked for bulk assignment (a lead in the team and open views). */
  selection: GridSelection | null;
}

export interface GridSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  selectAll: () => void;
  clear: () => void;
}

/**
 * ARIA grid over a virtual window: the grid element keeps focus and points at the active row
 * with aria-activedescendant, so rows can be recycled while the clerk moves with the keyboard.
 * With a selection, the grid is multi-selectable: Space marks the active row, Ctrl+A all rows,
 * Escape none; the row checkboxes are for the mouse and stay out of the tab order.
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

  const { today, selection } = p;
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
        if (activeIndex >= 0 && activeId) p.onOpen(activeId);
        else moveTo(0);
        break;
      case ' ':
        if (activeIndex < 0 || !activeId) moveTo(0);
        else if (selection) selection.toggle(activeId);
        else p.onOpen(activeId);
        break;
      case 'a':
      case 'A':
        if (!selection || !(e.ctrlKey || e.metaKey)) return;
        selection.selectAll();
        break;
      case 'Escape':
        if (!selection || selection.selected.size === 0) return;
        selection.clear();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const columns = selection ? SELECTABLE_COLUMNS : COLUMNS;
  const labels: RowLabels = {
    teamQueue: t('team.teamQueue'),
    overdue: t('inbox.overdue'),
    unknownUser: t('user.unknown'),
    wiedervorlageDue: t('team.flags.wiedervorlageDue'),
    nachforderungExpired: t('team.flags.nachforderungExpired'),
    nachforderungUntil: (date) => t('team.flags.nachforderungUntil', { date }),
    overdueDays: (count) => t('team.flags.overdueDays', { count }),
    deputyFor: (name) => t('team.flags.deputyFor', { name }),
    select: (aktenzeichen) => t('team.select.row', { aktenzeichen }),
    status: (s) => t(`status.${s}`),
  };
  const activeRowId = activeIndex >= 0 && activeId ? rowDomId(activeId) : undefined;
  const renderedActive = activeRowId !== undefined && items.some((it) => p.ids[it.index] === activeId);

  return (
    <div
      ref={scrollRef}
      className={`ap-grid${selection ? ' ap-grid--selectable' : ''}`}
      role="grid"
      aria-label={p.label}
      aria-describedby={p.describedBy}
      aria-rowcount={p.ids.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={renderedActive ? activeRowId : undefined}
      aria-multiselectable={selection ? true : undefined}
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
          {columns.map((c) =>
            c === 'select' ? (
              <div role="columnheader" key={c} className="ap-grid__cell ap-grid__cell--select">
                <span className="kern-sr-only">{t('team.select.column')}</span>
              </div>
            ) : (
              <div role="columnheader" key={c} className="ap-grid__cell">
                {t(`inbox.column.${c}`)}
              </div>
            ),
          )}
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
              selected={selection ? selection.selected.has(id) : null}
              lang={lang}
              today={today}
              deputyFor={p.deputyFor}
              showOverdueDays={p.showOverdueDays}
              lookups={lookups}
              labels={labels}
              onClick={() => {
                setActiveId(id);
                p.onOpen(id);
              }}
              onToggle={() => {
                setActiveId(id);
                selection?.toggle(id);
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

interface RowLabels {
  teamQueue: string;
  overdue: string;
  unknownUser: string;
  wiedervorlageDue: string;
  nachforderungExpired: string;
  nachforderungUntil(date: string): string;
  overdueDays(count: number): string;
  deputyFor(name: string): string;
  select(aktenzeichen: string): string;
  status(s: VorgangRow['status']): string;
}

function Cell(p: { column: Column; className?: string | undefined; children?: ReactNode }) {
  return (
    <div role="gridcell" data-column={p.column} className={`ap-grid__cell${p.className ? ` ${p.className}` : ''}`}>
      {p.children}
    </div>
  );
}

function Tag({ kind, children }: { kind: 'danger' | 'warning' | 'info'; children: ReactNode }) {
  return <span className={`ap-tag ap-tag--${kind}`}>{children}</span>;
}

function GridRow(p: {
  id: string;
  rowIndex: number;
  top: number;
  row: VorgangRow | undefined;
  active: boolean;
  /** null: the grid has no selection. */
  selected: boolean | null;
  lang: Lang;
  today: string;
  deputyFor: ReadonlySet<string>;
  showOverdueDays: boolean;
  lookups: Lookups;
  labels: RowLabels;
  onClick: () => void;
  onToggle: () => void;
}) {
  const r = p.row;
  const className = `ap-grid__row${p.active ? ' ap-grid__row--active' : ''}${p.selected ? ' ap-grid__row--selected' : ''}${r ? '' : ' ap-grid__row--loading'}`;
  const style = { height: ROW_HEIGHT, transform: `translateY(${p.top}px)` };
  const ariaSelected = p.selected === null ? undefined : p.selected;
  if (!r) {
    return (
      <div
        role="row"
        id={rowDomId(p.id)}
        aria-rowindex={p.rowIndex}
        aria-selected={ariaSelected}
        data-vorgang-id={p.id}
        className={className}
        style={style}
      >
        <div role="gridcell" className="ap-grid__cell ap-grid__cell--wide" aria-busy="true" />
      </div>
    );
  }
  const { labels } = p;
  const flags = rowFlags(r, p.today, p.deputyFor);
  const overdue = flags.overdueDays !== null;
  const def = p.lookups.verfahren.get(r.verfahrenId);
  const userName = (id: string) => p.lookups.users.get(id)?.displayName ?? labels.unknownUser;
  const waitingUntil = nachforderungFristOf(r);
  return (
    <div
      role="row"
      id={rowDomId(r.id)}
      aria-rowindex={p.rowIndex}
      aria-selected={ariaSelected}
      data-vorgang-id={r.id}
      data-version={r.version}
      data-overdue={overdue ? 'true' : undefined}
      className={className}
      style={style}
      onClick={p.onClick}
    >
      {p.selected !== null && (
        <Cell column="select" className="ap-grid__cell--select">
          <input
            type="checkbox"
            className="ap-grid__check"
            tabIndex={-1}
            checked={p.selected}
            aria-label={labels.select(r.aktenzeichen)}
            onClick={(e) => e.stopPropagation()}
            onChange={p.onToggle}
          />
        </Cell>
      )}
      <Cell column="aktenzeichen" className="ap-grid__cell--az">
        {r.aktenzeichen}
      </Cell>
      <Cell column="applicant">{applicantName(r.applicant)}</Cell>
      <Cell column="verfahren">{def ? localized(def.name, p.lang) : r.verfahrenId}</Cell>
      <Cell column="status" className={flags.nachforderungExpired || waitingUntil ? 'ap-grid__cell--stack' : undefined}>
        <span data-status={r.status}>{labels.status(r.status)}</span>
        {flags.nachforderungExpired ? (
          <Tag kind="warning">{labels.nachforderungExpired}</Tag>
        ) : (
          waitingUntil && (
            <span className="ap-grid__sub">{labels.nachforderungUntil(formatDate(waitingUntil, p.lang))}</span>
          )
        )}
      </Cell>
      <Cell
        column="frist"
        className={overdue ? `ap-overdue${p.showOverdueDays ? ' ap-grid__cell--stack' : ''}` : undefined}
      >
        {formatDate(r.frist, p.lang)}
        {flags.overdueDays !== null && (
          <Tag kind="danger">{p.showOverdueDays ? labels.overdueDays(flags.overdueDays) : labels.overdue}</Tag>
        )}
      </Cell>
      <Cell column="assignee" className={r.assigneeId === null ? 'ap-muted' : undefined}>
        {r.assigneeId === null ? (
          labels.teamQueue
        ) : flags.deputyFor ? (
          <Tag kind="info">{labels.deputyFor(userName(flags.deputyFor))}</Tag>
        ) : (
          userName(r.assigneeId)
        )}
      </Cell>
      <Cell column="wiedervorlage" className={flags.wiedervorlageDue ? 'ap-grid__cell--stack' : undefined}>
        {r.wiedervorlage ? formatDate(r.wiedervorlage.date, p.lang) : ''}
        {flags.wiedervorlageDue && <Tag kind="warning">{labels.wiedervorlageDue}</Tag>}
      </Cell>
    </div>
  );
}
