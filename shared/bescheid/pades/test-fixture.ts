import forge from 'node-forge';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { fromBinary } from './bytes.ts';

/*
 * Test-only helpers for the pades tests (shared/ may not import the server's demo-pki.ts, which
 * has the full test PKI). RSA 2048: under Node, forge hands key generation to node:crypto.
 */

export interface FixtureIdentity {
  certificate: forge.pki.Certificate;
  privateKey: forge.pki.rsa.PrivateKey;
  certificatePem: string;
  privateKeyPem: string;
  certificateDer: Uint8Array;
}

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

function identity(commonName: string, issuer: FixtureIdentity | null, notAfter: Date): FixtureIdentity {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = forge.util.bytesToHex(String.fromCharCode(0x41) + forge.random.getBytesSync(15));
  certificate.validity.notBefore = new Date(Date.UTC(2025, 0, 1));
  certificate.validity.notAfter = notAfter;
  const subject = [
    { shortName: 'C', value: 'DE' },
    { shortName: 'CN', value: commonName, valueTagClass: UTF8 },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(issuer ? issuer.certificate.subject.attributes : subject);
  certificate.setExtensions(
    issuer
      ? [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]
      : [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, critical: true },
        ],
  );
  certificate.sign(issuer?.privateKey ?? keys.privateKey, forge.md.sha256.create());
  return {
    certificate,
    privateKey: keys.privateKey,
    certificatePem: forge.pki.certificateToPem(certificate),
    privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey),
    certificateDer: fromBinary(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes()),
  };
}

export const FIXTURE_NOT_AFTER = new Date(Date.UTC(2040, 0, 1));

export function createFixturePki() {
  const root = identity('Pades Test Root', null, FIXTURE_NOT_AFTER);
  const signer = identity('Stadt Musterstadt – Bürgerservice (Siegel)', root, FIXTURE_NOT_AFTER);
  const otherRoot = identity('Another Root', null, FIXTURE_NOT_AFTER);
  return { root, signer, otherRoot };
}

export async function createTestPdf(text = 'Bescheid über einen Bewohnerparkausweis'): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 72, y: 700, size: 12, font });
  doc.addPage([595.28, 841.89]);
  return doc.save();
}
