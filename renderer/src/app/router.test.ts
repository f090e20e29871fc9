import { describe, expect, it } from 'vitest';
import { INBOX_VIEWS } from '../features/inbox/index.ts';
import { DEFAULT_ROUTE, hrefFor, parseHash, type Route } from './router.ts';

describe('hash routes', () => {
  it('parses the inbox views, the Vorgang view and the absences', () => {
    expect(parseHash('#/inbox/team')).toEqual({ name: 'inbox', view: 'team' });
    expect(parseHash('#/inbox/wiedervorlagen')).toEqual({ name: 'inbox', view: 'wiedervorlagen' });
    expect(parseHash('#/vorgang/5f0c')).toEqual({ name: 'vorgang', id: '5f0c' });
    expect(parseHash('#/team/absences')).toEqual({ name: 'absences' });
  });

  it('falls back to the own inbox for empty or unknown hashes', () => {
    expect(parseHash('')).toEqual(DEFAULT_ROUTE);
    expect(parseHash('#/inbox/fremd')).toEqual(DEFAULT_ROUTE);
    expect(parseHash('#/main')).toEqual(DEFAULT_ROUTE);
    expect(parseHash('#/team/absences/x')).toEqual(DEFAULT_ROUTE);
  });

  it('round-trips through hrefFor, for every view', () => {
    const routes: Route[] = [
      ...INBOX_VIEWS.map((view) => ({ name: 'inbox', view }) as const),
      { name: 'vorgang', id: 'a/b c' },
      { name: 'absences' },
    ];
    for (const r of routes) expect(parseHash(hrefFor(r))).toEqual(r);
  });
});
