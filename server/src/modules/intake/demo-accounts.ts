import type { OrgUnit, User } from '../../../../shared/domain/index.ts';

/** Org units of the demo installation; the first one holds most of the work. */
export const DEMO_ORG_UNITS: readonly OrgUnit[] = [
  { id: 'oe-buergerservice-1', name: 'Bürgerservice – Team 1' },
  { id: 'oe-buergerservice-2', name: 'Bürgerservice – Team 2' },
];

/** Demo users; ids are stable so seeds, tests and e2e specs can refer to them. */
export const DEMO_USERS: readonly User[] = [
  {
    id: 'u-sachbearbeiter1',
    username: 'sachbearbeiter1',
    displayName: 'Anna Schäfer',
    roles: ['clerk'],
    orgUnitId: 'oe-buergerservice-1',
  },
  {
    id: 'u-sachbearbeiter2',
    username: 'sachbearbeiter2',
    displayName: 'Jörg Weißmüller',
    roles: ['clerk'],
    orgUnitId: 'oe-buergerservice-1',
  },
  {
    id: 'u-teamleitung1',
    username: 'teamleitung1',
    displayName: 'Dr. Sabine Köhler',
    roles: ['lead'],
    orgUnitId: 'oe-buergerservice-1',
  },
  {
    id: 'u-sachbearbeiter3',
    username: 'sachbearbeiter3',
    displayName: 'Mehmet Öztürk',
    roles: ['clerk'],
    orgUnitId: 'oe-buergerservice-2',
  },
  {
    id: 'u-admin',
    username: 'admin',
    displayName: 'Lukas Brüggemann (IT)',
    roles: ['admin'],
    orgUnitId: 'oe-buergerservice-1',
  },
];

/**
 * The demo org units with their clerks as possible assignees, in the shape
 * generateDemoVorgaenge takes. Leads and admins approve or administer; they get no cases.
 */
export function demoIntakeOrgUnits(): { id: string; assigneeIds: string[] }[] {
  return DEMO_ORG_UNITS.map((oe) => ({
    id: oe.id,
    assigneeIds: DEMO_USERS.filter((u) => u.orgUnitId === oe.id && u.roles.includes('clerk')).map((u) => u.id),
  }));
}
