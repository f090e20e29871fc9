// `npm run aktenplan:import -- MESSAGE [--out FILE]`: takes an authority's file plan from an
// xdomea Aktenplan.Aktenplan.0301 message (the .zip container or its .xml) into Amtsplatz's
// Aktenplan format (docs/e-akte.md, "Aktenplan"). The message is validated against the
// official XSD first; the result is checked like the server checks its Aktenplan at start,
// including that every Verfahren still files under a leaf. Writes FILE (its version raised
// by one when it exists) or prints to stdout; on any problem nothing is written and the exit
// code is 1 with every problem listed.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { aktenplanFile, flattenAktenplan } from '../shared/domain/aktenplan.ts';
import { assertVerfahrenFiled } from '../server/src/modules/akte/aktenplan.ts';
import { loadVerfahren } from '../server/src/modules/verfahren/load.ts';
import { parseAktenplanImport } from '../server/src/modules/xdomea/aktenplan-import.ts';
import { XdomeaError } from '../server/src/modules/xdomea/read.ts';

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export async function main(argv: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { out: { type: 'string' }, verfahren: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [message] = positionals;
  if (values.help === true || message === undefined || positionals.length !== 1) {
    out('usage: npm run aktenplan:import -- MESSAGE.zip|MESSAGE.xml [--out resources/aktenplan/aktenplan.json]');
    return values.help === true ? 0 : 2;
  }
  const fail = (problems: readonly string[]): number => {
    for (const p of problems) out(`aktenplan:import: ${p}`);
    return 1;
  };
  const bytes = new Uint8Array(await readFile(message));
  if (bytes.length > MAX_MESSAGE_BYTES) return fail([`${message} is larger than ${MAX_MESSAGE_BYTES} bytes`]);
  const input = message.toLowerCase().endsWith('.xml')
    ? new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    : bytes;
  let previous = 0;
  if (values.out !== undefined && existsSync(values.out)) {
    const old = aktenplanFile.safeParse(JSON.parse(await readFile(values.out, 'utf8')));
    previous = old.success ? old.data.version : 0;
  }
  let imported;
  try {
    imported = await parseAktenplanImport(input, previous + 1);
  } catch (error) {
    if (error instanceof XdomeaError) return fail([error.message]);
    throw error;
  }
  const checked = aktenplanFile.safeParse(imported.file);
  if (!checked.success) return fail(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const flat = flattenAktenplan(checked.data);
  if (!flat.ok) return fail(flat.problems);
  try {
    assertVerfahrenFiled(await loadVerfahren(values.verfahren), flat.value);
  } catch (error) {
    return fail([error instanceof Error ? error.message : String(error)]);
  }
  const json = `${JSON.stringify(checked.data, null, 2)}\n`;
  if (values.out === undefined) {
    out(json.trimEnd());
  } else {
    const target = resolve(values.out);
    await writeFile(`${target}.part`, json, { mode: 0o644 });
    await rename(`${target}.part`, target);
    out(
      `aktenplan:import: wrote ${flat.value.einheiten.length} Einheiten, version ${checked.data.version}, to ${values.out}`,
    );
  }
  if (imported.stillgelegt.length > 0) out(`aktenplan:import: stillgelegt: ${imported.stillgelegt.join(', ')}`);
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`aktenplan:import: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
