import { describe, expect, it } from 'vitest';
import type { Absence } from './absence.ts';
import { isDeputyFor, workBlocker } from './may-work.ts';
import type { User } from './user.ts';

const clerk = (id: string, orgUnitId = 'ou-1') => ({ id, roles: ['clerk'] as User['roles'], orgUnitId });
const lead = { id: 'lead', roles: ['clerk', 'lead'] as User['roles'], orgUnitId: 'ou-1' };
const absence = (p: Partial<Absence> = {}): Absence => ({
  id: '00000000-0000-4000-8000-000000000001',
  userId: 'anna',
  deputyId: 'bert',
  orgUnitId: 'ou-1',
  from: '2026-11-20',
  to: '2026-11-27',
  createdBy: 'anna',
  createdAt: '2026-11-19T08:00:00.000Z',
  cancelled: false,
  ...p,
});
const v = { assigneeId: 'anna', orgUnitId: 'ou-1' };
const unassigned = { assigneeId: null, orgUnitId: 'ou-1' };
const today = '2026-11-23';

describe('workBlocker', () => {
  it('lets the assignee and the lead of the org unit work', () => {
    expect(workBlocker(clerk('anna'), v, [], today)).toBeNull();
    expect(workBlocker(lead, v, [], today)).toBeNull();
    expect(workBlocker(lead, unassigned, [], today)).toBeNull();
    expect(workBlocker({ ...lead, orgUnitId: 'ou-2' }, v, [], today)).toBe('other_unit');
  });

  it('lets a deputy work only while the absence lasts and is not cancelled', () => {
    expect(workBlocker(clerk('bert'), v, [absence()], today)).toBeNull();
    expect(workBlocker(clerk('bert'), v, [absence()], '2026-11-27')).toBeNull();
    expect(workBlocker(clerk('bert'), v, [absence()], '2026-11-28')).toBe('not_assignee');
    expect(workBlocker(clerk('bert'), v, [absence({ cancelled: true })], today)).toBe('not_assignee');
    expect(workBlocker(clerk('carl'), v, [absence()], today)).toBe('not_assignee');
  });

  it('counts only an absence of the assignee, in the Vorgang’s org unit', () => {
    expect(workBlocker(clerk('bert'), v, [absence({ userId: 'dora' })], today)).toBe('not_assignee');
    expect(workBlocker(clerk('bert'), v, [absence({ orgUnitId: 'ou-2' })], today)).toBe('not_assignee');
  });

  it('gives nobody but the lead an unassigned Vorgang to work', () => {
    expect(workBlocker(clerk('bert'), unassigned, [absence()], today)).toBe('unassigned');
  });
});

describe('isDeputyFor', () => {
  it('holds for the named deputy of an absent assignee only', () => {
    expect(isDeputyFor('bert', v, [absence()], today)).toBe(true);
    expect(isDeputyFor('anna', v, [absence({ deputyId: 'anna' })], today)).toBe(false);
    expect(isDeputyFor('bert', unassigned, [absence()], today)).toBe(false);
  });
});
