import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { MAX_DOKUMENT_BYTES } from '../../../../shared/domain/dokument.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';

/**
 * The zip container of xdomea messages (ZIP 2.0, Kompressionsverfahren code 001): stored or
 * deflated entries, every name flagged UTF-8 (bit 11) so umlauts in Dateinamen survive on any
 * system. No Zip64, no encryption, no multi-disk archives: messages never need them, and a
 * reader that refuses them has fewer ways to be fooled.
 */

/** Why the reader or writer refused an archive; `message` says which entry. */
export type ZipProblem =
  | 'malformed'
  | 'unsupported'
  | 'bad_name'
  | 'zip_slip'
  | 'absolute_path'
  | 'duplicate_name'
  | 'entry_too_large'
  | 'too_large'
  | 'too_many_entries'
  | 'crc_mismatch'
  | 'not_found';

export class ZipError extends DomainError {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem, message: string) {
    super('validation_failed', message);
    this.name = 'ZipError';
    this.problem = problem;
  }
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
const UTF8_FLAG = 0x0800;
const ENCRYPTED_FLAG = 0x0001;
const STORE = 0;
const DEFLATE = 8;
const VERSION_NEEDED = 20;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;

export interface ZipInputEntry {
  /** Path inside the archive, "/"-separated; xdomea messages use flat names only. */
  name: string;
  data: Uint8Array;
  /** Default: deflate where that makes the entry smaller, else store (PDF, JPEG, Office files). */
  method?: 'store' | 'deflate';
}

/**
 * Checks one entry name and says what is wrong with it: a name that climbs out of the
 * extraction folder ("../x", "a/../../x", "a\\..\\x"), starts at a root or drive ("/etc",
 * "C:x"), or holds control characters is refused on both writing and reading.
 */
function nameProblem(name: string): { problem: ZipProblem; message: string } | undefined {
  const shown = JSON.stringify(name.slice(0, 200));
  if (name === '') return { problem: 'bad_name', message: 'zip entry with an empty name' };
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return { problem: 'bad_name', message: `zip entry name ${shown} contains control characters` };
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    return { problem: 'absolute_path', message: `zip entry name ${shown} is an absolute path` };
  }
  // Windows extractors take "\" as a separator, so it would hide a "..".
  if (name.includes('\\')) return { problem: 'zip_slip', message: `zip entry name ${shown} contains "\\"` };
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return { problem: 'zip_slip', message: `zip entry name ${shown} climbs out with ".."` };
  if (segments.some((s) => s === '' || s === '.')) {
    return { problem: 'bad_name', message: `zip entry name ${shown} has an empty or "." segment` };
  }
  return undefined;
}

/** Two names that one file system would store as one file (case and Unicode form folded). */
function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** MS-DOS date and time, in UTC so the same input gives the same bytes on every machine. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Writes a zip archive; entries keep their order. Throws ZipError for a name the reader would refuse. */
export function writeZip(entries: readonly ZipInputEntry[], options: { modified?: Date } = {}): Uint8Array {
  if (entries.length > MAX_U16) throw new ZipError('too_many_entries', `${entries.length} zip entries need Zip64`);
  const { time, date } = dosDateTime(options.modified ?? new Date());
  const seen = new Set<string>();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const bad = nameProblem(entry.name);
    if (bad) throw new ZipError(bad.problem, bad.message);
    const key = collisionKey(entry.name);
    if (seen.has(key)) throw new ZipError('duplicate_name', `zip entry name ${JSON.stringify(entry.name)} twice`);
    seen.add(key);
    const name = Buffer.from(entry.name, 'utf8');
    if (name.length > MAX_U16) throw new ZipError('bad_name', 'zip entry name longer than 65535 bytes');
    const { method, body } = compress(entry);
    const crc = crc32(entry.data);
    if (entry.data.length >= MAX_U32 || body.length >= MAX_U32 || offset >= MAX_U32) {
      throw new ZipError('too_large', `zip entry ${entry.name} needs Zip64`);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIG, 0);
    central.writeUInt16LE(VERSION_NEEDED, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // Extra field, comment, disk number, internal and external attributes stay 0.
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  if (offset + centralSize >= MAX_U32) throw new ZipError('too_large', 'zip archive needs Zip64');
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(centralSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, eocd]));
}

