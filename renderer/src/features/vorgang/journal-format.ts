import type { TFunction } from 'i18next';
import {
  ERROR_CODES,
  PRUEFLISTE_DECISIONS,
  VERSAND_CHANNELS,
  VORGANG_STATUSES,
  type ErrorCode,
  type JournalEvent,
  type PrueflisteDecision,
  type VersandChannel,
  type VorgangStatus,
} from '../../../../shared/domain/index.ts';
import { ABSCHLUSS_GRUENDE, type AbschlussGrund } from '../../../../shared/domain/akte.ts';
import { commandJournal } from '../../../../shared/mutators/index.ts';
import { commandLabel } from '../../i18n/commands.ts';
import { formatDate, formatNumber, type Lang } from '../../i18n/format.ts';
import { formatBytes, mediaTypeLabel, shortHash } from './dokument-format.ts';

/** What the journal needs to turn ids into names. */
export interface JournalTexts {
  t: TFunction;
  lang: Lang;
  userName(id: string): string;
  /** The Prüfliste item's label, or the id when the template does not have it. */
  itemLabel(id: string): string;
  /** The Dokument's name when it is known on this device. */
  dokumentName(id: string): string | undefined;
}

/** The event's action in words; a rejection names the command that was refused. */
export function actionLabel(action: string, summary: Readonly<Record<string, unknown>>, t: TFunction): string {
  if (action === 'rejected') {
    const m = summary['mutation'];
    return t('workspace.journal.rejected', { mutation: commandLabel(typeof m === 'string' ? m : '', t) });
  }
  return commandLabel(action, t);
}

/** Keys shown in this order; ids that mean nothing to a reader (noteId) are left out. */
const ORDER = [
  'empfaengerName',
  'empfaenger',
  'itemId',
  'decision',
  'grund',
  'note',
  'reason',
  'begruendung',
  'frist',
  'channel',
  'date',
  'comment',
  'approvedBy',
  'contentHash',
  'pdfSha256',
  'text',
  'previousText',
  'textLength',
  'dokumentId',
  'mediaType',
  'size',
  'sha256',
  'code',
] as const;
const HIDDEN: ReadonlySet<string> = new Set(['from', 'to', 'noteId', 'mutation', 'bescheidId', ...ORDER]);

const isStatus = (x: unknown): x is VorgangStatus => (VORGANG_STATUSES as readonly unknown[]).includes(x);
const isDecision = (x: unknown): x is PrueflisteDecision => (PRUEFLISTE_DECISIONS as readonly unknown[]).includes(x);
const isErrorCode = (x: unknown): x is ErrorCode => (ERROR_CODES as readonly unknown[]).includes(x);
const isChannel = (x: unknown): x is VersandChannel => (VERSAND_CHANNELS as readonly unknown[]).includes(x);
const isAbschlussGrund = (x: unknown): x is AbschlussGrund => (ABSCHLUSS_GRUENDE as readonly unknown[]).includes(x);
const CHANNEL_LABEL = { post: 'channelPost', postfach: 'channelPostfach' } as const;

/**
 * The summary of a journal event as lines of text, e.g. "Status: Eingegangen → In Bearbeitung".
 * Known members are worded; anything else is shown as "key: value" in plain text, never as JSON.
 */
