import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openZip, writeZip, ZipError, type ZipProblem } from './zip.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** Replaces every occurrence of a name in the archive (local header and directory alike). */
function renameRaw(zip: Uint8Array, from: string, to: string | Uint8Array): Uint8Array {
  const a = Buffer.from(from, 'utf8');
  const b = typeof to === 'string' ? Buffer.from(to, 'utf8') : Buffer.from(to);
  expect(b.length).toBe(a.length);
  const out = Buffer.from(zip);
  let hits = 0;
  for (let p = out.indexOf(a); p !== -1; p = out.indexOf(a, p + 1)) {
    b.copy(out, p);
    hits++;
  }
  expect(hits).toBe(2);
  return new Uint8Array(out);
}

/** The general-purpose flags of every central directory entry. */
function centralFlags(zip: Uint8Array): number[] {
  const buf = Buffer.from(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let pos = buf.readUInt32LE(eocd + 16);
  const flags: number[] = [];
  for (let i = 0; i < count; i++) {
    flags.push(buf.readUInt16LE(pos + 8));
    const local = buf.readUInt32LE(pos + 42);
    expect(buf.readUInt16LE(local + 6)).toBe(buf.readUInt16LE(pos + 8));
    pos += 46 + buf.readUInt16LE(pos + 28) + buf.readUInt16LE(pos + 30) + buf.readUInt16LE(pos + 32);
  }
  return flags;
}

function refusal(fn: () => unknown): { problem: ZipProblem; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZipError);
    const z = e as ZipError;
    expect(z.code).toBe('validation_failed');
    return { problem: z.problem, message: z.message };
  }
  throw new Error('expected a ZipError');
}

describe('zip round trip', () => {
  it('reads back what it wrote: stored, deflated, empty, UTF-8 names, in order', () => {
    const random = randomBytes(5000);
    const text = enc('Aktenvermerk '.repeat(500));
    const zip = writeZip(
      [
        { name: 'nachricht.xml', data: text },
        { name: 'zufall.bin', data: random },
        { name: 'leer.txt', data: new Uint8Array() },
        { name: 'Lageplan ÄÖÜ ß €.pdf', data: enc('x'), method: 'deflate' },
        { name: 'roh.txt', data: text, method: 'store' },
      ],
      { modified: new Date('2026-03-02T09:30:00Z') },
    );
    const archive = openZip(zip);
    expect(archive.entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['nachricht.xml', 'deflate', text.length],
      ['zufall.bin', 'store', 5000],
      ['leer.txt', 'store', 0],
      ['Lageplan ÄÖÜ ß €.pdf', 'deflate', 1],
      ['roh.txt', 'store', text.length],
    ]);
    expect(archive.entries.find((e) => e.name === 'nachricht.xml')?.compressedSize).toBeLessThan(text.length / 10);
    expect(Buffer.from(archive.read('nachricht.xml')).equals(Buffer.from(text))).toBe(true);
    expect(Buffer.from(archive.read('zufall.bin')).equals(random)).toBe(true);
    expect(archive.read('leer.txt').length).toBe(0);
    expect(new TextDecoder().decode(archive.read('Lageplan ÄÖÜ ß €.pdf'))).toBe('x');
    expect(Buffer.from(archive.read('roh.txt')).equals(Buffer.from(text))).toBe(true);
  });

  it('sets the UTF-8 flag (bit 11) on every entry, in local and central headers alike', () => {
    const zip = writeZip([
      { name: 'a.xml', data: enc('<a/>') },
      { name: 'b.pdf', data: randomBytes(100) },
    ]);
    expect(centralFlags(zip)).toEqual([0x0800, 0x0800]);
  });

  it('writes the same bytes for the same input and time', () => {
    const entries = [{ name: 'a.txt', data: enc('gleich') }];
    const modified = new Date('2026-01-01T00:00:00Z');
    expect(Buffer.from(writeZip(entries, { modified })).equals(Buffer.from(writeZip(entries, { modified })))).toBe(
      true,
    );
  });

  it('refuses to write names the reader would refuse', () => {
    expect(refusal(() => writeZip([{ name: '../x', data: enc('') }])).problem).toBe('zip_slip');
    expect(refusal(() => writeZip([{ name: '/etc/x', data: enc('') }])).problem).toBe('absolute_path');
    expect(
      refusal(() =>
        writeZip([
          { name: 'a.txt', data: enc('') },
          { name: 'A.TXT', data: enc('') },
        ]),
      ).problem,
    ).toBe('duplicate_name');
  });
});

