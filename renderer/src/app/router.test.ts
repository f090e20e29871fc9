import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE, hrefFor, parseHash } from './router.ts';

describe('hash routes', () => {
  it('parses the inbox views and the Vorgang view', () => {
    expect(parseHash('#/inbox/team')).toEqual({ name: 'inbox', view: 'team' });
    expect(parseHash('#/vorgang/5f0c')).toEqual({ name: 'vorgang', id: '5f0c' });
  });

  it('falls back to the own inbox for empty or unknown hashes', () => {
    expect(parseHash('')).toEqual(DEFAULT_ROUTE);
    expect(parseHash('#/inbox/fremd')).toEqual(DEFAULT_ROUTE);
    expect(parseHash('#/main')).toEqual(DEFAULT_ROUTE);
  });

  it('round-trips through hrefFor', () => {
    for (const r of [{ name: 'inbox', view: 'open' } as const, { name: 'vorgang', id: 'a/b c' } as const]) {
      expect(parseHash(hrefFor(r))).toEqual(r);
    }
  });
});
