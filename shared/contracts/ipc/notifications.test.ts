import { describe, expect, it } from 'vitest';
import type { WiedervorlageItem } from './index.ts';
import { createWiedervorlageDedupe, wiedervorlageNotification } from './notifications.ts';

const a: WiedervorlageItem = {
  vorgangId: '00000000-0000-4000-8000-00000000000a',
  aktenzeichen: '32.10.05-2026/00042',
  date: '2026-11-23',
};
const b: WiedervorlageItem = { ...a, vorgangId: '00000000-0000-4000-8000-00000000000b', aktenzeichen: 'B-2' };
const c: WiedervorlageItem = { ...a, vorgangId: '00000000-0000-4000-8000-00000000000c', aktenzeichen: 'C-3' };

describe('wiedervorlageNotification', () => {
  it('names the single Vorgang by Aktenzeichen and opens it on click', () => {
    expect(wiedervorlageNotification([a])).toEqual({
      title: 'Wiedervorlage fällig',
      body: 'Vorgang 32.10.05-2026/00042',
      vorgangId: a.vorgangId,
    });
  });

  it('counts several Vorgänge and opens none of them', () => {
    expect(wiedervorlageNotification([a, b, c])).toEqual({
      title: 'Wiedervorlage fällig',
      body: '3 Vorgänge sind wieder vorzulegen.',
      vorgangId: null,
    });
  });

  it('speaks English on request', () => {
    expect(wiedervorlageNotification([a, b], 'en')).toMatchObject({
      title: 'Follow-up due',
      body: '2 cases are due for follow-up.',
    });
  });
});

describe('createWiedervorlageDedupe', () => {
  it('lets each Vorgang and date through once, also within one batch', () => {
    const fresh = createWiedervorlageDedupe();
    expect(fresh([a, b, a])).toEqual([a, b]);
    expect(fresh([a, b])).toEqual([]);
    expect(fresh([b, c])).toEqual([c]);
  });

  it('treats a new Wiedervorlage date of the same Vorgang as new', () => {
    const fresh = createWiedervorlageDedupe();
    fresh([a]);
    const later = { ...a, date: '2026-12-01' };
    expect(fresh([later])).toEqual([later]);
  });

  it('keeps separate memories per instance', () => {
    const one = createWiedervorlageDedupe();
    const two = createWiedervorlageDedupe();
    one([a]);
    expect(two([a])).toEqual([a]);
  });
});
