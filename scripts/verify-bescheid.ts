import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyPdfSignature, type PdfSignatureVerification } from '../shared/bescheid/pades/index.ts';

const usage = `Usage: node scripts/verify-bescheid.ts FILE.pdf [--ca ROOT.pem]...

Checks the PAdES signature of a Bescheid: integrity of the signed bytes, coverage of the
whole file, the CAdES attributes (signing-certificate-v2, no signing-time), the
certificate chain up to the given root certificates (PEM, may be repeated) and, for B-T,
that the RFC 3161 time-stamp covers the signature and is signed by the TSA certificate it
carries (the TSA's chain is not checked).
Exit code: 0 valid, 1 invalid, 2 usage error or unreadable input.`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { ca: { type: 'string', multiple: true, default: [] }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function certificatesFromPem(pem: string): Uint8Array[] {
  const blocks = pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g);
  return [...blocks].map((block) => new Uint8Array(Buffer.from(block[1] ?? '', 'base64')));
}

async function read(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    return fail(`cannot read ${what} ${path}`);
  }
}

const status = (ok: boolean) => (ok ? 'OK' : 'FAILED');

function timestampLine(timestamp: PdfSignatureVerification['timestamp']): string {
  if (!timestamp) return '- (none: B-B)';
  const ok = timestamp.imprintOk && timestamp.tokenSignatureOk;
  return `${timestamp.time.toISOString()} (RFC 3161, ${timestamp.authority ?? 'unknown TSA'}) ${status(ok)}`;
}

function report(file: string, result: PdfSignatureVerification, trustChecked: boolean): string {
  const lines = [
    `File:           ${file}`,
    `Result:         ${result.valid ? 'VALID' : 'INVALID'}`,
    `Integrity:      ${status(result.intact)}`,
    `Whole document: ${status(result.coversWholeDocument)}`,
    `Chain trusted:  ${trustChecked ? status(result.chainTrusted) : 'not checked (no --ca)'}`,
    `Signer:         ${result.signer?.subject ?? '-'}`,
    `Serial:         ${result.signer?.serial ?? '-'}`,
    `Signing time:   ${result.signingTime ? `${result.signingTime.toISOString()} (/M, as claimed by the signer)` : '-'}`,
    `Time-stamp:     ${timestampLine(result.timestamp)}`,
    `SubFilter:      ${result.subFilter ?? '-'}`,
  ];
  if (result.problems.length > 0) lines.push('Problems:', ...result.problems.map((p) => `  - ${p}`));
  return lines.join('\n');
}

const { values, positionals } = parse();
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const [file, ...extra] = positionals;
if (!file || extra.length > 0) fail('exactly one PDF file expected');

const trustedRoots: Uint8Array[] = [];
for (const path of values.ca) {
  const certificates = certificatesFromPem((await read(path, 'CA file')).toString('latin1'));
  if (certificates.length === 0) fail(`no PEM certificate in ${path}`);
  trustedRoots.push(...certificates);
}
const result = await verifyPdfSignature(new Uint8Array(await read(file, 'PDF')), { trustedRoots });
console.log(report(file, result, trustedRoots.length > 0));
process.exit(result.valid ? 0 : 1);
