import { describe, expect, it } from 'vitest';
import { buildAbgabe, parseAbgabeImportBestaetigen } from './abgabe.ts';
import {
  buildAnbieteverzeichnis,
  buildAussonderung,
  parseAussonderungImportBestaetigen,
  parseBewertungsverzeichnis,
} from './aussonderung.ts';
import { AUSSONDERUNGSART_LIST, type Nachrichtentyp } from './codes.ts';
import { EMPFANGSBESTAETIGUNG_FOR, parseEmpfangBestaetigen } from './empfang.ts';
import { buildSgoAblegen, parseFvImportBestaetigen } from './fvdaten.ts';
import { codeElement } from './kopf.ts';
import type { SentXdomeaMessage, XdomeaMessage } from './message.ts';
import { XdomeaError } from './read.ts';
import {
  erfolg,
  replyTo,
  rueckgabe,
  akte,
  AKTE_ID,
  ARCHIV,
  DMS,
  DOK_PDF,
  NACHBARSTADT,
  NOW,
  STADT,
  VORGANG_1,
  zweiteAkte,
} from './test-fixture.ts';
import type { XdomeaParty } from './types.ts';
import { validateXdomea } from './validate.ts';
import { el, x, type XmlChild } from './xml.ts';
import { writeZip, ZipError } from './zip.ts';

const SLOW = { timeout: 30_000 };
const DMS_AKTE_ID = 'd0d0d0d0-1111-4222-8333-444455556666';
const ZWEITE_AKTE = zweiteAkte().id;

const sgo = () =>
  buildSgoAblegen({
    akte: akte(),
    absender: STADT,
    empfaenger: DMS,
    erstellerkennung: 'sb',
    erstellungszeitpunkt: NOW,
  });
const abgabe = () =>
  buildAbgabe({
    vorgang: akte().vorgaenge[0] ?? expect.fail(),
    akte: akte(),
    absender: STADT,
    empfaenger: NACHBARSTADT,
    erstellungszeitpunkt: NOW,
  });
const anbietung = () =>
  buildAnbieteverzeichnis({
    akten: [akte(), zweiteAkte()],
    absender: STADT,
    empfaenger: ARCHIV,
    erstellungszeitpunkt: NOW,
  });
const aussonderung = (offer: XdomeaMessage) =>
  buildAussonderung({
    anbietung: offer.sent,
    bewertung: { prozessId: offer.prozessId, archivieren: [AKTE_ID] },
    akten: [akte()],
    absender: STADT,
    empfaenger: ARCHIV,
    erstellungszeitpunkt: NOW,
  });

const RECIPIENT: Record<SentXdomeaMessage['nachrichtentyp'], XdomeaParty> = {
  'FVDaten.SGOAblegen.0605': DMS,
  'Abgabe.Abgabe.0401': NACHBARSTADT,
  'Aussonderung.Anbieteverzeichnis.0501': ARCHIV,
  'Aussonderung.Aussonderung.0503': ARCHIV,
};

/** A reply as the other side would send it: from our recipient to us, about our Prozess. */
const reply = (
  root: Nachrichtentyp,
  sent: SentXdomeaMessage,
  body: XmlChild[] = [],
  options: { prozessId?: string; absender?: XdomeaParty } = {},
): string => replyTo(root, sent, body, { absender: RECIPIENT[sent.nachrichtentyp], ...options });

const asZip = (xml: string, name: string) => writeZip([{ name, data: new TextEncoder().encode(xml) }]);

