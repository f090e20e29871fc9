/**
 * Locale-aware formatting. Dates without time (Frist, Wiedervorlage) are calendar dates:
 * they are formatted in UTC so no time zone can shift them by a day.
 */
export const LANGUAGES = ['de', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as F;
}

const DATE_PARTS = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDateToUtc(isoDate: string): number | null {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : t;
}

/** 2026-11-23 → 23.11.2026 (de) / 23/11/2026 (en). Unparseable input is returned unchanged. */
export function formatDate(isoDate: string, lang: Lang): string {
  const t = isoDateToUtc(isoDate);
  if (t === null) return isoDate;
  const f = cached(`d:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { ...DATE_PARTS, timeZone: 'UTC' }));
  return f.format(t);
}

/** An instant in the user's time zone (or the given one), e.g. 23.11.2026, 10:05. */
export function formatDateTime(isoDateTime: string, lang: Lang, timeZone?: string): string {
  const t = Date.parse(isoDateTime);
  if (Number.isNaN(t)) return isoDateTime;
  const f = cached(
    `dt:${lang}:${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        ...DATE_PARTS,
        hour: '2-digit',
        minute: '2-digit',
        ...(timeZone ? { timeZone } : {}),
      }),
  );
  return f.format(t);
}

export function formatMoney(euros: number, lang: Lang): string {
  return cached(
    `eur:${lang}`,
    () => new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' }),
  ).format(euros);
}

export function formatNumber(n: number, lang: Lang): string {
  return cached(`n:${lang}`, () => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 6 })).format(n);
}

/** The user's local calendar date as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Calendar days from `today` to `frist` (negative when overdue); null for malformed dates. */
export function daysUntil(frist: string, today: string): number | null {
  const a = isoDateToUtc(today);
  const b = isoDateToUtc(frist);
  if (a === null || b === null) return null;
  return Math.round((b - a) / 86_400_000);
}
