import forge from 'node-forge';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { compareBytes, fromBinary, toBinary } from './bytes.ts';
import { buildCadesSignature, sha256 } from './cms.ts';
import { createForgeSigner } from './forge-signer.ts';
import { OID } from './oids.ts';
import type { Signer } from './signer.ts';
import { createFixturePki, type FixtureIdentity } from './test-fixture.ts';

// This file generates RSA keys: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/*
 * These tests decode the CMS with forge's generic ASN.1 parser rather than with
 * cms-parse.ts, so a mistake shared by builder and verifier cannot hide itself.
 */

type Node = forge.asn1.Asn1;
const kids = (node: Node | undefined): Node[] => {
  if (!node || !Array.isArray(node.value)) throw new Error('expected a constructed node');
  return node.value;
};
const at = (node: Node | undefined, index: number): Node => {
  const child = kids(node)[index];
  if (!child) throw new Error(`no child ${index}`);
  return child;
};
const oidOf = (node: Node): string => forge.asn1.derToOid(node.value as string);
const der = (node: Node): Uint8Array => fromBinary(forge.asn1.toDer(node).getBytes());

let root: FixtureIdentity;
let signerIdentity: FixtureIdentity;
let signer: Signer;
const digest = sha256(new TextEncoder().encode('the two ByteRange segments'));
let signedData: Node;
let signerInfo: Node;

beforeAll(async () => {
  const pki = createFixturePki();
  root = pki.root;
  signerIdentity = pki.signer;
  signer = createForgeSigner(signerIdentity.privateKeyPem, signerIdentity.certificatePem + root.certificatePem);
  const contentInfo = forge.asn1.fromDer(toBinary(await buildCadesSignature(signer, digest)));
  expect(oidOf(at(contentInfo, 0))).toBe(OID.signedData);
  signedData = at(at(contentInfo, 1), 0);
  signerInfo = at(at(signedData, 4), 0);
});

describe('buildCadesSignature', () => {
  it('builds a detached SignedData v1 with SHA-256 and the chain, signer first', () => {
    expect(forge.asn1.derToInteger(at(signedData, 0).value as string)).toBe(1);
    expect(kids(at(signedData, 1)).map((alg) => oidOf(at(alg, 0)))).toEqual([OID.sha256]);
    const encap = at(signedData, 2);
    expect(kids(encap)).toHaveLength(1);
    expect(oidOf(at(encap, 0))).toBe(OID.data);
    const certificates = at(signedData, 3);
    expect(certificates.tagClass).toBe(forge.asn1.Class.CONTEXT_SPECIFIC);
    expect(kids(certificates).map(der)).toEqual([signerIdentity.certificateDer, root.certificateDer]);
    expect(kids(at(signedData, 4))).toHaveLength(1);
  });

  it('identifies the signer by issuer and serial number', () => {
    expect(forge.asn1.derToInteger(at(signerInfo, 0).value as string)).toBe(1);
    const sid = at(signerInfo, 1);
    expect(der(at(sid, 0))).toEqual(der(forge.pki.distinguishedNameToAsn1(signerIdentity.certificate.issuer)));
    expect(forge.util.bytesToHex(at(sid, 1).value as string)).toBe(signerIdentity.certificate.serialNumber);
    expect(oidOf(at(at(signerInfo, 2), 0))).toBe(OID.sha256);
  });

  it('signs exactly content-type, message-digest and signing-certificate-v2, DER-sorted, without signing-time', () => {
    const attributes = kids(at(signerInfo, 3));
    const types = attributes.map((a) => oidOf(at(a, 0)));
    expect([...types].sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(types).not.toContain(OID.signingTime);
    const encodings = attributes.map(der);
    for (let i = 1; i < encodings.length; i++) {
      expect(compareBytes(encodings[i - 1] ?? new Uint8Array(), encodings[i] ?? new Uint8Array())).toBeLessThan(0);
    }
    const value = (type: string) => at(at(attributes[types.indexOf(type)], 1), 0);
    expect(oidOf(value(OID.contentType))).toBe(OID.data);
    expect(fromBinary(value(OID.messageDigest).value as string)).toEqual(digest);
  });

  it('binds the signer certificate with an ESSCertIDv2 (SHA-256 by default, issuer and serial)', () => {
    const attributes = kids(at(signerInfo, 3));
    const v2 = attributes.find((a) => oidOf(at(a, 0)) === OID.signingCertificateV2);
    const essCertIds = kids(at(at(at(v2, 1), 0), 0));
    expect(essCertIds).toHaveLength(1);
    const [certHash, issuerSerial] = kids(essCertIds[0]);
    // The default hashAlgorithm (SHA-256) must be omitted in DER, so the first field is the hash.
    expect(certHash?.type).toBe(forge.asn1.Type.OCTETSTRING);
    expect(fromBinary(certHash?.value as string)).toEqual(sha256(signerIdentity.certificateDer));
    const directoryName = at(at(issuerSerial, 0), 0);
    expect(directoryName.tagClass).toBe(forge.asn1.Class.CONTEXT_SPECIFIC);
    expect(directoryName.type).toBe(4);
    expect(der(at(directoryName, 0))).toEqual(
      der(forge.pki.distinguishedNameToAsn1(signerIdentity.certificate.issuer)),
    );
    expect(forge.util.bytesToHex(at(issuerSerial, 1).value as string)).toBe(signerIdentity.certificate.serialNumber);
  });

  it('signs the DER of the attributes as a SET (0x31), not as the [0] field', () => {
    const field = der(at(signerInfo, 3));
    expect(field[0]).toBe(0xa0);
    const asSet = Uint8Array.from(field);
    asSet[0] = 0x31;
    expect(oidOf(at(at(signerInfo, 4), 0))).toBe(OID.sha256WithRsaEncryption);
    const signature = at(signerInfo, 5).value as string;
    const publicKey = signerIdentity.certificate.publicKey as forge.pki.rsa.PublicKey;
    const verifies = (bytes: Uint8Array) => {
      const md = forge.md.sha256.create();
      md.update(toBinary(bytes));
      return publicKey.verify(md.digest().getBytes(), signature);
    };
    expect(verifies(asSet)).toBe(true);
    expect(verifies(field)).toBe(false);
  });

  it('rejects a digest that is not SHA-256 sized', async () => {
    await expect(buildCadesSignature(signer, new Uint8Array(20))).rejects.toMatchObject({ code: 'cms_invalid' });
  });

  it('passes the attribute bytes to the Signer, which alone holds the key', async () => {
    const seen: Uint8Array[] = [];
    const recording: Signer = {
      certificateChain: signer.certificateChain,
      sign: (data) => {
        seen.push(data);
        return signer.sign(data);
      },
    };
    await buildCadesSignature(recording, digest);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[0]).toBe(0x31);
  });
});

describe('createForgeSigner', () => {
  it('refuses a private key that does not belong to the certificate', () => {
    expect(() => createForgeSigner(root.privateKeyPem, signerIdentity.certificatePem)).toThrow(
      expect.objectContaining({ code: 'key_mismatch' }),
    );
  });

  it('refuses unreadable PEM without echoing it', () => {
    const attempt = () => createForgeSigner('-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----', '');
    expect(attempt).toThrow(/could not be read/);
    expect(attempt).not.toThrow(/secret/);
  });

  it('keeps the certificate DER byte for byte', () => {
    expect(signer.certificateChain).toEqual([signerIdentity.certificateDer, root.certificateDer]);
  });
});