describe('zip reader refusals', () => {
  const base = (name: string) =>
    writeZip([
      { name: 'ok.txt', data: enc('ok') },
      { name, data: enc('payload') },
    ]);

  it.each([
    ['../evil.txt', 'zip_slip'],
    ['a/../../b.txt', 'zip_slip'],
    ['a\\..\\b.txt', 'zip_slip'],
    ['/etc/passwd', 'absolute_path'],
    ['C:/Windows/x', 'absolute_path'],
    ['C:evil.txt', 'absolute_path'],
  ] as const)('refuses the entry name %s (%s) before reading anything', (evil, problem) => {
    // Written under a harmless name of the same length, then renamed in the raw bytes.
    const placeholder = 'p'.repeat(Buffer.byteLength(evil));
    const zip = renameRaw(base(placeholder), placeholder, evil);
    const r = refusal(() => openZip(zip));
    expect(r.problem).toBe(problem);
    expect(r.message).toContain(JSON.stringify(evil));
  });

  it('refuses a name with a control character', () => {
    const zip = renameRaw(base('nul.txt'), 'nul.txt', 'nu\u0000.txt');
    expect(refusal(() => openZip(zip)).problem).toBe('bad_name');
  });

  it('refuses duplicate names, also when only case or Unicode form differs', () => {
    expect(refusal(() => openZip(renameRaw(base('ok.tx_'), 'ok.tx_', 'ok.txt')))).toMatchObject({
      problem: 'duplicate_name',
    });
    expect(refusal(() => openZip(renameRaw(base('OK.tx_'), 'OK.tx_', 'OK.TXT'))).message).toContain('collides with');
    const nfc = writeZip([
      { name: 'Ä.txt', data: enc('1') },
      { name: 'x.txt', data: enc('2') },
    ]);
    // "A" + combining diaeresis is "Ä" in NFD: one file on macOS.
    const nfd = renameRaw(
      writeZip([
        { name: 'Ä.txt', data: enc('1') },
        { name: 'xyz.txt', data: enc('2') },
      ]),
      'xyz.txt',
      'A\u0308.txt',
    );
    expect(() => openZip(nfc)).not.toThrow();
    expect(refusal(() => openZip(nfd)).problem).toBe('duplicate_name');
  });

  it('refuses more entries than allowed before reading them', () => {
    const zip = writeZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: enc(String(i)) })));
    expect(openZip(zip, { maxEntries: 5 }).entries).toHaveLength(5);
    const r = refusal(() => openZip(zip, { maxEntries: 4 }));
    expect(r.problem).toBe('too_many_entries');
    expect(r.message).toContain('5 entries');
  });

  it('refuses an entry over the size limit, and an archive over the total limit', () => {
    const zip = writeZip([
      { name: 'gross.bin', data: new Uint8Array(2000) },
      { name: 'klein.bin', data: new Uint8Array(1500) },
    ]);
    const r = refusal(() => openZip(zip, { maxEntryBytes: 1999 }));
    expect(r).toMatchObject({ problem: 'entry_too_large' });
    expect(r.message).toContain('gross.bin');
    expect(refusal(() => openZip(zip, { maxTotalBytes: 3000 })).problem).toBe('too_large');
    expect(() => openZip(zip, { maxEntryBytes: 2000, maxTotalBytes: 3500 })).not.toThrow();
  });

  it('stops a deflate bomb whose directory understates the size', () => {
    const zeros = new Uint8Array(1024 * 1024);
    const zip = Buffer.from(writeZip([{ name: 'bomb.bin', data: zeros, method: 'deflate' }]));
    expect(deflateRawSync(zeros).length).toBeLessThan(2000);
    // Declare 10 bytes in both headers: the inflate must stop there, not at 1 MiB.
    zip.writeUInt32LE(10, 22);
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    const archive = openZip(new Uint8Array(zip));
    expect(refusal(() => archive.read('bomb.bin')).problem).toBe('entry_too_large');
  });

  it('refuses a damaged entry on read by its CRC-32', () => {
    const zip = Buffer.from(writeZip([{ name: 'a.txt', data: enc('unverändert'), method: 'store' }]));
    const at = zip.indexOf(Buffer.from('unver'));
    zip[at] = 'U'.charCodeAt(0);
    expect(refusal(() => openZip(new Uint8Array(zip)).read('a.txt')).problem).toBe('crc_mismatch');
  });

  it('refuses what is not a zip, a truncated one, and a name without the UTF-8 flag that is not ASCII', () => {
    expect(refusal(() => openZip(enc('<xml/>'))).problem).toBe('malformed');
    const zip = writeZip([{ name: 'a.txt', data: enc('x') }]);
    expect(refusal(() => openZip(zip.subarray(0, zip.length - 5))).problem).toBe('malformed');
    const flagged = Buffer.from(writeZip([{ name: 'ä.txt', data: enc('x') }]));
    const central = flagged.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    flagged.writeUInt16LE(0, central + 8);
    expect(refusal(() => openZip(new Uint8Array(flagged))).problem).toBe('bad_name');
  });

  it('refuses a local header that names another file than the directory', () => {
    const zip = Buffer.from(writeZip([{ name: 'harmlos.txt', data: enc('x') }]));
    zip.write('H', 30, 'latin1');
    expect(refusal(() => openZip(new Uint8Array(zip)))).toMatchObject({ problem: 'malformed' });
  });

  it('refuses entries whose bytes overlap (one stream counted twice)', () => {
    const zip = Buffer.from(
      writeZip([
        { name: 'a.bin', data: new Uint8Array(100), method: 'store' },
        { name: 'b.bin', data: new Uint8Array(100), method: 'store' },
      ]),
    );
    // Point b's directory entry into a's data, after copying b's local header there.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 1);
    const bLocal = zip.readUInt32LE(second + 42);
    zip.copy(zip, 40, bLocal, bLocal + 30 + 'b.bin'.length);
    zip.writeUInt32LE(40, second + 42);
    expect(refusal(() => openZip(new Uint8Array(zip)))).toMatchObject({ problem: 'malformed' });
    expect(refusal(() => openZip(new Uint8Array(zip))).message).toContain('overlap');
  });

  it('says which entry is missing', () => {
    const r = refusal(() => openZip(writeZip([{ name: 'a.txt', data: enc('x') }])).read('b.txt'));
    expect(r).toMatchObject({ problem: 'not_found' });
    expect(r.message).toContain('"b.txt"');
  });
});
