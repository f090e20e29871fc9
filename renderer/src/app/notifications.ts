import { useEffect } from 'react';
import { MAX_NOTIFY_ITEMS } from '../../../shared/contracts/ipc/index.ts';
import type { AmtsplatzDb } from '../db/index.ts';
import { dueWiedervorlagen, type InboxSource } from '../features/inbox/index.ts';
import type { Lang } from '../i18n/index.ts';
import type { NotificationPermissionState, Platform } from '../platform/index.ts';

/** Coalesces the bursts of index changes during a sync into one look at the due list. */
const SETTLE_MS = 1000;

interface Options {
  platform: Platform;
  db: AmtsplatzDb;
  /** null until the Shell has created it. */
  source: InboxSource | null;
  userId: string;
  today: string;
  lang: Lang;
  /** A new permission (the user just allowed notifications) sends the due list again. */
  permission: NotificationPermissionState;
}

/**
 * Hands the user's due Wiedervorlagen to the platform's notification service: once the index
 * is loaded, whenever that list changes, and when the day changes. The service remembers what
 * it has shown in this session, so sending the full list again never repeats a notification.
 */
export function useWiedervorlageNotifications({ platform, db, source, userId, today, lang, permission }: Options) {
  useEffect(() => {
    if (source === null) return;
    let last: string | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const run = async (): Promise<void> => {
      timer = null;
      if (!source.isReady()) return;
      const due = dueWiedervorlagen(source.index.entries(), userId, today).slice(0, MAX_NOTIFY_ITEMS);
      const key = due.map((d) => `${d.vorgangId}|${d.date}`).join(',');
      if (key === last) return;
      last = key;
      if (due.length === 0) return;
      const rows = await db.vorgaenge.bulkGet(due.map((d) => d.vorgangId));
      if (stopped) return;
      const items = due.flatMap((d, i) => {
        const r = rows[i];
        return r ? [{ vorgangId: d.vorgangId, aktenzeichen: r.aktenzeichen, date: d.date }] : [];
      });
      const result = await platform.notifyWiedervorlage(items, { locale: lang });
      if (!result.ok) console.warn('Wiedervorlage notification failed', result.error.code);
    };
    const schedule = (): void => {
      if (timer === null && !stopped) timer = setTimeout(() => void run(), SETTLE_MS);
    };

    schedule();
    const unsubscribe = source.subscribe(schedule);
    return () => {
      stopped = true;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [platform, db, source, userId, today, lang, permission]);
}
