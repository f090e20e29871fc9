import { createHash } from 'node:crypto';
import { DomainError } from '../../../../shared/domain/errors.ts';
import {
  AUSSONDERUNGSART_LIST,
  DATEIFORMAT_LIST,
  DATEIFORMAT_SONSTIGES,
  dateiformatCode,
  formatVersion,
  MEDIUM_ELEKTRONISCH,
  MEDIUM_LIST,
} from './codes.ts';
import { bool, codeElement } from './kopf.ts';
import type { AkteRecord, Aussonderungsart, DokumentRecord, VorgangRecord } from './types.ts';
import { x, type XmlElement } from './xml.ts';

export type SchriftgutTyp = 'Akte' | 'Vorgang' | 'Dokument';

/** One object a message names, with its container: the map replies are checked against. */
export interface XdomeaObjekt {
  id: string;
  typ: SchriftgutTyp;
  /** The Akte or Vorgang it is written in; null for the message's top-level objects. */
  parentId: string | null;
}

export interface PrimaryFile {
  /** Flat name inside the zip, equal to Primaerdokument/Dateiname. */
  name: string;
  data: Uint8Array;
}

/** Longest zip entry name in UTF-8 bytes that every common file system can store. */
const MAX_FILE_NAME_BYTES = 255;

/**
 * Primaerdokument/Dateiname: "UUID_Dokumentname.Dateiformat", the pattern the schema names,
 * with the Dokument's UUID (one file per Dokument, so it is unique in the message). The name
 * part is made flat once more, whatever the caller's sanitizing did, and cut to fit 255 bytes
 * with its extension kept.
 */
export function primaerdateiname(dokument: Pick<DokumentRecord, 'id' | 'dateiname'>): string {
  const prefix = `${dokument.id.toLowerCase()}_`;
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const flat = dokument.dateiname.replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_').trim() || 'Dokument';
  const dot = flat.lastIndexOf('.');
  const ext = dot > 0 ? flat.slice(dot) : '';
  let stem = dot > 0 ? flat.slice(0, dot) : flat;
  const budget = MAX_FILE_NAME_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(ext);
  // Cut by code points, so no surrogate pair is split and the name stays valid UTF-8.
  while (Buffer.byteLength(stem) > budget) stem = Array.from(stem).slice(0, -1).join('');
  return `${prefix}${stem || 'Dokument'}${ext}`;
}

/**
 * Writes Akten, Vorgänge and Dokumente in the schema's element order and collects what the
 * message then holds: each object once (a UUID twice would make replies ambiguous) and, when
 * files travel, each primary file with the name its Dateiname gives.
 */
export class SchriftgutWriter {
  readonly objekte: XdomeaObjekt[] = [];
  readonly files: PrimaryFile[] = [];
  readonly #seen = new Set<string>();
  readonly #withFiles: boolean;

  constructor(options: { withFiles: boolean }) {
    this.#withFiles = options.withFiles;
  }

  #register(id: string, typ: SchriftgutTyp, parentId: string | null): void {
    const key = id.toLowerCase();
    if (this.#seen.has(key)) throw new DomainError('validation_failed', `${typ} ${id}: this UUID occurs twice`);
    this.#seen.add(key);
    this.objekte.push({ id, typ, parentId });
  }

  /**
   * An Akte with its Vorgänge. `aussonderungsart` overrides the Akte's own, as the 0503 writes
   * the archive's decision rather than the pre-assessment.
   */
  akte(akte: AkteRecord, options: { aussonderungsart?: Aussonderungsart } = {}): XmlElement {
    this.#register(akte.id, 'Akte', null);
    return x(
      'Akte',
      x('Identifikation', x('ID', akte.id)),
      x(
        'AllgemeineMetadaten',
        x('Betreff', akte.titel),
        x('Kennzeichen', akte.aktenzeichen),
        codeElement('Medium', MEDIUM_ELEKTRONISCH, MEDIUM_LIST),
        x('Aktenplaneinheit', x('Kennzeichen', akte.aktenplan.kennzeichen), x('Inhaltsangabe', akte.aktenplan.titel)),
      ),
      x(
        'ArchivspezifischeMetadaten',
        x('Aufbewahrungsdauer', x('AnzahlJahre', String(akte.aufbewahrungsfristJahre))),
        x(
          'Aussonderungsart',
          codeElement('Aussonderungsart', options.aussonderungsart ?? akte.aussonderungsart, AUSSONDERUNGSART_LIST),
        ),
        akte.aufbewahrungBis !== null && x('Aufbewahrungsende', akte.aufbewahrungBis),
      ),
      x('Laufzeit', x('Beginn', akte.laufzeitBeginn), akte.zdaAm !== null && x('Ende', akte.zdaAm)),
      akte.vorgaenge.length > 0 &&
        x(
          'Akteninhalt',
          akte.vorgaenge.map((v, i) => this.vorgang(v, { parentId: akte.id, nummer: i + 1 })),
        ),
      x('ZdA', bool(akte.zdaAm !== null)),
      akte.zdaAm !== null && x('ZdADatum', akte.zdaAm),
    );
  }

