import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveServerEntry, SERVER_BUNDLE_DIR, SERVER_BUNDLE_ENTRY } from './server-entry.ts';
import { isPlaceholderFeed, PRODUCT_NAME } from './updater.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('resolveServerEntry', () => {
  it('packaged: the bundle in the resources folder, in a utilityProcess', () => {
    expect(
      resolveServerEntry({
        isPackaged: true,
        resourcesPath: '/opt/Amtsplatz/resources',
        appPath: '/opt/Amtsplatz/resources/app.asar',
      }),
    ).toEqual({ entry: '/opt/Amtsplatz/resources/server/server.mjs', runtime: 'utility-process' });
  });

  it('in a checkout: the TypeScript sources under Node', () => {
    expect(resolveServerEntry({ isPackaged: false, resourcesPath: '/x', appPath: '/work/amtsplatz' })).toEqual({
      entry: '/work/amtsplatz/server/src/main.ts',
      runtime: 'node',
    });
  });
});

/** The packaging configuration must put the bundle where resolveServerEntry looks for it. */
describe('build/electron-builder.yml', () => {
  const config = z.looseObject({
    productName: z.string(),
    files: z.array(z.string()),
    extraResources: z.array(z.looseObject({ from: z.string(), to: z.string() })),
    publish: z.looseObject({ provider: z.string(), url: z.string() }),
    win: z.looseObject({ target: z.array(z.string()) }),
    linux: z.looseObject({ target: z.array(z.string()) }),
    nsis: z.looseObject({ perMachine: z.boolean(), oneClick: z.boolean(), packElevateHelper: z.boolean() }),
    msi: z.looseObject({ perMachine: z.boolean(), upgradeCode: z.uuid() }),
  });
  const read = async () => config.parse(load(await readFile(join(ROOT, 'build', 'electron-builder.yml'), 'utf8')));

  it(`copies out/${SERVER_BUNDLE_DIR} (with its node_modules) to <resources>/${SERVER_BUNDLE_DIR}, outside the asar`, async () => {
    const { extraResources, files } = await read();
    expect(extraResources).toEqual(
      expect.arrayContaining([
        { from: `out/${SERVER_BUNDLE_DIR}`, to: SERVER_BUNDLE_DIR },
        { from: `out/${SERVER_BUNDLE_DIR}/node_modules`, to: `${SERVER_BUNDLE_DIR}/node_modules` },
      ]),
    );
    expect(files).toContain(`!out/${SERVER_BUNDLE_DIR}/**`);
    expect(SERVER_BUNDLE_ENTRY).toBe('server.mjs');
  });

  it('builds NSIS per machine, MSI, AppImage and deb, with the generic placeholder feed', async () => {
    const c = await read();
    expect(c.productName).toBe(PRODUCT_NAME);
    expect(c.win.target).toEqual(['nsis', 'msi']);
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.nsis).toMatchObject({ perMachine: true, oneClick: false, packElevateHelper: true });
    expect(c.msi.perMachine).toBe(true);
    expect(c.publish.provider).toBe('generic');
    expect(isPlaceholderFeed(c.publish.url)).toBe(true);
  });
});
