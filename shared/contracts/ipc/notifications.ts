import type { NotificationLocale, WiedervorlageItem } from './index.ts';

/**
 * What a Wiedervorlage notification says, shared by the desktop (main process) and web
 * implementations so both say the same. Only Aktenzeichen and counts: a notification can
 * show on a locked screen, so no applicant names or Antragsdaten.
 */
export interface WiedervorlageNotification {
  title: string;
  body: string;
  /** The Vorgang a click opens: the only one in the batch; null for several (click just focuses). */
  vorgangId: string | null;
}

const TEXTS = {
  de: {
    title: 'Wiedervorlage fällig',
    one: (aktenzeichen: string) => `Vorgang ${aktenzeichen}`,
    many: (count: number) => `${count} Vorgänge sind wieder vorzulegen.`,
  },
  en: {
    title: 'Follow-up due',
    one: (aktenzeichen: string) => `Case ${aktenzeichen}`,
    many: (count: number) => `${count} cases are due for follow-up.`,
  },
} as const satisfies Record<NotificationLocale, unknown>;

/** The notification for a non-empty batch of new items. */
export function wiedervorlageNotification(
  items: readonly [WiedervorlageItem, ...WiedervorlageItem[]],
  locale: NotificationLocale = 'de',
): WiedervorlageNotification {
  const texts = TEXTS[locale];
  const [first] = items;
  return items.length === 1
    ? { title: texts.title, body: texts.one(first.aktenzeichen), vorgangId: first.vorgangId }
    : { title: texts.title, body: texts.many(items.length), vorgangId: null };
}

/**
 * Remembers which (Vorgang, Wiedervorlage date) pairs were notified, so the renderer may send
 * its full due list whenever it changes and each item is shown once per app session. A new
 * date for the same Vorgang is a new Wiedervorlage and is shown again.
 */
export function createWiedervorlageDedupe(): (items: readonly WiedervorlageItem[]) => WiedervorlageItem[] {
  const seen = new Set<string>();
  return (items) => {
    const fresh: WiedervorlageItem[] = [];
    for (const item of items) {
      const key = `${item.vorgangId}|${item.date}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(item);
    }
    return fresh;
  };
}
