import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { dokument, OPEN_STATUSES, type Vorgang } from '../../../../shared/domain/index.ts';
import { loadVerfahren } from '../verfahren/load.ts';
import { demoIntakeOrgUnits } from './demo-accounts.ts';
import { DemoAttachments, demoAttachmentFiles, type StoredDemoFile } from './demo-attachments.ts';
import { generateDemoVorgaenge } from './demo.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('demo attachment files', () => {
  it('are three distinct real files with the same bytes on every call', async () => {
    const files = await demoAttachmentFiles();
    expect(files.map((f) => [f.name, f.mediaType])).toEqual([
      ['Lageplan.pdf', 'application/pdf'],
      ['Nachweis.pdf', 'application/pdf'],
      ['Foto.png', 'image/png'],
    ]);
    expect(new Set(files.map((f) => sha256(f.bytes))).size).toBe(3);
    const again = await demoAttachmentFiles();
    expect(again.map((f) => sha256(f.bytes))).toEqual(files.map((f) => sha256(f.bytes)));

    for (const f of files.filter((x) => x.mediaType === 'application/pdf')) {
      const pdf = await PDFDocument.load(f.bytes, { updateMetadata: false });
      expect(pdf.getPageCount()).toBe(1);
      expect(pdf.getTitle()).toBe(f.name.replace('.pdf', ''));
    }
  });

  it('encode the PNG correctly: signature, header and image data of the stated size', async () => {
    const png = Buffer.from((await demoAttachmentFiles())[2]?.bytes ?? []);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('latin1', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe((width * 3 + 1) * height);
    expect(png.toString('latin1', png.length - 8, png.length - 4)).toBe('IEND');
  });
});

describe('DemoAttachments', () => {
  const files: StoredDemoFile[] = ['a', 'b', 'c'].map((c, i) => ({
    name: `${c}.pdf`,
    mediaType: 'application/pdf',
    sha256: c.repeat(64),
    size: 100 + i,
  }));

  it('gives each open Vorgang one or two different files as Antrag documents, deterministically', async () => {
    const vorgaenge: Vorgang[] = [
      ...generateDemoVorgaenge({
        count: 400,
        now: new Date('2026-11-23T09:00:00Z'),
        verfahren: await loadVerfahren(),
        orgUnits: demoIntakeOrgUnits(),
      }),
    ];
    const first = new DemoAttachments(files, 1);
    const perVorgang = vorgaenge.map((v) => first.of(v));
    for (const [i, v] of vorgaenge.entries()) {
      const docs = perVorgang[i] ?? [];
      if (!OPEN_STATUSES.includes(v.status)) {
        expect(docs).toEqual([]);
        continue;
      }
      expect(docs.length).toBeGreaterThanOrEqual(1);
      expect(docs.length).toBeLessThanOrEqual(2);
      expect(new Set(docs.map((d) => d.sha256)).size).toBe(docs.length);
      for (const d of docs) {
        expect(dokument.parse(d)).toEqual(d);
        expect(d).toMatchObject({ vorgangId: v.id, source: 'antrag', uploadedBy: null, createdAt: v.receivedAt });
        const file = files.find((f) => f.sha256 === d.sha256);
        expect(d).toMatchObject({ name: file?.name, size: file?.size });
      }
    }
    const all = perVorgang.flat();
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    expect(all.some((d) => d.sha256 === files[2]?.sha256)).toBe(true);
    expect(perVorgang.some((docs) => docs.length === 2)).toBe(true);
    expect(perVorgang.filter((docs) => docs.length === 1).length).toBeGreaterThan(
      perVorgang.filter((docs) => docs.length === 2).length,
    );
    const second = new DemoAttachments(files, 1);
    expect(vorgaenge.map((v) => second.of(v))).toEqual(perVorgang);
  });

  it('refuses file metadata that would make invalid Dokumente', () => {
    const bad = (patch: Partial<StoredDemoFile>) => () =>
      new DemoAttachments([{ ...files[0], ...patch } as StoredDemoFile], 1);
    expect(bad({ sha256: 'xyz' })).toThrow();
    expect(bad({ size: 0 })).toThrow();
    expect(bad({ name: '' })).toThrow();
    expect(() => new DemoAttachments([], 1)).toThrow(RangeError);
  });
});
