import { describe, expect, it } from 'vitest';
import { orgUnit, user } from '../../../../shared/domain/index.ts';
import { DEMO_ORG_UNITS, DEMO_USERS, demoIntakeOrgUnits } from './demo-accounts.ts';

describe('demo accounts', () => {
  it('are valid users of known org units with unique ids and usernames', () => {
    for (const oe of DEMO_ORG_UNITS) expect(orgUnit.parse(oe)).toEqual(oe);
    const oeIds = new Set(DEMO_ORG_UNITS.map((o) => o.id));
    for (const u of DEMO_USERS) {
      expect(user.parse(u)).toEqual(u);
      expect(oeIds.has(u.orgUnitId)).toBe(true);
    }
    expect(new Set(DEMO_USERS.map((u) => u.id)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
  });

  it('cover the roles the demo needs', () => {
    const byName = new Map(DEMO_USERS.map((u) => [u.username, u]));
    expect(byName.get('teamleitung1')).toMatchObject({ roles: ['lead'], orgUnitId: 'oe-buergerservice-1' });
    expect(byName.get('sachbearbeiter3')).toMatchObject({ roles: ['clerk'], orgUnitId: 'oe-buergerservice-2' });
    expect(byName.get('admin')?.roles).toEqual(['admin']);
  });

  it('offer only clerks of the same org unit as assignees', () => {
    expect(demoIntakeOrgUnits()).toEqual([
      { id: 'oe-buergerservice-1', assigneeIds: ['u-sachbearbeiter1', 'u-sachbearbeiter2'] },
      { id: 'oe-buergerservice-2', assigneeIds: ['u-sachbearbeiter3'] },
    ]);
  });
});
