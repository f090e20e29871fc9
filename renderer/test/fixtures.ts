import {
  emptyPrueflisteState,
  type Note,
  type User,
  type VerfahrenDef,
  type Vorgang,
} from '../../shared/domain/index.ts';

export const clerk: User = {
  id: 'u-clerk',
  username: 'clerk',
  displayName: 'Clara Clerk',
  roles: ['clerk'],
  orgUnitId: 'ou-1',
};

export const colleague: User = {
  id: 'u-colleague',
  username: 'colleague',
  displayName: 'Carl Colleague',
  roles: ['clerk'],
  orgUnitId: 'ou-1',
};

export const lead: User = {
  id: 'u-lead',
  username: 'lead',
  displayName: 'Lena Lead',
  roles: ['clerk', 'lead'],
  orgUnitId: 'ou-1',
};

let counter = 0;

/** A deterministic UUID for test data (version nibble 4, variant 8). */
export function testUuid(n: number = ++counter): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function makeVorgang(overrides: Partial<Vorgang> = {}): Vorgang {
  const n = ++counter;
  return {
    id: testUuid(n),
    aktenzeichen: `32.10.05-2026/${String(n).padStart(5, '0')}`,
    verfahrenId: 'bewohnerparkausweis',
    status: 'eingegangen',
    applicant: {
      givenName: 'Jürgen',
      familyName: 'Müller',
      street: 'Hauptstr. 1',
      postalCode: '10115',
      city: 'Berlin',
    },
    antragsdaten: { kennzeichen: 'B-AB 123' },
    receivedAt: '2026-11-02T09:00:00.000Z',
    frist: '2026-11-30',
    assigneeId: null,
    orgUnitId: 'ou-1',
    wiedervorlage: null,
    nachforderung: null,
    versand: null,
    prueflisteVersion: null,
    pruefliste: emptyPrueflisteState(),
    version: 1,
    updatedAt: '2026-11-02T09:00:00.000Z',
    ...overrides,
  };
}

export function makeNote(vorgangId: string, overrides: Partial<Note> = {}): Note {
  return {
    id: testUuid(),
    vorgangId,
    authorId: clerk.id,
    text: 'Rückfrage beim Antragsteller',
    createdAt: '2026-11-03T10:00:00.000Z',
    updatedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

export const verfahren: VerfahrenDef = {
  id: 'bewohnerparkausweis',
  version: 1,
  name: { de: 'Bewohnerparkausweis', en: 'Residents’ parking permit' },
  aktenplanKennzeichen: '32.10.05',
  fristArbeitstage: 10,
  groups: [
    {
      id: 'fahrzeug',
      label: { de: 'Fahrzeug', en: 'Vehicle' },
      fields: [{ id: 'kennzeichen', label: { de: 'Kennzeichen', en: 'Plate' }, type: 'text', required: true }],
    },
  ],
};
