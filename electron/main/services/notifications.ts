import type { NotifyWiedervorlageInput } from '../../../shared/contracts/ipc/index.ts';
import { createWiedervorlageDedupe, wiedervorlageNotification } from '../../../shared/contracts/ipc/notifications.ts';

/** The parts of Electron's main-process Notification the service uses. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationServiceOptions {
  create(options: { title: string; body: string }): NotificationLike;
  /** Electron's Notification.isSupported(); false on systems without a notification server. */
  isSupported(): boolean;
  /** Called on a click: focus the window and, for a single Vorgang, ask the renderer to open it. */
  onClick(vorgangId: string | null): void;
}

export interface NotificationService {
  notifyWiedervorlage(input: NotifyWiedervorlageInput): { shown: number };
}

/**
 * One OS notification per batch of newly due Wiedervorlagen. The renderer may send its whole
 * due list whenever it changes; what was already shown in this app session is left out.
 */
export function createNotificationService(options: NotificationServiceOptions): NotificationService {
  const fresh = createWiedervorlageDedupe();
  // Electron drops a notification's click handler once the object is garbage-collected, which
  // happens long before a user clicks one that waited in the notification centre.
  const live = new Set<NotificationLike>();

  return {
    notifyWiedervorlage({ items, locale }) {
      if (!options.isSupported()) return { shown: 0 };
      const [first, ...rest] = fresh(items);
      if (first === undefined) return { shown: 0 };
      const { title, body, vorgangId } = wiedervorlageNotification([first, ...rest], locale);
      const notification = options.create({ title, body });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        options.onClick(vorgangId);
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
      return { shown: rest.length + 1 };
    },
  };
}
