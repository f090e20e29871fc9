// `npm run bescheid:sample -- out.pdf`: renders the sample Bescheid, seals it with a freshly
// generated test PKI and writes the PDF plus the test root certificate (out-ca.pem) next to it,
// so that template authors can look at real output and check it with pdfsig or verify-bescheid.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sha256Hex } from '../shared/domain/sha256.ts';
import { canonicalJson } from '../shared/domain/canonical-json.ts';
import { SAMPLE_LETTER } from '../shared/bescheid/letter/sample.ts';
import { createForgeSigner } from '../shared/bescheid/pades/index.ts';
import { sealBescheid } from '../shared/bescheid/seal/index.ts';
import { generateTestPki } from '../server/src/modules/bescheid/demo-pki.ts';

const usage = `Usage: npm run bescheid:sample -- OUT.pdf

Writes OUT.pdf (sample Bescheid, DIN 5008 Form B, PDF/A-2b, PAdES B-B seal of the test
authority) and OUT-ca.pem (the test root CA to check it against):
  npm run verify-bescheid -- OUT.pdf --ca OUT-ca.pem`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean' } } });
const out = positionals[0];
if (values.help || !out || !out.endsWith('.pdf')) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const resource = async (path: string) =>
  new Uint8Array(await readFile(new URL(`../resources/${path}`, import.meta.url)));
const pki = generateTestPki({ keyBits: 3072 });
const signer = createForgeSigner(pki.seal.privateKeyPem, `${pki.seal.certificatePem}${pki.root.certificatePem}`);
const signingTime = new Date();
const { pdf } = await sealBescheid(
  {
    letter: SAMPLE_LETTER,
    seal: {
      authority: SAMPLE_LETTER.letterhead.authorityName,
      approvedBy: 'Dr. Sabine Köhler',
      approvedAt: signingTime.toISOString(),
      aktenzeichen: SAMPLE_LETTER.info.aktenzeichen,
      contentHash: await sha256Hex(canonicalJson(JSON.parse(JSON.stringify(SAMPLE_LETTER.sections)))),
    },
    signer,
    signingTime,
    signerName: 'Stadt Musterstadt – Bürgerservice (Siegel)',
    location: 'Musterstadt',
  },
  {
    fonts: {
      regular: await resource('fonts/LiberationSans-Regular.ttf'),
      bold: await resource('fonts/LiberationSans-Bold.ttf'),
    },
    srgbIcc: await resource('icc/sRGB.icc'),
  },
);
const caPath = out.replace(/\.pdf$/, '-ca.pem');
await writeFile(out, pdf);
await writeFile(caPath, pki.root.certificatePem);
console.log(
  `Wrote ${out} (${pdf.length} bytes) and ${caPath}.\nCheck: npm run verify-bescheid -- ${out} --ca ${caPath}`,
);
