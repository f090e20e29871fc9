import { describe, expect, it, vi } from 'vitest';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import { letterInputSchema } from '../../../../shared/bescheid/letter/input.ts';
import { NW_AUTHORITY, NW_RECHTSBEHELF } from '../../../../shared/bescheid/test-authorities.ts';
import { clerk } from '../../../test/fixtures.ts';
import { freshDb } from '../../../test/db.ts';
import { FakeServer } from '../../../test/fake-server.ts';
import { ManualTimers } from '../../../test/manual-timers.ts';
import { createApiClient } from '../../api/http.ts';
import { createSyncEngine } from '../../sync/engine.ts';
import { readAuthority } from './authority.ts';
import { formToContent } from './form.ts';
import { previewLetter } from './preview-letter.ts';
import { startForm } from './start.ts';
import { CONTENT, demoVorgang, renderInput } from './test-data.ts';

// This file renders PDFs: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/** Every text the letter prints, on one line. */
const printed = (letter: unknown): string => JSON.stringify(letter).replace(/\\n|\s+/g, ' ');

describe('previewLetter', () => {
  it('frames the content as a valid letter without a seal box', () => {
    const letter = previewLetter(CONTENT, {
      aktenzeichen: '32.10.05-2026/00042',
      sachbearbeitung: 'Clara Clerk',
      datum: '2026-11-23',
      authority: DEMO_AUTHORITY,
    });
    expect(letterInputSchema.safeParse(letter).success).toBe(true);
    expect(letter.seal).toBeUndefined();
    expect(letter.createdAt).toBe('2026-11-23T00:00:00.000Z');
    expect(letter.letterhead).toMatchObject({ authorityName: 'Stadt Musterstadt', unit: 'Bürgerservice' });
    expect(letter.recipient.addressLines).toEqual(CONTENT.recipient.addressLines);
    expect(letter.info).toEqual({ aktenzeichen: '32.10.05-2026/00042', sachbearbeitung: 'Clara Clerk' });
    expect(Object.keys(letter.sections)).toEqual(['tenor', 'rechtsbehelfsbelehrung', 'schlussformel']);
    expect(letter.sections.tenor).toEqual(CONTENT.sections.tenor);
  });

  it('speaks for the authority the server serves: an NW server gives an NW Bescheid', async () => {
    const server = new FakeServer();
    server.authority = NW_AUTHORITY;
    const token = server.login(clerk);
    const db = await freshDb(clerk);
    expect(await readAuthority(db)).toEqual({ kind: 'loading' });
    const engine = createSyncEngine({
      db,
      api: createApiClient({ baseUrl: 'http://server.test', getToken: () => token, fetch: server.fetch }),
      actor: clerk,
      timers: new ManualTimers(),
      listen: false,
    });
    engine.start();
    await engine.idle();
    await engine.stop();

    const fetched = await readAuthority(db);
    if (fetched.kind !== 'ready') throw new Error(`the authority was not stored: ${fetched.kind}`);
    expect(fetched.authority).toEqual(NW_AUTHORITY);

    const vorgang = demoVorgang();
    const form = startForm(renderInput(vorgang, 'bewohnerparkausweis-bewilligung', fetched.authority), null);
    if (!form.ok) throw new Error(form.error.message);
    const { content } = formToContent(form.value);
    if (content === null) throw new Error('the started form must make content');
    const text = printed(
      previewLetter(content, {
        aktenzeichen: vorgang.aktenzeichen,
        sachbearbeitung: 'Clara Clerk',
        datum: '2026-11-23',
        authority: fetched.authority,
      }),
    );
    const nw = NW_AUTHORITY.behoerde;
    for (const expected of [
      nw.name,
      NW_AUTHORITY.letterhead.returnAddress,
      nw.verwaltungsgericht,
      nw.verwaltungsgerichtAnschrift,
      `IBAN ${nw.iban}`,
      ...NW_RECHTSBEHELF,
    ]) {
      expect(text).toContain(expected);
    }
    const demo = DEMO_AUTHORITY.behoerde;
    for (const absent of [demo.name, demo.iban, demo.verwaltungsgericht, 'Widerspruch erhoben']) {
      expect(text).not.toContain(absent);
    }
  });

  it('has nothing to draft for while the server has no authority configured', async () => {
    const server = new FakeServer();
    server.authority = null;
    const token = server.login(clerk);
    const db = await freshDb(clerk);
    const engine = createSyncEngine({
      db,
      api: createApiClient({ baseUrl: 'http://server.test', getToken: () => token, fetch: server.fetch }),
      actor: clerk,
      timers: new ManualTimers(),
      listen: false,
    });
    engine.start();
    await engine.idle();
    await engine.stop();
    expect(await readAuthority(db)).toEqual({ kind: 'none' });
  });
});
