import { describe, expect, it } from 'vitest';
import type { Absence, User } from '../../../../shared/domain/index.ts';
import { mayWorkOn } from './may-work.ts';

const clerk = (id: string): User => ({ id, username: id, displayName: id, roles: ['clerk'], orgUnitId: 'ou-1' });
const lead: User = { ...clerk('lead'), roles: ['clerk', 'lead'] };
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
const today = '2026-11-23';

describe('mayWorkOn', () => {
  it('lets the assignee and the lead of the org unit work', () => {
    expect(mayWorkOn(clerk('anna'), v, [], today)).toBe(true);
    expect(mayWorkOn(lead, v, [], today)).toBe(true);
    expect(mayWorkOn(lead, { assigneeId: null, orgUnitId: 'ou-1' }, [], today)).toBe(true);
    expect(mayWorkOn({ ...lead, orgUnitId: 'ou-2' }, v, [], today)).toBe(false);
  });

  it('lets a deputy work only while the absence lasts and is not cancelled', () => {
    expect(mayWorkOn(clerk('bert'), v, [absence()], today)).toBe(true);
    expect(mayWorkOn(clerk('bert'), v, [absence()], '2026-11-28')).toBe(false);
    expect(mayWorkOn(clerk('bert'), v, [absence({ cancelled: true })], today)).toBe(false);
    expect(mayWorkOn(clerk('carl'), v, [absence()], today)).toBe(false);
  });

  it('gives nobody but the lead an unassigned Vorgang to work', () => {
    expect(mayWorkOn(clerk('bert'), { assigneeId: null, orgUnitId: 'ou-1' }, [absence()], today)).toBe(false);
  });
});
