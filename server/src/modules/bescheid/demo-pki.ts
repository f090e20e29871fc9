import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/*
 * A throw-away PKI for development and tests: a root CA, the authority's seal certificate
 * (server seal service) and a personal signature certificate for the demo lead. Nothing here
 * is fit for production keys: private keys are written unencrypted, except inside the PKCS#12.
 */

/** The file names of a written test PKI (`npm run test-pki`, the server's demo PKI directory). */
export const TEST_PKI_FILES = {
  rootCertificate: 'root-ca.pem',
  rootKey: 'root-ca.key.pem',
  sealCertificate: 'seal.pem',
  sealKey: 'seal.key.pem',
  sealChain: 'seal-chain.pem',
  leadCertificate: 'teamleitung1.pem',
  leadPkcs12: 'teamleitung1.p12',
  readme: 'README.md',
} as const;

export interface TestIdentity {
  certificate: forge.pki.Certificate;
  privateKey: forge.pki.rsa.PrivateKey;
  certificatePem: string;
  privateKeyPem: string;
  certificateDer: Uint8Array;
}

export interface TestPki {
  root: TestIdentity;
  seal: TestIdentity;
  lead: TestIdentity;
}

export interface TestPkiOptions {
  /** 3072 for files a human uses; tests may pass 2048 to save key generation time. */
  keyBits?: 2048 | 3072 | 4096;
  /** Start of validity (minus an hour for clock skew); defaults to now. */
  now?: Date;
}

type Attribute = { name?: string; shortName?: string; value: string };

// forge's typings declare valueTagClass as asn1.Class, but it takes the universal string type.
const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const names = (attributes: Attribute[]): forge.pki.CertificateField[] =>
  attributes.map((a) => (a.shortName === 'C' ? a : { ...a, valueTagClass: UTF8 }));

const ORGANISATION: Attribute[] = [
  { shortName: 'C', value: 'DE' },
  { shortName: 'L', value: 'Musterstadt' },
  { shortName: 'O', value: 'Stadt Musterstadt' },
  { shortName: 'OU', value: 'Bürgerservice' },
];

export const SUBJECTS = {
  root: names([
    { shortName: 'C', value: 'DE' },
    { shortName: 'O', value: 'Amtsplatz (Test)' },
    { shortName: 'CN', value: 'Amtsplatz Test-Root-CA' },
  ]),
  seal: names([...ORGANISATION, { shortName: 'CN', value: 'Stadt Musterstadt – Bürgerservice (Siegel)' }]),
  lead: names([
    ...ORGANISATION,
    { name: 'givenName', value: 'Sabine' },
    { name: 'surname', value: 'Köhler' },
    { shortName: 'CN', value: 'Dr. Sabine Köhler' },
  ]),
};

const LEAD_EMAIL = 'teamleitung1@musterstadt.example';

function newKeyPair(bits: number) {
  // Node's native generator: forge's pure-JS one needs seconds per 3072-bit key.
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), privateKeyPem: privateKey };
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  // A positive INTEGER without a leading zero octet: RFC 5280 serials are positive, at most 20 octets.
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

function addYears(date: Date, years: number): Date {
  const out = new Date(date);
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

interface IssueParams {
  subject: forge.pki.CertificateField[];
  issuer: TestIdentity | null;
  years: number;
  extensions: object[];
  bits: number;
  now: Date;
}

function issue({ subject, issuer, years, extensions, bits, now }: IssueParams): TestIdentity {
  const keys = newKeyPair(bits);
  const certificate = forge.pki.createCertificate();
  certificate.version = 2;
  certificate.serialNumber = serialNumber();
  certificate.publicKey = keys.publicKey;
  certificate.validity.notBefore = new Date(now.getTime() - 3_600_000);
  certificate.validity.notAfter = addYears(now, years);
  certificate.setSubject(subject);
  certificate.setIssuer(issuer ? issuer.certificate.subject.attributes : subject);
  const authorityKeyId = (issuer ?? { certificate }).certificate.generateSubjectKeyIdentifier().getBytes();
  certificate.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyId },
  ]);
  certificate.sign(issuer?.privateKey ?? keys.privateKey, forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return {
    certificate,
    privateKey: keys.privateKey,
    certificatePem: forge.pki.certificateToPem(certificate),
    privateKeyPem: keys.privateKeyPem,
    certificateDer: Uint8Array.from(der, (c) => c.charCodeAt(0)),
  };
}

// Signing certificates carry no extendedKeyUsage: NSS (pdfsig) checks them for the e-mail
// signer usage, which a document-signing-only EKU would fail.
const endEntityExtensions = [
  { name: 'basicConstraints', cA: false, critical: true },
  { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
];

export function generateTestPki(options: TestPkiOptions = {}): TestPki {
  const bits = options.keyBits ?? 3072;
  const now = options.now ?? new Date();
  const root = issue({
    subject: SUBJECTS.root,
    issuer: null,
    years: 10,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
    bits,
    now,
  });
  const seal = issue({ subject: SUBJECTS.seal, issuer: root, years: 3, extensions: endEntityExtensions, bits, now });
  const lead = issue({
    subject: SUBJECTS.lead,
    issuer: root,
    years: 3,
    extensions: [...endEntityExtensions, { name: 'subjectAltName', altNames: [{ type: 1, value: LEAD_EMAIL }] }],
    bits,
    now,
  });
  return { root, seal, lead };
}

/** PKCS#12 (AES-256, SHA-1 MAC as forge writes it) with the key, its certificate and the chain. */
export function toPkcs12(
  identity: TestIdentity,
  chain: TestIdentity[],
  password: string,
  friendlyName: string,
): Uint8Array {
  const p12 = forge.pkcs12.toPkcs12Asn1(
    identity.privateKey,
    [identity.certificate, ...chain.map((c) => c.certificate)],
    password,
    { algorithm: 'aes256', friendlyName, generateLocalKeyId: true },
  );
  const der = forge.asn1.toDer(p12).getBytes();
  return Uint8Array.from(der, (c) => c.charCodeAt(0));
}

export function fingerprintSha256(identity: TestIdentity): string {
  return createHash('sha256')
    .update(identity.certificateDer)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}
