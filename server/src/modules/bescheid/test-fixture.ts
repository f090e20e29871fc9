/*
 * Test-only helpers for the Bescheid module: Vorgänge with Bescheide in a given state, written
 * straight into the tables (faster than driving each state through push; freigabe.test.ts does
 * that end to end), and a small test PKI as seal key material.
 */
import { randomUUID } from 'node:crypto';
import { generateTestPki, type TestPki } from './demo-pki.ts';
import { bescheidContentHash, type Bescheid, type BescheidContent } from '../../../../shared/domain/bescheid.ts';
import { vorgang as vorgangSchema, type Vorgang } from '../../../../shared/domain/vorgang.ts';
import type { Database } from '../../db/database.ts';
import { nextChangeSeq, writeTransaction } from '../../db/write.ts';
import { writeVorgang } from '../vorgaenge/store.ts';
import type { SealKeyMaterial } from './keys.ts';
import { writeBescheid } from './store.ts';

export const AUTHOR_ID = 'u-sachbearbeiter1';
export const APPROVER_ID = 'u-teamleitung1';
export const OE1 = 'oe-buergerservice-1';
export const APPROVED_AT = '2026-11-23T08:45:00.000Z';

export const CONTENT: BescheidContent = {
  decision: 'bewilligung',
  vorlageId: 'bewohnerparkausweis-bewilligung',
  recipient: { addressLines: ['Herrn', 'Jörg Weißmüller', 'Gänseblümchenweg 17 a', '12345 Musterstadt'] },
  betreff: 'Bescheid über die Erteilung eines Bewohnerparkausweises für die Zone B (Gänsemarkt)',
  anrede: 'Sehr geehrter Herr Weißmüller,',
  sections: {
    tenor: {
      heading: 'Entscheidung',
      paragraphs: ['Ihnen wird ein Bewohnerparkausweis für die Bewohnerparkzone B (Gänsemarkt) erteilt.'],
    },
    begruendung: {
      heading: 'Begründung',
      paragraphs: ['Sie sind mit Hauptwohnsitz in der Zone gemeldet; das Fahrzeug ist auf Sie zugelassen.'],
    },
    gebuehren: { heading: 'Gebühren', paragraphs: ['Die Gebühr beträgt 30,70\u00a0€.'] },
    schlussformel: { paragraphs: ['Mit freundlichen Grüßen\nIm Auftrag', 'Schäfer'] },
  },
  gebuehr: { cents: 3070, override: null },
};

let counter = 0;

export interface BescheidFixture {
  v: Vorgang;
  b: Bescheid;
}

/**
 * A Vorgang (status `vorgangStatus`, default freigegeben) with a Bescheid approved by the lead
 * over `approved` (default CONTENT). `content` replaces what is stored while the approval keeps
 * the approved hash (tampering); `state` overrides the Bescheid state.
 */
export async function addBescheid(
  db: Database,
  options: {
    state?: Bescheid['state'];
    approved?: BescheidContent;
    content?: BescheidContent;
    vorgangStatus?: Vorgang['status'];
  } = {},
): Promise<BescheidFixture> {
  counter += 1;
  const approvedContent = options.approved ?? CONTENT;
  const hash = await bescheidContentHash(approvedContent);
  const state = options.state ?? 'freigegeben';
  const approved = state === 'freigegeben' || state === 'gesiegelt';
  const v = vorgangSchema.parse({
    id: randomUUID(),
    aktenzeichen: `32.10.05-2026/BPA${String(counter).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
    verfahrenId: 'bewohnerparkausweis',
    status: options.vorgangStatus ?? 'freigegeben',
    applicant: {
      givenName: 'Jörg',
      familyName: 'Weißmüller',
      street: 'Gänseblümchenweg 17 a',
      postalCode: '12345',
      city: 'Musterstadt',
    },
    antragsdaten: {},
    receivedAt: '2026-11-02T08:00:00.000Z',
    frist: '2026-12-14',
    assigneeId: AUTHOR_ID,
    orgUnitId: OE1,
    wiedervorlage: null,
    version: 7,
    updatedAt: APPROVED_AT,
  });
  const b: Bescheid = {
    id: randomUUID(),
    vorgangId: v.id,
    orgUnitId: v.orgUnitId,
    content: options.content ?? approvedContent,
    state,
    authorId: AUTHOR_ID,
    editorIds: [AUTHOR_ID],
    submittedHash: state === 'entwurf' ? null : hash,
    submittedAt: state === 'entwurf' ? null : '2026-11-23T08:00:00.000Z',
    approval: approved ? { by: APPROVER_ID, at: APPROVED_AT, hash } : null,
    returnComment: null,
    dokumentId: null,
    version: 3,
    updatedAt: APPROVED_AT,
  };
  await writeTransaction(db, async (tx) => {
    await writeVorgang(tx, v, await nextChangeSeq(tx));
    await writeBescheid(tx, b, await nextChangeSeq(tx));
  });
  return { v, b };
}

let pki: TestPki | undefined;

/** One small test PKI per test file; valid from before the tests' clock (TEST_NOW) and the real one. */
export function testPki(notBefore: Date): TestPki {
  pki ??= generateTestPki({ keyBits: 2048, now: new Date(Math.min(Date.now(), notBefore.getTime())) });
  return pki;
}

export function testSealKeys(notBefore: Date): SealKeyMaterial {
  const { seal, root } = testPki(notBefore);
  return {
    privateKeyPem: seal.privateKeyPem,
    certChainPem: seal.certificatePem + root.certificatePem,
    trustAnchorsPem: root.certificatePem,
  };
}
