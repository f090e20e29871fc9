import { parseArgs } from 'node:util';
import { writeTestPkiFiles } from './lib/pki-files.ts';
import { generateTestPki } from '../server/src/modules/bescheid/demo-pki.ts';

const usage = `Usage: node scripts/test-pki.ts --out DIR --p12-password PASSWORD [--bits 2048|3072|4096] [--force]

Generates a development PKI: root CA "Amtsplatz Test-Root-CA", the seal certificate
"Stadt Musterstadt – Bürgerservice (Siegel)" and a personal certificate for teamleitung1
("Dr. Sabine Köhler") with a PKCS#12. Existing files are kept unless --force is given.`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string' },
        'p12-password': { type: 'string' },
        bits: { type: 'string', default: '3072' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const values = parse();
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.out) fail('--out is required');
if (!values['p12-password']) fail('--p12-password is required');
const keyBits = Number(values.bits);
if (keyBits !== 2048 && keyBits !== 3072 && keyBits !== 4096) fail('--bits must be 2048, 3072 or 4096');

try {
  const pki = generateTestPki({ keyBits });
  const files = await writeTestPkiFiles(values.out, pki, {
    p12Password: values['p12-password'],
    keyBits,
    force: values.force,
  });
  console.log(`Test PKI (RSA ${keyBits}) written to ${values.out}:\n  ${files.join('\n  ')}`);
} catch (error) {
  const code = (error as { code?: unknown }).code;
  console.error(code === 'EEXIST' ? 'Files exist in the output folder; pass --force to replace them.' : String(error));
  process.exit(1);
}
