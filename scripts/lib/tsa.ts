/*
 * A local RFC 3161 time-stamp authority for tests: `openssl ts -reply` behind a node:http
 * server on 127.0.0.1, with a throw-away root CA and a TSA certificate (extendedKeyUsage
 * timeStamping, critical, as RFC 3161 §2.3 requires). Not for production: keys sit unencrypted
 * in a temporary directory.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import type { TimeStamper } from '../../shared/bescheid/pades/index.ts';

const run = promisify(execFile);

export interface TestTsaOptions {
  /** Lets a test play a lying TSA: the query openssl answers instead of the one received. */
  rewriteQuery?: (query: Uint8Array) => Uint8Array;
  /** The `digests` line of the TSA configuration (default sha256, sha384, sha512). */
  digests?: string;
}

export interface TestTsa {
  /** POST application/timestamp-query here. */
  url: string;
  dir: string;
  /** The TSA's root CA, PEM, as a file for `openssl ts -verify -CAfile`. */
  rootPemPath: string;
  rootDer: Uint8Array;
  tsaCertificateDer: Uint8Array;
  /** Queries `openssl ts` directly, without HTTP: an independent TimeStamper to compare with. */
  direct: TimeStamper;
  /** Number of HTTP requests answered. */
  requests(): number;
  close(): Promise<void>;
}

const der = (certificate: forge.pki.Certificate) =>
  Uint8Array.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), (c) => c.charCodeAt(0));

function certificate(
  commonName: string,
  issuer: { certificate: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null,
  extensions: object[],
) {
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(pem);
  const cert = forge.pki.createCertificate();
  cert.version = 2;
  cert.serialNumber = `41${randomBytes(15).toString('hex')}`;
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const subject = [
    { shortName: 'C', value: 'DE' },
    { shortName: 'O', value: 'Amtsplatz (Test)' },
    { shortName: 'CN', value: commonName },
  ];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.certificate.subject.attributes : subject);
  cert.setExtensions(extensions);
  cert.sign(issuer?.key ?? key, forge.md.sha256.create());
  return { certificate: cert, key, keyPem: pem };
}

function tsaConfig(dir: string, digests: string): string {
  return `[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
signer_key = $dir/tsa.key.pem
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = ${digests}
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export async function startTestTsa(options: TestTsaOptions = {}): Promise<TestTsa> {
  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-tsa-'));
  const root = certificate('Amtsplatz Test-TSA-Root', null, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  const tsa = certificate('Amtsplatz Test-TSA', root, [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', timeStamping: true, critical: true },
  ]);
  const file = (name: string) => join(dir, name);
  await writeFile(file('root.pem'), forge.pki.certificateToPem(root.certificate));
  await writeFile(file('tsa.pem'), forge.pki.certificateToPem(tsa.certificate));
  await writeFile(file('tsa.key.pem'), tsa.keyPem, { mode: 0o600 });
  await writeFile(file('serial'), '01\n');
  await writeFile(file('tsa.cnf'), tsaConfig(dir, options.digests ?? 'sha256, sha384, sha512'));

  /** One `openssl ts -reply` run; `tokenOnly` writes the bare token instead of the TimeStampResp. */
  async function reply(query: Uint8Array, tokenOnly: boolean): Promise<Uint8Array> {
    const id = randomUUID();
    const queryFile = file(`${id}.tsq`);
    const replyFile = file(`${id}.tsr`);
    await writeFile(queryFile, query);
    try {
      await run('openssl', [
        'ts',
        '-reply',
        '-config',
        file('tsa.cnf'),
        '-queryfile',
        queryFile,
        '-signer',
        file('tsa.pem'),
        '-inkey',
        file('tsa.key.pem'),
        ...(tokenOnly ? ['-token_out'] : []),
        '-out',
        replyFile,
      ]);
      return new Uint8Array(await readFile(replyFile));
    } finally {
      await rm(queryFile, { force: true });
      await rm(replyFile, { force: true });
    }
  }

  let served = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      served += 1;
      const received = new Uint8Array(Buffer.concat(chunks));
      const query = options.rewriteQuery ? options.rewriteQuery(received) : received;
      reply(query, false).then(
        (answer) => {
          response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          response.end(answer);
        },
        () => {
          response.writeHead(500);
          response.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/tsa`,
    dir,
    rootPemPath: file('root.pem'),
    rootDer: der(root.certificate),
    tsaCertificateDer: der(tsa.certificate),
    direct: {
      async timestamp(digest) {
        const queryFile = file(`${randomUUID()}.tsq`);
        try {
          await run('openssl', [
            'ts',
            '-query',
            '-digest',
            Buffer.from(digest).toString('hex'),
            '-sha256',
            '-cert',
            '-out',
            queryFile,
          ]);
          return await reply(new Uint8Array(await readFile(queryFile)), true);
        } finally {
          await rm(queryFile, { force: true });
        }
      },
    },
    requests: () => served,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
