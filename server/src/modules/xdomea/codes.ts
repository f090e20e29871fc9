/**
 * The code lists the messages use, with the values of resources/xdomea/3.0.0/code_lists. A
 * listURI or listVersionID that the schema fixes must be written exactly so, or the code is
 * invalid; the Dateiformat list is a type-3 code list whose version each code must name.
 */

export interface CodeList {
  listURI: string;
  listVersionID: string;
}

export const NACHRICHTENTYP_LIST: CodeList = {
  listURI: 'urn:xoev-de:xdomea:codeliste:nachrichtentyp',
  listVersionID: '2.0',
};
export const DATEIFORMAT_LIST: CodeList = { listURI: 'urn:xoev-de:xdomea:codeliste:dateiformat', listVersionID: '1.0' };
export const AUSSONDERUNGSART_LIST: CodeList = {
  listURI: 'urn:xoev-de:xdomea:codeliste:aussonderungsart',
  listVersionID: '1.0',
};
export const MEDIUM_LIST: CodeList = { listURI: 'urn:xoev-de:xdomea:codeliste:medium', listVersionID: '1.0' };
export const ALLGEMEINE_RUECKMELDUNG_LIST: CodeList = {
  listURI: 'urn:xoev-de:xdomea:codeliste:allgemeinerueckmeldung',
  listVersionID: '1.1',
};

/** Medium 001: the object exists only electronically. */
export const MEDIUM_ELEKTRONISCH = '001';
/** AllgemeineRueckmeldung 0000000: "Ausführung wurde erfolgreich beendet." */
export const RUECKMELDUNG_ERFOLG = '0000000';

/**
 * The messages this module writes or reads: root element name → Nachrichtentyp code. The
 * root's last four digits are the code; importers check Kopf/Nachrichtentyp against them.
 */
export const NACHRICHTENTYPEN = {
  'Aktenplan.Aktenplan.0301': '0301',
  'Abgabe.Abgabe.0401': '0401',
  'Abgabe.ImportBestaetigen.0402': '0402',
  'Abgabe.EmpfangBestaetigen.0403': '0403',
  'Aussonderung.Anbieteverzeichnis.0501': '0501',
  'Aussonderung.Bewertungsverzeichnis.0502': '0502',
  'Aussonderung.Aussonderung.0503': '0503',
  'Aussonderung.AnbietungEmpfangBestaetigen.0504': '0504',
  'Aussonderung.AussonderungImportBestaetigen.0506': '0506',
  'Aussonderung.AussonderungEmpfangBestaetigen.0507': '0507',
  'FVDaten.SGOAblegen.0605': '0605',
  'FVDaten.EmpfangBestaetigen.0629': '0629',
  'FVDaten.ImportBestaetigen.0630': '0630',
} as const;
export type Nachrichtentyp = keyof typeof NACHRICHTENTYPEN;

/** The messages Amtsplatz sends. */
export const SENT_NACHRICHTENTYPEN = [
  'Abgabe.Abgabe.0401',
  'Aussonderung.Anbieteverzeichnis.0501',
  'Aussonderung.Aussonderung.0503',
  'FVDaten.SGOAblegen.0605',
] as const satisfies readonly Nachrichtentyp[];
export type SentNachrichtentyp = (typeof SENT_NACHRICHTENTYPEN)[number];

/** The code of any xdomea root element name ("X.Y.0605" → "0605"), or undefined. */
export function nachrichtentypCode(rootName: string): string | undefined {
  return /^[A-Za-z]+\.[A-Za-z]+\.(\d{4})$/.exec(rootName)?.[1];
}

/**
 * Dateiformat codes (Dateiformat_1.0) by media type; where the list tells formats apart by
 * extension (jpg/jpeg, tif/tiff, htm/html) the file's own extension picks, else the first.
 * PDF is 018: 044 (PDF/A) would promise a conformance nobody here has checked.
 */
const DATEIFORMAT_BY_MEDIA_TYPE: Readonly<Record<string, readonly (readonly [ext: string, code: string])[]>> = {
  'application/pdf': [['pdf', '018']],
  'image/png': [['png', '019']],
  'image/jpeg': [
    ['jpg', '011'],
    ['jpeg', '010'],
    ['jpe', '009'],
  ],
  'image/tiff': [
    ['tif', '023'],
    ['tiff', '024'],
  ],
  'image/bmp': [['bmp', '001']],
  'text/xml': [['xml', '030']],
  'application/xml': [['xml', '030']],
  'text/plain': [['txt', '045']],
  'text/csv': [['csv', '002']],
  'text/html': [
    ['html', '008'],
    ['htm', '007'],
  ],
  'application/rtf': [['rtf', '022']],
  'application/postscript': [['ps', '021']],
  'message/rfc822': [['eml', '006']],
  'application/vnd.ms-outlook': [['msg', '012']],
  'application/msword': [['doc', '003']],
  'application/vnd.ms-excel': [['xls', '028']],
  'application/vnd.ms-powerpoint': [['ppt', '020']],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [['docx', '035']],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [['xlsx', '036']],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [['pptx', '037']],
  'application/vnd.oasis.opendocument.text': [['odt', '015']],
  'application/vnd.oasis.opendocument.spreadsheet': [['ods', '014']],
  'application/vnd.oasis.opendocument.presentation': [['odp', '013']],
};

/** Dateiformat 100 "Sonstiges": the media type then goes to Format/SonstigerName. */
export const DATEIFORMAT_SONSTIGES = '100';

/** The Dateiformat code for a file, or Sonstiges for a type the list does not have. */
export function dateiformatCode(mediaType: string, fileName: string): string {
  const candidates = DATEIFORMAT_BY_MEDIA_TYPE[mediaType.toLowerCase().split(';')[0]?.trim() ?? ''];
  if (!candidates) return DATEIFORMAT_SONSTIGES;
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (candidates.find(([e]) => e === ext) ?? candidates[0])?.[1] ?? DATEIFORMAT_SONSTIGES;
}

/**
 * Format/Version, which the schema makes mandatory: read from the file where it says
 * (PDF header, JFIF segment), the one published version where a format has only one that
 * files declare (PNG 1.2, TIFF 6.0), else "unbekannt" rather than a guess.
 */
export function formatVersion(mediaType: string, bytes: Uint8Array | undefined): string {
  const type = mediaType.toLowerCase().split(';')[0]?.trim();
  if (type === 'application/pdf' && bytes) {
    const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
    const m = /^%PDF-(\d\.\d)/.exec(head);
    if (m?.[1]) return m[1];
  }
  if (type === 'image/jpeg' && bytes) {
    // SOI, then APP0 "JFIF\0" with major and minor version bytes.
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3] === 0xe0) {
      const id = Buffer.from(bytes.subarray(6, 11)).toString('latin1');
      const major = bytes[11];
      const minor = bytes[12];
      if (id === 'JFIF\0' && major !== undefined && minor !== undefined) {
        return `${major}.${String(minor).padStart(2, '0')}`;
      }
    }
  }
  if (type === 'image/png') return '1.2';
  if (type === 'image/tiff') return '6.0';
  return 'unbekannt';
}
