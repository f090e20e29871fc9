import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allFields, verfahrenDef } from '../../../../shared/domain/index.ts';
import { DEFAULT_VERFAHREN_DIR, MAX_VERFAHREN_FILE_BYTES, loadVerfahren } from './load.ts';

const minimal = (id: string) => ({
  id,
  version: 1,
  name: { de: 'Testverfahren', en: 'Test procedure' },
  aktenplanKennzeichen: '10.20.30',
  fristArbeitstage: 5,
  groups: [
    {
      id: 'allgemein',
      label: { de: 'Allgemein', en: 'General' },
      fields: [
        { id: 'name', label: { de: 'Name', en: 'Name' }, type: 'text', required: true },
        { id: 'anzahl', label: { de: 'Anzahl', en: 'Count' }, type: 'number' },
        { id: 'datum', label: { de: 'Datum', en: 'Date' }, type: 'date' },
      ],
    },
  ],
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-verfahren-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const put = (name: string, content: unknown) =>
  writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

/** The loader's error message, for asserting on its lines. */
async function failure(): Promise<string> {
  const e: unknown = await loadVerfahren(dir).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected loadVerfahren to reject');
  return e.message;
}

describe('shipped definitions', () => {
  it('resolve to resources/verfahren and load', async () => {
    expect(DEFAULT_VERFAHREN_DIR).toMatch(/[/\\]resources[/\\]verfahren$/);
    const defs = await loadVerfahren();
    expect(defs.map((d) => d.id)).toEqual(['balkon-solaranlage', 'bewohnerparkausweis', 'gewerbeanmeldung']);
    for (const d of defs) {
      expect(verfahrenDef.safeParse(d).success).toBe(true);
      expect(allFields(d).some((f) => f.required)).toBe(true);
      for (const f of allFields(d)) {
        expect(f.label.de).not.toBe('');
        expect(f.label.en).not.toBe('');
      }
    }
  });
});

describe('loadVerfahren', () => {
  it('loads valid files sorted by name, ignores other files and applies defaults', async () => {
    await put('b.json', minimal('zweites'));
    await put('a.json', minimal('erstes'));
    await put('README.md', '# not a definition');
    await put('notes.json.bak', '{');
    const defs = await loadVerfahren(dir);
    expect(defs.map((d) => d.id)).toEqual(['erstes', 'zweites']);
    expect(defs[0]?.groups[0]?.fields[1]?.required).toBe(false);
  });

  it('returns an empty list for an empty directory', async () => {
    await expect(loadVerfahren(dir)).resolves.toEqual([]);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    await put('a.json', `\uFEFF${JSON.stringify(minimal('mit-bom'))}`);
    expect((await loadVerfahren(dir))[0]?.id).toBe('mit-bom');
  });

  it('names the file and the path of every schema problem', async () => {
    const def = minimal('kaputt');
    const bad = {
      ...def,
      fristArbeitstage: 0,
      groups: [
        {
          ...def.groups[0],
          fields: [
            ...(def.groups[0]?.fields ?? []),
            { id: 'farbe', label: { de: 'Farbe', en: 'Colour' }, type: 'colour' },
            { id: 'art', label: { de: 'Art', en: 'Kind' }, type: 'select' },
          ],
        },
      ],
      extra: true,
    };
    await put('kaputt.json', bad);
    const message = await failure();
    expect(message).toContain('kaputt.json: groups[0].fields[3].type: Invalid option');
    expect(message).toContain('kaputt.json: groups[0].fields[4]: a select field needs options');
    expect(message).toContain('kaputt.json: fristArbeitstage:');
    expect(message).toMatch(/kaputt\.json: .*extra/);
  });

  it('reports duplicate field ids within a definition', async () => {
    const def = minimal('doppelt');
    const field = def.groups[0]?.fields[0];
    await put('doppelt.json', { ...def, groups: [{ ...def.groups[0], fields: [field, field] }] });
    expect(await failure()).toContain('doppelt.json: duplicate field id "name"');
  });

  it('reports malformed JSON', async () => {
    await put('defekt.json', '{"id": "defekt",');
    expect(await failure()).toMatch(/defekt\.json: malformed JSON: /);
  });

  it('reports duplicate Verfahren ids with both files', async () => {
    await put('a.json', minimal('gleich'));
    await put('b.json', minimal('gleich'));
    expect(await failure()).toContain('b.json: id: duplicate Verfahren id "gleich" (already defined in a.json)');
  });

  it('reports files that cannot be read', async () => {
    await symlink(join(dir, 'does-not-exist'), join(dir, 'verwaist.json'));
    await mkdir(join(dir, 'ordner.json'));
    const message = await failure();
    expect(message).toMatch(/verwaist\.json: ENOENT/);
    expect(message).toContain('ordner.json: not a regular file');
  });

  it('refuses files over the size limit without parsing them', async () => {
    await put('gross.json', ' '.repeat(MAX_VERFAHREN_FILE_BYTES + 1));
    expect(await failure()).toContain(
      `gross.json: file is ${MAX_VERFAHREN_FILE_BYTES + 1} bytes, larger than the limit`,
    );
  });

  it('collects problems from all files before failing', async () => {
    await put('a.json', '[');
    await put('b.json', minimal('gut'));
    await put('c.json', { ...minimal('C'), version: 1 });
    const lines = (await failure()).split('\n');
    expect(lines[0]).toContain(dir);
    expect(lines.filter((l) => l.includes('a.json: malformed JSON'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('c.json: id: Verfahren ids are kebab-case ASCII'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('b.json'))).toBe(false);
  });

  it('reports a missing directory', async () => {
    await expect(loadVerfahren(join(dir, 'fehlt'))).rejects.toThrow(/Cannot read the Verfahren directory .*fehlt/);
  });
});
