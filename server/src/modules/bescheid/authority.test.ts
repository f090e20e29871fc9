/*
 * The authority is configured once, on the server (`--behoerde FILE`): the clients fetch it to
 * render Textvorlagen and previews, and the seal service renders the sealed letter with it. A
 * server configured for an NW authority therefore seals an NW Bescheid: its court, its bank
 * account, its Rechtsbehelfsbelehrung (Klage, no Widerspruch) — nothing of the demo authority.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { pdftotext, withPdfFile } from '../../../../scripts/lib/pdf-tools.ts';
import { NW_AUTHORITY, NW_RECHTSBEHELF } from '../../../../shared/bescheid/test-authorities.ts';
import {
  bescheidContext,
  gebuehrenRegistry,
  vorlagenRegistry,
  type NamedJson,
} from '../../../../shared/bescheid/template/index.ts';
import { DEMO_ANTRAGSDATEN } from '../../../../shared/bescheid/template/test-helpers.ts';
import { authorityResponse } from '../../../../shared/contracts/http/authority.ts';
import { bescheidSealResponse } from '../../../../shared/contracts/http/bescheid.ts';
import type { BescheidContent } from '../../../../shared/domain/bescheid.ts';
import { verfahrenDef } from '../../../../shared/domain/verfahren.ts';
import { describeBackends } from '../../../test/backends.ts';
import { TEST_NOW, TestClock, bearer, login, testApp, useSeededDb } from '../../../test/harness.ts';
import { DEMO_AUTHORITY, loadAuthority, type Authority } from './authority.ts';
import { createSealService, loadLetterAssets, type SealService } from './seal-service.ts';
import { addBescheid, testSealKeys } from './test-fixture.ts';

let dir: string;
let nwFile: string;
let service: SealService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-authority-'));
  nwFile = join(dir, 'behoerde-nw.json');
  await writeFile(nwFile, JSON.stringify(NW_AUTHORITY, null, 2));
  service = createSealService({
    keys: testSealKeys(TEST_NOW),
    authority: await loadAuthority(nwFile),
    assets: await loadLetterAssets(),
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The shipped Textvorlagen as a Node caller loads them (the client bundles the same files). */
const resources = new URL('../../../../resources/', import.meta.url);
const readJson = (sub: string): NamedJson[] =>
  readdirSync(new URL(sub, resources))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: `${sub}${f}`,
      json: JSON.parse(readFileSync(new URL(`${sub}${f}`, resources), 'utf8')) as unknown,
    }));

/** What a clerk's client starts from: the Bewohnerparkausweis Bewilligung rendered for `authority`. */
function drafted(authority: Authority): BescheidContent {
  const verfahren = readJson('verfahren/').map((f) => verfahrenDef.parse(f.json));
  const vorlagen = vorlagenRegistry({
    verfahren,
    vorlagen: readJson('bescheid/vorlagen/'),
    bausteine: readJson('bescheid/bausteine/'),
  });
  const fees = gebuehrenRegistry({ name: 'bescheid/gebuehren.json', json: readJson('bescheid/')[0]?.json }, verfahren);
  if (!vorlagen.ok || !fees.ok) throw new Error('the shipped Textvorlagen must load');
  const def = verfahren.find((d) => d.id === 'bewohnerparkausweis');
  const antragsdaten = DEMO_ANTRAGSDATEN.bewohnerparkausweis ?? {};
  const fee = fees.value.computeGebuehr('bewohnerparkausweis', antragsdaten);
  if (!def || !fee.ok) throw new Error('bewohnerparkausweis must compute a fee');
  const applicant = {
    givenName: 'Jörg',
    familyName: 'Weißmüller',
    street: 'Gänseblümchenweg 17 a',
    postalCode: '47110',
    city: 'Beispielheim',
  };
  const rendered = vorlagen.value.render(
    'bewohnerparkausweis-bewilligung',
    bescheidContext({
      vorgang: {
        aktenzeichen: '32.1-BPA-2026/000001',
        applicant,
        antragsdaten,
        receivedAt: '2026-11-02T08:00:00.000Z',
        frist: '2026-12-14',
      },
      verfahren: def,
      behoerde: authority.behoerde,
      bescheid: { datum: '2026-11-23', decision: 'bewilligung' },
      gebuehr: { cents: fee.value.cents, rechtsgrundlage: fee.value.rechtsgrundlage },
      sachbearbeitung: { name: 'Anna Schäfer' },
    }),
  );
  if (!rendered.ok) throw new Error(rendered.error.message);
  const r = rendered.value;
  return {
    decision: r.decision,
    vorlageId: r.vorlageId,
    recipient: { addressLines: ['Herrn', 'Jörg Weißmüller', 'Gänseblümchenweg 17 a', '47110 Beispielheim'] },
    betreff: r.betreff,
    anrede: r.anrede,
    sections: Object.fromEntries(
      Object.entries(r.sections).map(([k, s]) => [
        k,
        { ...(s.heading ? { heading: s.heading } : {}), paragraphs: s.paragraphs },
      ]),
    ),
    gebuehr: { cents: fee.value.cents, override: null },
  };
}

