import { describe, expect, it } from 'vitest';
import type { WiedervorlageItem } from '../../../shared/contracts/ipc/index.ts';
import { createNotificationService, type NotificationLike } from './notifications.ts';

class FakeNotification implements NotificationLike {
  readonly title: string;
  readonly body: string;
  shown = false;
  private readonly listeners = new Map<string, () => void>();
  constructor(options: { title: string; body: string }) {
    this.title = options.title;
    this.body = options.body;
  }
  on(event: 'click' | 'close', listener: () => void) {
    this.listeners.set(event, listener);
    return this;
  }
  show() {
    this.shown = true;
  }
  click() {
    this.listeners.get('click')?.();
  }
}

const item = (n: number, date = '2026-11-23'): WiedervorlageItem => ({
  vorgangId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  aktenzeichen: `32.10.05-2026/${String(n).padStart(5, '0')}`,
  date,
});

function setup(supported = true) {
  const created: FakeNotification[] = [];
  const clicks: (string | null)[] = [];
  const service = createNotificationService({
    create: (o) => {
      const n = new FakeNotification(o);
      created.push(n);
      return n;
    },
    isSupported: () => supported,
    onClick: (id) => clicks.push(id),
  });
  return { service, created, clicks };
}

describe('notification service', () => {
  it('shows one German notification naming the single Aktenzeichen, whose click opens that Vorgang', () => {
    const { service, created, clicks } = setup();
    expect(service.notifyWiedervorlage({ items: [item(42)] })).toEqual({ shown: 1 });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      title: 'Wiedervorlage fällig',
      body: 'Vorgang 32.10.05-2026/00042',
      shown: true,
    });
    created[0]?.click();
    expect(clicks).toEqual([item(42).vorgangId]);
  });

  it('shows one notification per batch that counts the Vorgänge; a click only focuses', () => {
    const { service, created, clicks } = setup();
    expect(service.notifyWiedervorlage({ items: [item(1), item(2), item(3)] })).toEqual({ shown: 3 });
    expect(created.map((n) => n.body)).toEqual(['3 Vorgänge sind wieder vorzulegen.']);
    created[0]?.click();
    expect(clicks).toEqual([null]);
  });

  it('does not notify an item twice in one session, but a new date again', () => {
    const { service, created } = setup();
    service.notifyWiedervorlage({ items: [item(1), item(2)] });
    expect(service.notifyWiedervorlage({ items: [item(1), item(2)] })).toEqual({ shown: 0 });
    expect(created).toHaveLength(1);
    expect(service.notifyWiedervorlage({ items: [item(1), item(2), item(3)] })).toEqual({ shown: 1 });
    expect(created[1]?.body).toBe('Vorgang 32.10.05-2026/00003');
    expect(service.notifyWiedervorlage({ items: [item(1, '2026-12-01')] })).toEqual({ shown: 1 });
  });

  it('uses English when asked', () => {
    const { service, created } = setup();
    service.notifyWiedervorlage({ items: [item(1), item(2)], locale: 'en' });
    expect(created[0]).toMatchObject({ title: 'Follow-up due', body: '2 cases are due for follow-up.' });
  });

  it('shows nothing for an empty list or where the system has no notifications', () => {
    const empty = setup();
    expect(empty.service.notifyWiedervorlage({ items: [] })).toEqual({ shown: 0 });
    expect(empty.created).toHaveLength(0);

    const unsupported = setup(false);
    expect(unsupported.service.notifyWiedervorlage({ items: [item(1)] })).toEqual({ shown: 0 });
    expect(unsupported.created).toHaveLength(0);
  });
});