function compress(entry: ZipInputEntry): { method: number; body: Uint8Array } {
  if (entry.method === 'store') return { method: STORE, body: entry.data };
  const deflated = deflateRawSync(entry.data);
  if (entry.method === 'deflate' || deflated.length < entry.data.length) return { method: DEFLATE, body: deflated };
  return { method: STORE, body: entry.data };
}

export interface ZipLimits {
  /** More entries than this and the archive is refused before any is read. */
  maxEntries: number;
  /** Largest uncompressed entry. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed entries. */
  maxTotalBytes: number;
}

/** Room for an Akte of several thousand Dokumente, each within the Dokument limit. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: MAX_DOKUMENT_BYTES,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
};

export interface ZipEntryInfo {
  name: string;
  /** Uncompressed size as the central directory declares it (checked when read). */
  size: number;
  compressedSize: number;
  method: 'store' | 'deflate';
  crc32: number;
  directory: boolean;
}

export interface ZipArchive {
  /** Central directory order. */
  readonly entries: readonly ZipEntryInfo[];
  /** One entry's bytes, checked against its declared size and CRC-32. */
  read(name: string): Uint8Array;
}

interface Located extends ZipEntryInfo {
  localOffset: number;
  dataOffset: number;
}

/**
 * Opens an archive from memory and checks its whole directory before anything is read:
 * names (zip slip, absolute paths, duplicates), counts and sizes against `limits`, and that
 * every entry's local header agrees with the directory.
 */
export function openZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipArchive {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(buf);
  const diskNo = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (diskNo !== 0 || cdDisk !== 0 || onDisk !== total) throw new ZipError('unsupported', 'multi-disk zip archive');
  if (total === MAX_U16 || cdSize === MAX_U32 || cdOffset === MAX_U32) {
    throw new ZipError('unsupported', 'Zip64 archive');
  }
  if (total > lim.maxEntries) {
    throw new ZipError('too_many_entries', `zip archive has ${total} entries, more than the ${lim.maxEntries} allowed`);
  }
  if (cdOffset + cdSize > eocd) throw new ZipError('malformed', 'zip central directory overlaps its end record');

  const entries: Located[] = [];
  const byKey = new Map<string, string>();
  let sum = 0;
  let pos = cdOffset;
  for (let i = 0; i < total; i++) {
    if (pos + 46 > cdOffset + cdSize || buf.readUInt32LE(pos) !== CENTRAL_SIG) {
      throw new ZipError('malformed', `zip central directory entry ${i + 1} is damaged`);
    }
    const flags = buf.readUInt16LE(pos + 8);
    const methodCode = buf.readUInt16LE(pos + 10);
    const crc = buf.readUInt32LE(pos + 16);
    const compressedSize = buf.readUInt32LE(pos + 20);
    const size = buf.readUInt32LE(pos + 24);
    const nameLength = buf.readUInt16LE(pos + 28);
    const extraLength = buf.readUInt16LE(pos + 30);
    const commentLength = buf.readUInt16LE(pos + 32);
    const localOffset = buf.readUInt32LE(pos + 42);
    const nameBytes = buf.subarray(pos + 46, pos + 46 + nameLength);
    pos += 46 + nameLength + extraLength + commentLength;
    if (pos > cdOffset + cdSize) throw new ZipError('malformed', `zip central directory entry ${i + 1} is damaged`);

    const name = decodeName(nameBytes, flags, i + 1);
    const bad = nameProblem(name);
    if (bad) throw new ZipError(bad.problem, bad.message);
    const key = collisionKey(name);
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      throw new ZipError(
        'duplicate_name',
        `zip entry ${JSON.stringify(name)} collides with ${JSON.stringify(earlier)}`,
      );
    }
    byKey.set(key, name);
    if (flags & ENCRYPTED_FLAG) throw new ZipError('unsupported', `zip entry ${name} is encrypted`);
    if (methodCode !== STORE && methodCode !== DEFLATE) {
      throw new ZipError('unsupported', `zip entry ${name} uses compression method ${methodCode}`);
    }
    if (size === MAX_U32 || compressedSize === MAX_U32 || localOffset === MAX_U32) {
      throw new ZipError('unsupported', `zip entry ${name} is a Zip64 entry`);
    }
    if (size > lim.maxEntryBytes) {
      throw new ZipError(
        'entry_too_large',
        `zip entry ${name} has ${size} bytes, more than the ${lim.maxEntryBytes} allowed`,
      );
    }
    sum += size;
    if (sum > lim.maxTotalBytes) {
      throw new ZipError('too_large', `zip entries hold more than the ${lim.maxTotalBytes} bytes allowed`);
    }
    const dataOffset = checkLocalHeader(buf, localOffset, nameBytes, name);
    if (dataOffset + compressedSize > cdOffset) {
      throw new ZipError('malformed', `zip entry ${name} runs into the central directory`);
    }
    if (methodCode === STORE && compressedSize !== size) {
      throw new ZipError('malformed', `stored zip entry ${name} declares two different sizes`);
    }
    entries.push({
      name,
      size,
      compressedSize,
      method: methodCode === STORE ? 'store' : 'deflate',
      crc32: crc,
      directory: name.endsWith('/'),
      localOffset,
      dataOffset,
    });
  }

  // Entries whose bytes overlap are how "overlapping" zip bombs multiply one deflate stream.
  const spans = entries
    .map((e) => ({ name: e.name, start: e.localOffset, end: e.dataOffset + e.compressedSize }))
    .sort((a, b) => a.start - b.start);
  for (let k = 1; k < spans.length; k++) {
    const prev = spans[k - 1];
    const cur = spans[k];
    if (prev && cur && cur.start < prev.end) {
      throw new ZipError('malformed', `zip entries ${prev.name} and ${cur.name} overlap`);
    }
  }

  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    entries: entries.map(({ localOffset: _l, dataOffset: _d, ...info }) => info),
    read(name: string): Uint8Array {
      const entry = byName.get(name);
      if (!entry) throw new ZipError('not_found', `zip archive has no entry ${JSON.stringify(name)}`);
      return readEntry(buf, entry);
    },
  };
}