  /**
   * A Vorgang with its Dokumente. Sent on its own (Abgabe) it names its Akte's title as
   * Aktenbetreff, the context the schema asks for then.
   */
  vorgang(
    vorgang: VorgangRecord,
    where: { parentId: string | null; nummer?: number; aktenbetreff?: string; aktenplan?: AkteRecord['aktenplan'] },
  ): XmlElement {
    this.#register(vorgang.id, 'Vorgang', where.parentId);
    return x(
      'Vorgang',
      x(
        'Identifikation',
        x('ID', vorgang.id),
        where.nummer !== undefined && x('NummerImUebergeordnetenContainer', String(where.nummer)),
      ),
      x(
        'AllgemeineMetadaten',
        x('Betreff', vorgang.titel),
        x('Kennzeichen', vorgang.aktenzeichen),
        codeElement('Medium', MEDIUM_ELEKTRONISCH, MEDIUM_LIST),
        where.aktenplan &&
          x(
            'Aktenplaneinheit',
            x('Kennzeichen', where.aktenplan.kennzeichen),
            x('Inhaltsangabe', where.aktenplan.titel),
          ),
      ),
      where.aktenbetreff !== undefined && x('Aktenbetreff', where.aktenbetreff),
      x('ZdA', bool(vorgang.zdaAm !== null)),
      vorgang.zdaAm !== null && x('ZdADatum', vorgang.zdaAm),
      x('Laufzeit', x('Beginn', vorgang.eingangAm), vorgang.zdaAm !== null && x('Ende', vorgang.zdaAm)),
      vorgang.dokumente.map((d, i) => this.dokument(d, { parentId: vorgang.id, nummer: i + 1 })),
    );
  }

  /** A Dokument; with files, its one Version and Format pointing at the primary file. */
  dokument(dokument: DokumentRecord, where: { parentId: string | null; nummer?: number }): XmlElement {
    this.#register(dokument.id, 'Dokument', where.parentId);
    return x(
      'Dokument',
      x(
        'Identifikation',
        x('ID', dokument.id),
        where.nummer !== undefined && x('NummerImUebergeordnetenContainer', String(where.nummer)),
      ),
      x('AllgemeineMetadaten', x('Betreff', dokument.titel), codeElement('Medium', MEDIUM_ELEKTRONISCH, MEDIUM_LIST)),
      this.#withFiles && this.#version(dokument),
    );
  }

  #version(dokument: DokumentRecord): XmlElement {
    const bytes = checkedBytes(dokument);
    const name = primaerdateiname(dokument);
    this.files.push({ name, data: bytes });
    const code = dateiformatCode(dokument.mediaType, dokument.dateiname);
    return x(
      'Version',
      x('Nummer', '1'),
      x(
        'Format',
        codeElement('Name', code, DATEIFORMAT_LIST),
        code === DATEIFORMAT_SONSTIGES && x('SonstigerName', dokument.mediaType),
        x('Version', formatVersion(dokument.mediaType, bytes)),
        x(
          'Primaerdokument',
          x('Dateiname', name),
          x('DateinameOriginal', dokument.dateiname),
          x('DatumUhrzeit', dokument.veraktetAm),
        ),
      ),
    );
  }
}

/** The file as filed: a message must not carry other bytes than the Akte's record says. */
function checkedBytes(dokument: DokumentRecord): Uint8Array {
  const { bytes } = dokument;
  if (!bytes)
    throw new DomainError('blob_missing', `Dokument ${dokument.id}: the message carries files, bytes missing`);
  if (bytes.length !== dokument.size) {
    throw new DomainError(
      'hash_mismatch',
      `Dokument ${dokument.id}: ${bytes.length} bytes given, the record says ${dokument.size}`,
    );
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== dokument.sha256) {
    throw new DomainError('hash_mismatch', `Dokument ${dokument.id}: the bytes do not have the recorded SHA-256`);
  }
  return bytes;
}
