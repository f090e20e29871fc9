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
      { name: 'team' },
    ];
    for (const r of routes) expect(parseHash(hrefFor(r))).toStrictEqual(r);
  });

  it('parses the team console, apart from the absences below it', () => {
    expect(parseHash('#/team')).toStrictEqual({ name: 'team' });
    expect(parseHash('#/team/')).toStrictEqual({ name: 'team' });
    expect(parseHash('#/team/absences')).toStrictEqual({ name: 'absences' });
  });
});

describe('inbox links with a filter (the team console’s drill-downs)', () => {
  it('round-trip every part, the team queue as an empty assignee', () => {
    const routes: Route[] = [
      {
        name: 'inbox',
        view: 'team',
        filter: { assignee: 'u-sachbearbeiter1', frist: { from: '2026-05-04', to: '2026-05-08' }, withParked: true },
        status: 'zur_freigabe',
      },
      { name: 'inbox', view: 'overdue', filter: { assignee: '' } },
      { name: 'inbox', view: 'team', filter: { received: { from: '2026-04-27', to: '2026-05-03' } }, status: 'all' },
      {
        name: 'inbox',
        view: 'team',
        filter: { updated: { from: '2026-04-27', to: '2026-05-03' }, withParked: true },
        status: 'abgeschlossen',
      },
      { name: 'inbox', view: 'waiting', status: 'open' },
    ];
    for (const r of routes) expect(parseHash(hrefFor(r))).toStrictEqual(r);
  });

  it('encodes a fixed parameter order, so equal links are equal hrefs', () => {
    expect(
      hrefFor({
        name: 'inbox',
        view: 'team',
        status: 'all',
        filter: { withParked: true, frist: { from: '2026-05-04', to: '2026-05-04' }, assignee: 'u 1' },
      }),
    ).toBe('#/inbox/team?assignee=u+1&frist=2026-05-04..2026-05-04&parked=1&status=all');
    expect(hrefFor({ name: 'inbox', view: 'team', filter: {} })).toBe('#/inbox/team');
  });

  it('leaves out malformed parts and ignores unknown parameters', () => {
    expect(parseHash('#/inbox/team?frist=2026-05-08..2026-05-04')).toStrictEqual({ name: 'inbox', view: 'team' });
    expect(parseHash('#/inbox/team?frist=2026-02-30..2026-03-01&status=fertig&parked=ja')).toStrictEqual({
      name: 'inbox',
      view: 'team',
    });
    expect(parseHash('#/inbox/team?received=2026-05-04&x=1&status=wartet')).toStrictEqual({
      name: 'inbox',
      view: 'team',
      status: 'wartet',
    });
    expect(parseHash(`#/inbox/team?assignee=${'x'.repeat(65)}`)).toStrictEqual({ name: 'inbox', view: 'team' });
  });

  it('a query does not make an unknown path valid', () => {
    expect(parseHash('#/inbox/fremd?assignee=u-1')).toEqual(DEFAULT_ROUTE);
  });
});
