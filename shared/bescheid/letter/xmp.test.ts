import { describe, expect, it } from 'vitest';
import { buildXmp, toXmpDate } from './xmp.ts';

const fields = {
  title: 'Bescheid <Zone "B"> & Co',
  author: 'Stadt Musterstadt',
  creatorTool: 'Amtsplatz',
  producer: 'Producer',
  date: new Date('2026-03-16T09:30:00.789Z'),
  language: 'de-DE',
};

describe('buildXmp', () => {
  it('claims PDF/A-2b', () => {
    const xmp = buildXmp(fields);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  });

  it('escapes XML in values', () => {
    expect(buildXmp(fields)).toContain('Bescheid &lt;Zone &quot;B&quot;&gt; &amp; Co');
  });

  it('uses one instant, to the second, for all three dates', () => {
    const xmp = buildXmp(fields);
    for (const p of ['CreateDate', 'ModifyDate', 'MetadataDate']) {
      expect(xmp).toContain(`<xmp:${p}>2026-03-16T09:30:00Z</xmp:${p}>`);
    }
    expect(toXmpDate(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02T03:04:05Z');
  });

  it('starts with the xpacket header including the BOM', () => {
    expect(buildXmp(fields).startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
  });
});