function findEocd(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535; the last signature whose
  // comment length reaches exactly to the end is the real one.
  const last = buf.length - 22;
  for (let p = last; p >= 0 && p >= last - MAX_U16; p--) {
    if (buf.readUInt32LE(p) === EOCD_SIG && p + 22 + buf.readUInt16LE(p + 20) === buf.length) return p;
  }
  throw new ZipError('malformed', 'not a zip archive (no end of central directory record)');
}

function decodeName(bytes: Buffer, flags: number, index: number): string {
  if (flags & UTF8_FLAG) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ZipError('bad_name', `zip entry ${index} is flagged UTF-8 but its name is not`);
    }
  }
  // Without the flag the name is CP437 by the specification, yet many tools write their own
  // code page: only ASCII is unambiguous.
  if (bytes.some((b) => b > 0x7f)) {
    throw new ZipError('bad_name', `zip entry ${index} has a non-ASCII name without the UTF-8 flag`);
  }
  return bytes.toString('latin1');
}

function checkLocalHeader(buf: Buffer, offset: number, nameBytes: Buffer, name: string): number {
  if (offset + 30 > buf.length || buf.readUInt32LE(offset) !== LOCAL_SIG) {
    throw new ZipError('malformed', `zip entry ${name} has no local header where the directory says`);
  }
  const nameLength = buf.readUInt16LE(offset + 26);
  const extraLength = buf.readUInt16LE(offset + 28);
  const localName = buf.subarray(offset + 30, offset + 30 + nameLength);
  // An extractor that trusts local headers must not find another name than the directory.
  if (!localName.equals(nameBytes)) {
    throw new ZipError('malformed', `zip entry ${name} has another name in its local header`);
  }
  return offset + 30 + nameLength + extraLength;
}

function readEntry(buf: Buffer, entry: Located): Uint8Array {
  const raw = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 'store') {
    data = raw;
  } else {
    try {
      // One byte more than declared: a bomb or a lie about the size stops there.
      data = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
    } catch (e) {
      const tooBig = e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ZipError(
        tooBig ? 'entry_too_large' : 'malformed',
        tooBig
          ? `zip entry ${entry.name} inflates beyond its declared size`
          : `zip entry ${entry.name} does not inflate`,
      );
    }
  }
  if (data.length !== entry.size) {
    throw new ZipError('malformed', `zip entry ${entry.name} has ${data.length} bytes, not the ${entry.size} declared`);
  }
  if (crc32(data) !== entry.crc32) throw new ZipError('crc_mismatch', `zip entry ${entry.name} fails its CRC-32 check`);
  return new Uint8Array(data);
}