describeBackends('the authority of the server configuration', (backend) => {
  const db = useSeededDb(backend);
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await testApp(db(), new TestClock(), { seal: service });
  });
  afterEach(() => app.close());

  it('is served to signed-in users only, exactly as the --behoerde file says', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/authority' })).statusCode).toBe(401);
    const res = await app.inject({
      method: 'GET',
      url: '/api/authority',
      headers: bearer(await login(app, 'sachbearbeiter1')),
    });
    expect(res.statusCode).toBe(200);
    expect(authorityResponse.parse(res.json())).toEqual({ authority: NW_AUTHORITY });
  });

  it('answers null when none is configured (no --behoerde, no seal, not demo)', async () => {
    const bare = await testApp(db(), new TestClock());
    try {
      const res = await bare.inject({
        method: 'GET',
        url: '/api/authority',
        headers: bearer(await login(bare, 'sachbearbeiter1')),
      });
      expect(res.json()).toEqual({ authority: null });
    } finally {
      await bare.close();
    }
  });

  it('seals an NW Bescheid: the NW court, bank account and Rechtsbehelfsbelehrung, nothing of the demo', async () => {
    const clerk = await login(app, 'sachbearbeiter1');
    const fetched = authorityResponse.parse(
      (await app.inject({ method: 'GET', url: '/api/authority', headers: bearer(clerk) })).json(),
    ).authority;
    if (!fetched) throw new Error('the server must serve its authority');
    const content = drafted(fetched);
    const { b } = await addBescheid(db(), { approved: content });

    const sealed = await app.inject({
      method: 'POST',
      url: `/api/bescheid/seal?bescheidId=${b.id}`,
      headers: bearer(clerk),
    });
    expect(sealed.statusCode).toBe(200);
    const { dokument } = bescheidSealResponse.parse(sealed.json());
    const download = await app.inject({
      method: 'GET',
      url: `/api/blobs?sha256=${dokument.sha256}`,
      headers: bearer(clerk),
    });
    expect(download.statusCode).toBe(200);
    const text = withPdfFile(download.rawPayload, (path) => pdftotext(path)).replace(/\s+/g, ' ');

    const nw = NW_AUTHORITY.behoerde;
    for (const expected of [
      nw.name,
      nw.einheit,
      NW_AUTHORITY.letterhead.returnAddress,
      nw.verwaltungsgericht,
      nw.verwaltungsgerichtAnschrift,
      `IBAN ${nw.iban}`,
      nw.kasse,
      ...NW_RECHTSBEHELF,
    ]) {
      expect(text).toContain(expected);
    }
    const demo = DEMO_AUTHORITY.behoerde;
    for (const absent of [demo.name, demo.iban, demo.verwaltungsgericht, 'Widerspruch erhoben']) {
      expect(text).not.toContain(absent);
    }
  });
});
