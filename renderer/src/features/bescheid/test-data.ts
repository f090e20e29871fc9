import { DEMO_AUTHORITY, type Authority } from '../../../../shared/bescheid/authority.ts';
import { DEMO_ANTRAGSDATEN } from '../../../../shared/bescheid/template/test-helpers.ts';
import type { Bescheid, BescheidContent, Vorgang } from '../../../../shared/domain/index.ts';
import { makeVorgang, testUuid } from '../../../test/fixtures.ts';
import { bescheidRegistries, type BescheidRegistries } from './resources.ts';
import type { RenderInput } from './start.ts';

/** Test-only: the shipped registries, which must load. */
export function registries(): BescheidRegistries {
  const r = bescheidRegistries();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Test-only: an entscheidungsreif Vorgang with complete demo Antragsdaten of its Verfahren. */
export function demoVorgang(verfahrenId = 'bewohnerparkausweis', overrides: Partial<Vorgang> = {}): Vorgang {
  return makeVorgang({
    verfahrenId,
    status: 'entscheidungsreif',
    antragsdaten: { ...DEMO_ANTRAGSDATEN[verfahrenId] },
    ...overrides,
  });
}

export function renderInput(vorgang: Vorgang, vorlageId: string, authority: Authority = DEMO_AUTHORITY): RenderInput {
  return {
    registries: registries(),
    vorgang,
    vorlageId,
    authority,
    today: '2026-11-23',
    sachbearbeitung: { name: 'Clara Clerk' },
  };
}

export const CONTENT: BescheidContent = {
  decision: 'bewilligung',
  vorlageId: 'bewohnerparkausweis-bewilligung',
  recipient: { addressLines: ['Jürgen Müller', 'Hauptstr. 1', '10115 Berlin'] },
  betreff: 'Bewohnerparkausweis für die Bewohnerparkzone B\nIhr Antrag vom 02.11.2026',
  anrede: 'Sehr geehrter Herr Müller,',
  sections: {
    tenor: { heading: 'Entscheidung', paragraphs: ['1. Ihnen wird ein Bewohnerparkausweis erteilt.', '2. Gebühr.'] },
    rechtsbehelfsbelehrung: { heading: 'Rechtsbehelfsbelehrung', paragraphs: ['Widerspruch binnen eines Monats.'] },
    schlussformel: { paragraphs: ['Mit freundlichen Grüßen\nIm Auftrag\nClara Clerk'] },
  },
  gebuehr: { cents: 3070, override: null },
};

export function makeBescheid(overrides: Partial<Bescheid> = {}): Bescheid {
  return {
    id: testUuid(),
    vorgangId: testUuid(),
    orgUnitId: 'ou-1',
    content: CONTENT,
    state: 'entwurf',
    authorId: 'u-clerk',
    editorIds: ['u-clerk'],
    submittedHash: null,
    submittedAt: null,
    approval: null,
    returnComment: null,
    dokumentId: null,
    version: 1,
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}
