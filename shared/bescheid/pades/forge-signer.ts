import forge from 'node-forge';
import { fromBinary, toBinary } from './bytes.ts';
import { PadesError } from './errors.ts';
import type { Signer } from './signer.ts';

interface PemCertificate {
  /** The DER exactly as in the PEM: the CMS must carry the certificate byte for byte. */
  der: Uint8Array;
  certificate: forge.pki.Certificate;
}

function certificatesFromPem(pem: string): PemCertificate[] {
  const blocks = forge.pem.decode(pem).filter((block) => block.type === 'CERTIFICATE');
  return blocks.map((block) => ({
    der: fromBinary(block.body),
    certificate: forge.pki.certificateFromAsn1(forge.asn1.fromDer(block.body)),
  }));
}

/**
 * A software Signer for an RSA key held in memory (server seal service, desktop keystore
 * after unlocking the PKCS#12). `certChainPem` holds the signer's certificate first, then its
 * chain. Refuses a key that does not belong to the certificate, which would otherwise only
 * show up as an invalid signature at the recipient.
 */
export function createForgeSigner(privateKeyPem: string, certChainPem: string): Signer {
  let privateKey: forge.pki.rsa.PrivateKey;
  let certificates: PemCertificate[];
  try {
    privateKey = forge.pki.privateKeyFromPem(privateKeyPem);
    certificates = certificatesFromPem(certChainPem);
  } catch {
    // forge's messages may quote parts of the input; keep key material out of error text.
    throw new PadesError('certificate_invalid', 'private key or certificate PEM could not be read');
  }
  const [own] = certificates;
  if (!own) throw new PadesError('certificate_invalid', 'no certificate in the chain PEM');
  const publicKey = own.certificate.publicKey;
  const matches = 'n' in publicKey && publicKey.n.equals(privateKey.n) && publicKey.e.equals(privateKey.e);
  if (!matches) {
    throw new PadesError('key_mismatch', 'private key does not belong to the signer certificate');
  }
  return {
    certificateChain: certificates.map((entry) => entry.der),
    sign(data) {
      const md = forge.md.sha256.create();
      md.update(toBinary(data));
      return Promise.resolve(fromBinary(privateKey.sign(md)));
    },
  };
}