export function summaryLines(action: string, summary: Readonly<Record<string, unknown>>, x: JournalTexts): string[] {
  const { t } = x;
  const lines: string[] = [];
  const has = (k: string) => Object.hasOwn(summary, k);
  const field = (k: Parameters<typeof fieldLabel>[0]) => fieldLabel(k, t);
  const value = (f: string, v: string) => lines.push(t('workspace.journal.value', { field: f, value: v }));

  if (has('from') || has('to')) {
    // The command declares what its from/to are (shared/mutators).
    const kind = commandJournal(action)?.fromTo;
    const show = (v: unknown): string => {
      if (kind === 'assignee') return typeof v === 'string' ? x.userName(v) : t('workspace.journal.teamQueue');
      if (kind === 'status' && isStatus(v)) return t(`status.${v}`);
      if (kind === 'wiedervorlage' && typeof v === 'string') return formatDate(v, x.lang);
      return readable(v, x);
    };
    lines.push(
      t('workspace.journal.change', {
        field: kind === undefined ? commandLabel(action, t) : field(kind),
        from: show(summary['from']),
        to: show(summary['to']),
      }),
    );
  }
  for (const key of ORDER) {
    if (!has(key)) continue;
    const v = summary[key];
    switch (key) {
      case 'itemId':
        value(field('item'), typeof v === 'string' ? x.itemLabel(v) : readable(v, x));
        break;
      case 'decision': {
        // A decision may come as the bare value or as the stored object ({ decision, note }).
        const d = typeof v === 'object' && v !== null && 'decision' in v ? v.decision : v;
        value(
          field('decision'),
          d === null
            ? t('workspace.journal.withdrawn')
            : isDecision(d)
              ? t(`workspace.pruefliste.decision.${d}`)
              : readable(d, x),
        );
        break;
      }
      case 'comment':
        value(field('comment'), readable(v, x));
        break;
      case 'grund':
        value(field('abschluss'), isAbschlussGrund(v) ? t(`akte.grund.${v}`) : readable(v, x));
        break;
      case 'begruendung':
        if (v !== null && v !== '') value(field('reason'), readable(v, x));
        break;
      case 'approvedBy':
        value(field('approvedBy'), typeof v === 'string' ? x.userName(v) : readable(v, x));
        break;
      case 'contentHash':
        value(field('contentHash'), typeof v === 'string' ? shortHash(v) : readable(v, x));
        break;
      case 'pdfSha256':
        value(field('pdfSha256'), typeof v === 'string' ? shortHash(v) : readable(v, x));
        break;
      case 'note':
      case 'reason':
      case 'text':
      case 'previousText':
        if (v !== null && v !== '') value(field(key), readable(v, x));
        break;
      case 'frist':
      case 'date':
        value(field(key), typeof v === 'string' ? formatDate(v, x.lang) : readable(v, x));
        break;
      case 'channel':
        value(field('channel'), isChannel(v) ? t(`bescheid.dispatch.${CHANNEL_LABEL[v]}`) : readable(v, x));
        break;
      case 'textLength':
        value(field('text'), typeof v === 'number' ? t('workspace.journal.chars', { count: v }) : readable(v, x));
        break;
      case 'dokumentId':
        value(field('document'), (typeof v === 'string' ? x.dokumentName(v) : undefined) ?? readable(v, x));
        break;
      case 'mediaType':
        value(field('mediaType'), typeof v === 'string' ? mediaTypeLabel(v) : readable(v, x));
        break;
      case 'size':
        value(field('size'), typeof v === 'number' ? formatBytes(v, x.lang) : readable(v, x));
        break;
      case 'sha256':
        value(field('sha256'), typeof v === 'string' ? shortHash(v) : readable(v, x));
        break;
      case 'code':
        value(field('reasonCode'), isErrorCode(v) ? t(`errors.${v}`) : readable(v, x));
        break;
      case 'empfaengerName':
        value(field('recipient'), readable(v, x));
        break;
      case 'empfaenger':
        value(field('recipientKey'), readable(v, x));
        break;
    }
  }
  for (const key of Object.keys(summary).sort()) {
    if (!HIDDEN.has(key)) value(key, readable(summary[key], x));
  }
  return lines;
}

function fieldLabel(
  key:
    | 'recipient'
    | 'recipientKey'
    | 'assignee'
    | 'orgUnit'
    | 'status'
    | 'wiedervorlage'
    | 'frist'
    | 'date'
    | 'channel'
    | 'item'
    | 'decision'
    | 'note'
    | 'reason'
    | 'previousText'
    | 'text'
    | 'document'
    | 'size'
    | 'mediaType'
    | 'sha256'
    | 'reasonCode'
    | 'comment'
    | 'approvedBy'
    | 'contentHash'
    | 'pdfSha256'
    | 'abschluss',
  t: TFunction,
): string {
  return t(`workspace.journal.field.${key}`);
}

/** Any JSON value as plain text. */
function readable(v: unknown, x: JournalTexts): string {
  if (v === null || v === undefined || v === '') return x.t('workspace.common.none');
  if (typeof v === 'boolean') return x.t(v ? 'workspace.journal.yes' : 'workspace.journal.no');
  if (typeof v === 'number') return formatNumber(v, x.lang);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((item) => readable(item, x)).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v)
      .map(([k, item]) => `${k}: ${readable(item, x)}`)
      .join('; ');
  }
  // Not JSON (bigint, symbol, function): nothing a journal entry holds.
  return typeof v === 'bigint' ? v.toString() : x.t('workspace.common.none');
}

/** Device and server clocks this far apart mean the action was taken offline (or the clock is off). */
const OFFLINE_THRESHOLD_MS = 60_000;

/** The device time worth showing beside the server time: only when they differ by more than a minute. */
export function offlineCapturedAt(e: Pick<JournalEvent, 'deviceTime' | 'serverTime'>): string | null {
  if (e.deviceTime === null) return null;
  const device = Date.parse(e.deviceTime);
  const server = Date.parse(e.serverTime);
  if (Number.isNaN(device) || Number.isNaN(server)) return null;
  return Math.abs(server - device) > OFFLINE_THRESHOLD_MS ? e.deviceTime : null;
}

export function newestFirst<E extends Pick<JournalEvent, 'seq'>>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => b.seq - a.seq);
}