async function refused(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => expect.fail('expected the message to be refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XdomeaError);
  expect((error as XdomeaError).code).toBe('validation_failed');
  return (error as XdomeaError).message;
}

async function expectValid(xml: string): Promise<string> {
  expect(await validateXdomea(xml)).toEqual({ ok: true });
  return xml;
}

const ergebnis = (localName: string, id: string, erfolgreich = true, ...rest: XmlChild[]) =>
  x(localName, x('IDSGO', id), x('Erfolgreich', erfolgreich ? '1' : '0'), ...rest);
const bewertet = (id: string, art: string) =>
  x(
    'BewertetesObjekt',
    x('ID', id),
    x('Aussonderungsart', codeElement('Aussonderungsart', art, AUSSONDERUNGSART_LIST)),
  );

describe('receipts (EmpfangBestaetigen)', () => {
  const cases: [string, () => SentXdomeaMessage][] = [
    ['FVDaten.SGOAblegen.0605', () => sgo().sent],
    ['Abgabe.Abgabe.0401', () => abgabe().sent],
    ['Aussonderung.Anbieteverzeichnis.0501', () => anbietung().sent],
    ['Aussonderung.Aussonderung.0503', () => aussonderung(anbietung()).sent],
  ];

  it.each(cases)('accepts the receipt for a %s, as XML and as container', SLOW, async (_, send) => {
    const sent = send();
    const root = EMPFANGSBESTAETIGUNG_FOR[sent.nachrichtentyp];
    const xml = await expectValid(reply(root, sent));
    const parsed = await parseEmpfangBestaetigen(xml, sent);
    expect(parsed).toMatchObject({
      prozessId: sent.prozessId,
      nachrichtentyp: root,
      erstellungszeitpunkt: '2026-03-05T08:00:00.000Z',
    });
    const fromZip = await parseEmpfangBestaetigen(asZip(xml, `${sent.prozessId}_${root}.xml`), sent);
    expect(fromZip.prozessId).toBe(sent.prozessId);
  });

  it('reads the namespace, not the prefix: a receipt with another prefix is the same message', SLOW, async () => {
    const sent = sgo().sent;
    const xml = reply('FVDaten.EmpfangBestaetigen.0629', sent)
      .replaceAll('<xdomea:', '<xd:')
      .replaceAll('</xdomea:', '</xd:')
      .replace('xmlns:xdomea=', 'xmlns:xd=');
    expect(xml).toContain('xmlns:xd="urn:xoev-de:xdomea:schema:3.0.0"');
    expect((await parseEmpfangBestaetigen(xml, sent)).prozessId).toBe(sent.prozessId);
  });

  it('refuses another message type as root, naming both', SLOW, async () => {
    const sent = sgo().sent;
    const message = await refused(parseEmpfangBestaetigen(reply('Abgabe.EmpfangBestaetigen.0403', sent), sent));
    expect(message).toContain('root element Abgabe.EmpfangBestaetigen.0403: expected FVDaten.EmpfangBestaetigen.0629');
  });

  it('refuses a Kopf/Nachrichtentyp/code that is not the root element’s', SLOW, async () => {
    const sent = sgo().sent;
    const xml = reply('FVDaten.EmpfangBestaetigen.0629', sent).replace('<code>0629</code>', '<code>0630</code>');
    await expectValid(xml);
    expect(await refused(parseEmpfangBestaetigen(xml, sent))).toContain(
      'FVDaten.EmpfangBestaetigen.0629/Kopf/Nachrichtentyp/code: 0630, but the root element FVDaten.EmpfangBestaetigen.0629 is 0629',
    );
  });

  it('refuses a receipt for another Prozess, and from another authority than we sent to', SLOW, async () => {
    const sent = abgabe().sent;
    const other = sgo().prozessId;
    expect(
      await refused(
        parseEmpfangBestaetigen(reply('Abgabe.EmpfangBestaetigen.0403', sent, [], { prozessId: other }), sent),
      ),
    ).toContain(`Kopf/ProzessID: ${other} is not the ProzessID ${sent.prozessId} of our Abgabe.Abgabe.0401`);
    const fromArchiv = reply('Abgabe.EmpfangBestaetigen.0403', sent, [], { absender: ARCHIV });
    expect(await refused(parseEmpfangBestaetigen(fromArchiv, sent))).toContain(
      'Kopf/Absender/Behoerdenkennung: psw:L-ARCHIV-99 is not ags:99124000',
    );
  });

  it('refuses XSD-invalid messages with xmllint’s error naming the element', SLOW, async () => {
    const sent = sgo().sent;
    const xml = reply('FVDaten.EmpfangBestaetigen.0629', sent).replace(
      '<xdomea:Erstellungszeitpunkt>2026-03-05T08:00:00.000Z</xdomea:Erstellungszeitpunkt>',
      '<xdomea:Erstellungszeitpunkt>gestern</xdomea:Erstellungszeitpunkt>',
    );
    expect(await refused(parseEmpfangBestaetigen(xml, sent))).toMatch(
      /FVDaten\.EmpfangBestaetigen\.0629: line \d+: element Erstellungszeitpunkt: Schemas validity error : Element 'xdomea:Erstellungszeitpunkt': 'gestern' is not a valid value/,
    );
  });

  it('refuses a DOCTYPE, another encoding, and what is not XML', async () => {
    const sent = sgo().sent;
    const xml = reply('FVDaten.EmpfangBestaetigen.0629', sent);
    expect(
      await refused(parseEmpfangBestaetigen(xml.replace('?>', '?><!DOCTYPE r [<!ENTITY a "aaaa">]>'), sent)),
    ).toContain('DOCTYPE');
    expect(await refused(parseEmpfangBestaetigen(xml.replace('UTF-8', 'ISO-8859-1'), sent))).toContain(
      'encoding ISO-8859-1; xdomea messages are UTF-8',
    );
    expect(await refused(parseEmpfangBestaetigen('kein XML', sent))).toContain('no root element');
  });

  it('refuses containers that are not flat, hold more than the message, or name another Prozess', SLOW, async () => {
    const sent = sgo().sent;
    const root = 'FVDaten.EmpfangBestaetigen.0629';
    const xml = reply(root, sent);
    const name = `${sent.prozessId}_${root}.xml`;
    const data = new TextEncoder().encode(xml);
    expect(
      await refused(
        parseEmpfangBestaetigen(
          writeZip([
            { name, data },
            { name: 'extra.pdf', data },
          ]),
          sent,
        ),
      ),
    ).toContain('files besides the message: extra.pdf');
    expect(await refused(parseEmpfangBestaetigen(writeZip([{ name: `sub/${name}`, data }]), sent))).toContain(
      'containers are flat',
    );
    const otherName = `${DMS_AKTE_ID}_${root}.xml`;
    expect(await refused(parseEmpfangBestaetigen(asZip(xml, otherName), sent))).toContain(
      `container entry ${otherName}: the Kopf makes it ${name}`,
    );
    expect(await refused(parseEmpfangBestaetigen(writeZip([{ name: 'nachricht.xml', data }]), sent))).toContain(
      'holds no {ProzessID}_{Nachrichtentyp}.xml',
    );
    const slip = Buffer.from(asZip(xml, `x${name.slice(1)}`));
    for (let p = slip.indexOf(`x${name.slice(1, 3)}`); p !== -1; p = slip.indexOf(`x${name.slice(1, 3)}`, p + 1)) {
      slip.write('/', p, 'latin1');
    }
    await expect(parseEmpfangBestaetigen(new Uint8Array(slip), sent)).rejects.toBeInstanceOf(ZipError);
  });
});

describe('FVDaten.ImportBestaetigen.0630', () => {
  it('returns the ProzessID and the DMS’s ID of the filed Akte', SLOW, async () => {
    const sent = sgo().sent;
    const xml = await expectValid(
      reply('FVDaten.ImportBestaetigen.0630', sent, [
        x('ErfolgOderMisserfolg', erfolg(), rueckgabe({ nummer: 1, dmsId: DMS_AKTE_ID })),
      ]),
    );
    expect(await parseFvImportBestaetigen(xml, sent)).toEqual({
      prozessId: sent.prozessId,
      erfolgreich: true,
      rueckmeldungen: [{ art: 'AllgemeineRueckmeldung', code: '0000000' }],
      objekte: [
        {
          objektId: AKTE_ID,
          typ: 'Akte',
          dmsId: DMS_AKTE_ID,
          erfolgreich: true,
          ablageort: 'E-Akte/32.10/0815',
          rueckmeldungen: [],
        },
      ],
    });
  });

  it('reports a failed import with its specific error, and maps a parameter without NummerImStapel', SLOW, async () => {
    const sent = sgo().sent;
    const xml = await expectValid(
      reply('FVDaten.ImportBestaetigen.0630', sent, [
        x(
          'ErfolgOderMisserfolg',
          x(
            'Rueckmeldung',
            el(
              'xdomea:SpezifischeFehlermeldung0605',
              { listURI: 'urn:xoev-de:xdomea:codeliste:spezifischefehlermeldung0605', listVersionID: '1.0' },
              el('code', {}, '0605005'),
              el('name', {}, 'Datei kann im DMS nicht abgelegt werden.'),
            ),
          ),
          x('Rueckmeldung', x('SonstigeFehlermeldung', 'Speicher voll')),
          rueckgabe({ erfolgreich: false }),
        ),
      ]),
    );
    const parsed = await parseFvImportBestaetigen(xml, sent);
    expect(parsed.erfolgreich).toBe(false);
    expect(parsed.rueckmeldungen).toEqual([
      { art: 'SpezifischeFehlermeldung0605', code: '0605005', text: 'Datei kann im DMS nicht abgelegt werden.' },
      { art: 'SonstigeFehlermeldung', text: 'Speicher voll' },
    ]);
    expect(parsed.objekte).toMatchObject([{ objektId: AKTE_ID, dmsId: null, erfolgreich: false }]);
  });

  it('refuses a NummerImStapel we did not send and two DMS IDs for one object', SLOW, async () => {
    const sent = sgo().sent;
    const unknown = reply('FVDaten.ImportBestaetigen.0630', sent, [
      x('ErfolgOderMisserfolg', erfolg(), rueckgabe({ nummer: 2, dmsId: DMS_AKTE_ID })),
    ]);
    expect(await refused(parseFvImportBestaetigen(unknown, sent))).toContain(
      'ErfolgOderMisserfolg/Rueckgabeparameter[1]/NummerImStapel: 2 is no object of our 0605',
    );
    const twice = reply('FVDaten.ImportBestaetigen.0630', sent, [
      x(
        'ErfolgOderMisserfolg',
        erfolg(),
        rueckgabe({ nummer: 1, dmsId: DMS_AKTE_ID }),
        rueckgabe({ nummer: 1, dmsId: 'd0d0d0d0-1111-4222-8333-999999999999' }),
      ),
    ]);
    expect(await refused(parseFvImportBestaetigen(twice, sent))).toContain('Rueckgabeparameter[2]/IDSGO');
  });

  it('refuses an XSD-invalid 0630 (no FVSessionID), naming the element', SLOW, async () => {
    const sent = sgo().sent;
    const xml = reply('FVDaten.ImportBestaetigen.0630', sent, [x('ErfolgOderMisserfolg', erfolg())]).replace(
      '<xdomea:FVSessionID>fv-session-1</xdomea:FVSessionID>',
      '',
    );
    expect(await refused(parseFvImportBestaetigen(xml, sent))).toMatch(/FVSessionID/);
  });

  it('is not asked about another message than a 0605', async () => {
    await expect(parseFvImportBestaetigen('<x/>', abgabe().sent)).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('Abgabe.ImportBestaetigen.0402', () => {
  it('returns the result per object by our UUIDs', SLOW, async () => {
    const sent = abgabe().sent;
    const xml = await expectValid(
      reply('Abgabe.ImportBestaetigen.0402', sent, [
        ergebnis('AbgegebenesObjekt', VORGANG_1),
        ergebnis(
          'AbgegebenesObjekt',
          DOK_PDF,
          false,
          x('Fehlermeldung', 'Format nicht unterstützt'),
          el(
            'xdomea:FehlermeldungCode',
            { listURI: 'urn:example:fehler', listVersionID: '1' },
            el('code', {}, 'F17'),
            el('name', {}, 'Formatfehler'),
          ),
        ),
      ]),
    );
    expect(await parseAbgabeImportBestaetigen(xml, sent)).toEqual({
      prozessId: sent.prozessId,
      erfolgreich: false,
      objekte: [
        { id: VORGANG_1, typ: 'Vorgang', erfolgreich: true, fehlermeldungen: [] },
        {
          id: DOK_PDF,
          typ: 'Dokument',
          erfolgreich: false,
          fehlermeldungen: ['Format nicht unterstützt', 'F17 Formatfehler'],
        },
      ],
    });
  });

  it('refuses unknown IDs, a second result for one object, and a missing result for the Vorgang', SLOW, async () => {
    const sent = abgabe().sent;
    const unknown = reply('Abgabe.ImportBestaetigen.0402', sent, [ergebnis('AbgegebenesObjekt', ZWEITE_AKTE)]);
    expect(await refused(parseAbgabeImportBestaetigen(unknown, sent))).toContain(
      `AbgegebenesObjekt[1]/IDSGO: ${ZWEITE_AKTE} is no object of our Abgabe.Abgabe.0401`,
    );
    const twice = reply('Abgabe.ImportBestaetigen.0402', sent, [
      ergebnis('AbgegebenesObjekt', VORGANG_1),
      ergebnis('AbgegebenesObjekt', VORGANG_1.toUpperCase()),
    ]);
    expect(await refused(parseAbgabeImportBestaetigen(twice, sent))).toContain('AbgegebenesObjekt[2]/IDSGO');
    const partial = reply('Abgabe.ImportBestaetigen.0402', sent, [ergebnis('AbgegebenesObjekt', DOK_PDF)]);
    expect(await refused(parseAbgabeImportBestaetigen(partial, sent))).toContain(`no result for Vorgang ${VORGANG_1}`);
  });

  it('refuses a 0402 sent by another authority than the one we handed over to', SLOW, async () => {
    const sent = abgabe().sent;
    const xml = reply('Abgabe.ImportBestaetigen.0402', sent, [ergebnis('AbgegebenesObjekt', VORGANG_1)], {
      absender: DMS,
    });
    expect(await refused(parseAbgabeImportBestaetigen(xml, sent))).toContain('Kopf/Absender/Behoerdenkennung');
  });
});

describe('Aussonderung.Bewertungsverzeichnis.0502', () => {
  it('returns A or V per offered Akte, by the 0501’s IDs', SLOW, async () => {
    const sent = anbietung().sent;
    const xml = await expectValid(
      reply('Aussonderung.Bewertungsverzeichnis.0502', sent, [bewertet(ZWEITE_AKTE, 'V'), bewertet(AKTE_ID, 'A')]),
    );
    expect(await parseBewertungsverzeichnis(xml, sent)).toEqual({
      prozessId: sent.prozessId,
      empfangsbestaetigungErbeten: true,
      bewertungen: [
        { akteId: AKTE_ID, aussonderungsart: 'A' },
        { akteId: ZWEITE_AKTE, aussonderungsart: 'V' },
      ],
      archivieren: [AKTE_ID],
      vernichten: [ZWEITE_AKTE],
    });
  });

  it('feeds the 0503: the Akten decided A, under the same ProzessID', SLOW, async () => {
    const offer = anbietung();
    const xml = reply('Aussonderung.Bewertungsverzeichnis.0502', offer.sent, [
      bewertet(AKTE_ID, 'A'),
      bewertet(ZWEITE_AKTE, 'V'),
    ]);
    const bewertung = await parseBewertungsverzeichnis(xml, offer.sent);
    const message = buildAussonderung({
      anbietung: offer.sent,
      bewertung,
      akten: [akte(), zweiteAkte()],
      absender: STADT,
      empfaenger: ARCHIV,
      erstellungszeitpunkt: NOW,
    });
    expect(message.prozessId).toBe(offer.prozessId);
    expect(message.sent.objekte.filter((o) => o.parentId === null).map((o) => o.id)).toEqual([AKTE_ID]);
    expect(await validateXdomea(message.xml)).toEqual({ ok: true });
  });

  it.each([
    [
      'an ID we did not offer',
      [bewertet(DMS_AKTE_ID, 'A')],
      `${DMS_AKTE_ID} is no object of our Aussonderung.Anbieteverzeichnis.0501`,
    ],
    [
      'an object inside an offered Akte',
      [bewertet(VORGANG_1, 'A')],
      `${VORGANG_1} is a Vorgang inside an offered Akte`,
    ],
    [
      'a second decision',
      [bewertet(AKTE_ID, 'A'), bewertet(AKTE_ID, 'V'), bewertet(ZWEITE_AKTE, 'V')],
      'decided twice',
    ],
    ['an Akte left undecided', [bewertet(AKTE_ID, 'A')], `no BewertetesObjekt for Akte ${ZWEITE_AKTE}`],
    ['B, which is no decision', [bewertet(AKTE_ID, 'B'), bewertet(ZWEITE_AKTE, 'V')], 'code: B for Akte'],
    [
      'a configurable value',
      [
        x(
          'BewertetesObjekt',
          x('ID', AKTE_ID),
          x('Aussonderungsart', x('AussonderungsartKonfigurierbar', 'vielleicht')),
        ),
        bewertet(ZWEITE_AKTE, 'V'),
      ],
      'AussonderungsartKonfigurierbar: "vielleicht" is no decision',
    ],
  ])('refuses %s', SLOW, async (_, body, expected) => {
    const sent = anbietung().sent;
    const xml = await expectValid(reply('Aussonderung.Bewertungsverzeichnis.0502', sent, body));
    expect(await refused(parseBewertungsverzeichnis(xml, sent))).toContain(expected);
  });

  it('refuses a 0502 that is not valid: no Empfangsbestaetigung in its Kopf', SLOW, async () => {
    const sent = anbietung().sent;
    const xml = reply('Aussonderung.Bewertungsverzeichnis.0502', sent, [bewertet(AKTE_ID, 'A')]).replace(
      '<xdomea:Empfangsbestaetigung>1</xdomea:Empfangsbestaetigung>',
      '',
    );
    expect(await refused(parseBewertungsverzeichnis(xml, sent))).toMatch(/Empfangsbestaetigung/);
  });
});

describe('Aussonderung.AussonderungImportBestaetigen.0506', () => {
  it('returns the result and Archivkennung per handed-over Akte', SLOW, async () => {
    const sent = aussonderung(anbietung()).sent;
    const xml = await expectValid(
      reply('Aussonderung.AussonderungImportBestaetigen.0506', sent, [
        ergebnis('AusgesondertesSGO', AKTE_ID, true, x('Archivkennung', 'LA-MU 32/0815')),
      ]),
    );
    expect(await parseAussonderungImportBestaetigen(xml, sent)).toEqual({
      prozessId: sent.prozessId,
      erfolgreich: true,
      objekte: [{ id: AKTE_ID, typ: 'Akte', erfolgreich: true, fehlermeldungen: [], archivkennung: 'LA-MU 32/0815' }],
    });
  });

  it('refuses an Akte that was not handed over, and a 0506 that leaves one out', SLOW, async () => {
    const sent = aussonderung(anbietung()).sent;
    const unknown = reply('Aussonderung.AussonderungImportBestaetigen.0506', sent, [
      ergebnis('AusgesondertesSGO', AKTE_ID),
      ergebnis('AusgesondertesSGO', ZWEITE_AKTE),
    ]);
    expect(await refused(parseAussonderungImportBestaetigen(unknown, sent))).toContain(
      `AusgesondertesSGO[2]/IDSGO: ${ZWEITE_AKTE} is no object of our Aussonderung.Aussonderung.0503`,
    );
    const partial = reply('Aussonderung.AussonderungImportBestaetigen.0506', sent, [
      ergebnis('AusgesondertesSGO', VORGANG_1),
    ]);
    expect(await refused(parseAussonderungImportBestaetigen(partial, sent))).toContain(`no result for Akte ${AKTE_ID}`);
  });

  it('refuses the 0502 in place of a 0506', SLOW, async () => {
    const offer = anbietung();
    const sent = aussonderung(offer).sent;
    const xml = reply('Aussonderung.Bewertungsverzeichnis.0502', offer.sent, [bewertet(AKTE_ID, 'A')]);
    expect(await refused(parseAussonderungImportBestaetigen(xml, sent))).toContain(
      'root element Aussonderung.Bewertungsverzeichnis.0502: expected Aussonderung.AussonderungImportBestaetigen.0506',
    );
  });
});
