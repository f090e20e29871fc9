import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { ALLGEMEINE_RUECKMELDUNG_LIST, type Nachrichtentyp } from './codes.ts';
import { codeElement, kopfBasis } from './kopf.ts';
import type { SentXdomeaMessage } from './message.ts';
import type { AkteRecord, DokumentRecord, VorgangRecord, XdomeaParty } from './types.ts';
import { serializeXml, x, XDOMEA_NS, type XmlChild } from './xml.ts';

/** Fixed instants and parties for the xdomea tests; UUIDs are fixed so failures are readable. */

export const NOW = new Date('2026-03-02T09:30:00.000Z');

export const STADT: XdomeaParty = {
  kennung: { praefix: 'ags:', behoerdenschluessel: '99123000', name: 'Stadt Musterstadt' },
  organisationseinheit: 'Bürgerservice',
};
export const DMS: XdomeaParty = {
  kennung: { praefix: 'ags:', behoerdenschluessel: '99123000', name: 'Stadt Musterstadt – E-Akte' },
};
export const NACHBARSTADT: XdomeaParty = {
  kennung: { praefix: 'ags:', behoerdenschluessel: '99124000', name: 'Stadt Nachbarstadt' },
  organisationseinheit: 'Ordnungsamt',
};
export const ARCHIV: XdomeaParty = {
  kennung: { praefix: 'psw:', behoerdenschluessel: 'L-ARCHIV-99', name: 'Landesarchiv Musterland' },
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
export const JPEG_BYTES = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x00, 0x00, 0x01, 0xff, 0xd9,
]);
/** Compressible, so the zip deflates it. */
export const TEXT_BYTES = new TextEncoder().encode('Vermerk: Ortstermin am Montag.\n'.repeat(40));

export function dokument(
  id: string,
  dateiname: string,
  mediaType: string,
  bytes: Uint8Array,
  titel = dateiname,
): DokumentRecord {
  return {
    id,
    titel,
    dateiname,
    mediaType,
    sha256: sha256(bytes),
    size: bytes.length,
    veraktetAm: '2020-05-04T08:15:00.000Z',
    bytes,
  };
}

export function vorgang(
  id: string,
  dokumente: DokumentRecord[],
  overrides: Partial<VorgangRecord> = {},
): VorgangRecord {
  return {
    id,
    aktenzeichen: `32.10-${id.slice(0, 4)}`,
    titel: 'Gewerbeanmeldung Bäckerei Müller & Söhne',
    eingangAm: '2020-05-01',
    zdaAm: '2020-06-30',
    dokumente,
    ...overrides,
  };
}

export const AKTE_ID = '6f1c2a3b-0000-4000-8000-000000000001';
export const VORGANG_1 = '6f1c2a3b-0000-4000-8000-000000000011';
export const VORGANG_2 = '6f1c2a3b-0000-4000-8000-000000000012';
export const DOK_PDF = '6f1c2a3b-0000-4000-8000-000000000101';
export const DOK_PNG = '6f1c2a3b-0000-4000-8000-000000000102';
export const DOK_JPEG = '6f1c2a3b-0000-4000-8000-000000000103';
export const DOK_TXT = '6f1c2a3b-0000-4000-8000-000000000104';
export const DOK_OTHER = '6f1c2a3b-0000-4000-8000-000000000105';

/** A closed Akte whose retention ended in 2025: two Vorgänge, five Dokumente of five formats. */
export function akte(overrides: Partial<AkteRecord> = {}): AkteRecord {
  return {
    id: AKTE_ID,
    aktenzeichen: '32.10-0815/2020',
    titel: 'Bäckerei Müller & Söhne <Hauptstraße 1>',
    aktenplan: { kennzeichen: '32.10', titel: 'Gewerbeangelegenheiten' },
    laufzeitBeginn: '2020-05-01',
    zdaAm: '2020-09-30',
    aufbewahrungsfristJahre: 4,
    aussonderungsart: 'B',
    aufbewahrungBis: '2024-12-31',
    vorgaenge: [
      vorgang(VORGANG_1, [
        dokument(DOK_PDF, 'Antrag Gewerbeanmeldung.pdf', 'application/pdf', PDF_BYTES),
        dokument(DOK_PNG, 'Lageplan ÄÖÜ ß.png', 'image/png', PNG_BYTES),
        dokument(DOK_JPEG, 'Foto.jpeg', 'image/jpeg', JPEG_BYTES),
      ]),
      vorgang(
        VORGANG_2,
        [
          dokument(DOK_TXT, 'Vermerk.txt', 'text/plain', TEXT_BYTES),
          dokument(DOK_OTHER, 'Daten.bin', 'application/x-fachverfahren', deflateRawSync(TEXT_BYTES)),
        ],
        { titel: 'Gewerbeummeldung', eingangAm: '2020-08-01', zdaAm: '2020-09-30' },
      ),
    ],
    ...overrides,
  };
}

/** A second offered Akte, decided V in the tests. */
export function zweiteAkte(): AkteRecord {
  return akte({
    id: '6f1c2a3b-0000-4000-8000-000000000002',
    aktenzeichen: '32.10-0816/2020',
    titel: 'Kiosk am Markt',
    aussonderungsart: 'V',
    vorgaenge: [
      vorgang('6f1c2a3b-0000-4000-8000-000000000021', [
        dokument('6f1c2a3b-0000-4000-8000-000000000201', 'Abmeldung.pdf', 'application/pdf', PDF_BYTES),
      ]),
    ],
  });
}

/** What each Kopf type needs beyond NkBasisType. */
export const KOPF_EXTRA: Partial<Record<Nachrichtentyp, XmlChild[]>> = {
  'FVDaten.ImportBestaetigen.0630': [x('FVSessionID', 'fv-session-1')],
  'Aussonderung.Bewertungsverzeichnis.0502': [x('Empfangsbestaetigung', '1')],
};

/** A reply as the other side would send it: from our recipient to us, about our Prozess. */
export function replyTo(
  root: Nachrichtentyp,
  sent: SentXdomeaMessage,
  body: XmlChild[] = [],
  options: { prozessId?: string; absender: XdomeaParty },
): string {
  return serializeXml(
    x(
      root,
      x(
        'Kopf',
        kopfBasis({
          prozessId: options.prozessId ?? sent.prozessId,
          nachrichtentyp: root,
          erstellungszeitpunkt: new Date('2026-03-05T08:00:00Z'),
          absender: options.absender,
          empfaenger: STADT,
          sendendesSystem: { produktname: 'Gegenstelle', version: '9.1' },
        }),
        KOPF_EXTRA[root],
      ),
      body,
    ),
    { xdomea: XDOMEA_NS },
  );
}

export const erfolg = () =>
  x('Rueckmeldung', codeElement('AllgemeineRueckmeldung', '0000000', ALLGEMEINE_RUECKMELDUNG_LIST));
export const rueckgabe = (opts: { nummer?: number; dmsId?: string; erfolgreich?: boolean; ablageort?: string } = {}) =>
  x(
    'Rueckgabeparameter',
    opts.nummer !== undefined && x('NummerImStapel', String(opts.nummer)),
    opts.dmsId !== undefined && x('IDSGO', opts.dmsId),
    x('Parameter', x('Ablageort', opts.ablageort ?? 'E-Akte/32.10/0815')),
    x('Erfolgreich', opts.erfolgreich === false ? '0' : '1'),
  );
