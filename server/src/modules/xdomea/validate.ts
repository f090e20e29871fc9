import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { XDOMEA_NS } from './xml.ts';

/**
 * XSD validation by libxml2's xmllint against the vendored schemas (resources/xdomea): the
 * reference validator the xdomea tools use, so what passes here passes there. It runs as a
 * child process because no JavaScript validator handles XSD 1.0 in full.
 */

export const XDOMEA_SCHEMA_DIR = resolve(import.meta.dirname, '../../../../resources/xdomea/3.0.0');

/** One schema per message group, named by the root element's first part. */
const GROUP_SCHEMAS: Readonly<Record<string, string>> = {
  Abgabe: 'xdomea-Nachrichten-AbgabeDurchfuehren.xsd',
  Aktenplan: 'xdomea-Nachrichten-AktenplanAustauschen.xsd',
  Aussonderung: 'xdomea-Nachrichten-AussonderungDurchfuehren.xsd',
  FVDaten: 'xdomea-Nachrichten-FachverfahrensdatenAustauschen.xsd',
  Geschaeftsgang: 'xdomea-Nachrichten-GeschaeftsgangDurchfuehren.xsd',
  Information: 'xdomea-Nachrichten-InformationAustauschen.xsd',
  Zwischenarchivierung: 'xdomea-Nachrichten-ZwischenarchivierungDurchfuehren.xsd',
};

/** Larger than any metadata a message carries (the files travel beside it in the zip). */
export const MAX_XDOMEA_XML_BYTES = 32 * 1024 * 1024;

const MAX_ERRORS = 50;
const XMLLINT_TIMEOUT_MS = 60_000;

export type XdomeaValidation = { ok: true } | { ok: false; errors: string[] };

/** The root element's qualified name, found without a parser (a DOCTYPE is refused first). */
export function rootElementName(xml: string): string | undefined {
  const m = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)[\s/>]/.exec(
    xml,
  );
  return m?.[1];
}

/** The schema file for a root element's local name, or undefined for no xdomea group. */
export function schemaFor(localName: string): string | undefined {
  const group = /^([A-Za-z]+)\.[A-Za-z]+\.\d{4}$/.exec(localName)?.[1];
  const file = group === undefined ? undefined : GROUP_SCHEMAS[group];
  return file === undefined ? undefined : resolve(XDOMEA_SCHEMA_DIR, file);
}

/**
 * Validates a message against the schema of its group, picked by the root element. Errors are
 * xmllint's, one per line, each with its line number and the element it is about; a missing
 * xmllint or schema is not the message's fault and throws.
 */
export async function validateXdomea(xml: string): Promise<XdomeaValidation> {
  if (Buffer.byteLength(xml) > MAX_XDOMEA_XML_BYTES) {
    return { ok: false, errors: [`message larger than ${MAX_XDOMEA_XML_BYTES} bytes`] };
  }
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, errors: ['DOCTYPE: xdomea messages have none; refused'] };
  const root = rootElementName(xml);
  if (root === undefined) return { ok: false, errors: ['no root element found'] };
  const localName = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  const schema = schemaFor(localName);
  if (schema === undefined) {
    return { ok: false, errors: [`root element ${root}: not an xdomea 3.0.0 message of a known group`] };
  }
  if (!existsSync(schema)) throw new Error(`xdomea schema ${schema} is missing`);
  const { code, stderr } = await runXmllint(['--noout', '--nonet', '--schema', schema, '-'], xml);
  if (code === 0) return { ok: true };
  const errors = readErrors(stderr);
  if (code === 5) throw new Error(`xmllint could not compile ${schema}: ${stderr.slice(0, 2000)}`);
  return { ok: false, errors: errors.length > 0 ? errors : [`xmllint failed (exit ${code}): ${stderr.slice(0, 500)}`] };
}

/**
 * xmllint's diagnostics for stdin: "-:LINE: element NAME: Schemas validity error : …" and
 * "-:LINE: parser error : …" (followed by an excerpt and a caret line, dropped here).
 */
function readErrors(stderr: string): string[] {
  const errors: string[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^-:(\d+): (.*)$/.exec(line);
    if (!m) continue;
    errors.push(`line ${m[1]}: ${m[2]?.replaceAll(`{${XDOMEA_NS}}`, 'xdomea:')}`);
    if (errors.length === MAX_ERRORS) {
      errors.push('… further errors left out');
      break;
    }
  }
  return errors;
}

function runXmllint(args: string[], input: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'xmllint',
      args,
      { timeout: XMLLINT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } },
      (error, _stdout, stderr) => {
        if (!error) {
          resolvePromise({ code: 0, stderr });
          return;
        }
        const e = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
        if (e.code === 'ENOENT') {
          reject(new Error('xmllint not found: install libxml2-utils (apt-get install -y libxml2-utils)'));
        } else if (typeof e.code === 'number') {
          resolvePromise({ code: e.code, stderr });
        } else {
          reject(new Error(`xmllint did not finish: ${e.message}`));
        }
      },
    );
    // A child that exits early (bad schema) closes stdin; the callback reports why.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input, 'utf8');
  });
}
