/**
 * The part of node-forge that shared/bescheid/pades uses, declared without Node types.
 * @types/node-forge starts with `/// <reference types="node" />`, which would hand `Buffer` and
 * `node:*` to every renderer and shared file; tsconfig.shared.json and tsconfig.renderer.json
 * map 'node-forge' here instead. Server, Electron and tools keep the full @types/node-forge.
 */
declare namespace forge {
  /** A "binary string": one char per byte. */
  type Bytes = string;

  namespace util {
    interface ByteBuffer {
      getBytes(count?: number): Bytes;
    }
    function decodeUtf8(bytes: Bytes): string;
  }

  namespace asn1 {
    enum Class {
      UNIVERSAL = 0x00,
      APPLICATION = 0x40,
      CONTEXT_SPECIFIC = 0x80,
      PRIVATE = 0xc0,
    }
    enum Type {
      NONE = 0,
      BOOLEAN = 1,
      INTEGER = 2,
      BITSTRING = 3,
      OCTETSTRING = 4,
      NULL = 5,
      OID = 6,
      ODESC = 7,
      EXTERNAL = 8,
      REAL = 9,
      ENUMERATED = 10,
      EMBEDDED = 11,
      UTF8 = 12,
      ROID = 13,
      SEQUENCE = 16,
      SET = 17,
      PRINTABLESTRING = 19,
      IA5STRING = 22,
      UTCTIME = 23,
      GENERALIZEDTIME = 24,
      BMPSTRING = 30,
    }
    interface Asn1 {
      tagClass: Class;
      type: Type | number;
      constructed: boolean;
      composed: boolean;
      value: Bytes | Asn1[];
    }
    function create(tagClass: Class, type: Type | number, constructed: boolean, value: Bytes | Asn1[]): Asn1;
    function fromDer(bytes: Bytes | util.ByteBuffer): Asn1;
    function toDer(node: Asn1): util.ByteBuffer;
    function oidToDer(oid: string): util.ByteBuffer;
    function derToOid(bytes: Bytes | util.ByteBuffer): string;
    function integerToDer(value: number): util.ByteBuffer;
    function derToInteger(bytes: Bytes | util.ByteBuffer): number;
  }

  namespace md {
    interface MessageDigest {
      update(message: Bytes, encoding?: 'raw' | 'utf8'): MessageDigest;
      digest(): util.ByteBuffer;
    }
    namespace sha256 {
      function create(): MessageDigest;
    }
    namespace sha384 {
      function create(): MessageDigest;
    }
    namespace sha512 {
      function create(): MessageDigest;
    }
  }

  namespace random {
    function getBytesSync(count: number): Bytes;
  }

  namespace pem {
    interface ObjectPEM {
      type: string;
      body: Bytes;
    }
    function decode(pem: string): ObjectPEM[];
  }

  namespace jsbn {
    interface BigInteger {
      equals(other: BigInteger): boolean;
    }
  }

  namespace pki {
    namespace rsa {
      interface PublicKey {
        n: jsbn.BigInteger;
        e: jsbn.BigInteger;
        verify(digest: Bytes, signature: Bytes): boolean;
      }
      interface PrivateKey {
        n: jsbn.BigInteger;
        e: jsbn.BigInteger;
        sign(md: md.MessageDigest): Bytes;
      }
    }
    interface CertificateField {
      type?: string;
      name?: string;
      shortName?: string;
      value?: unknown;
      valueTagClass?: number;
    }
    interface DistinguishedName {
      attributes: CertificateField[];
    }
    interface Certificate {
      serialNumber: string;
      subject: DistinguishedName;
      issuer: DistinguishedName;
      validity: { notBefore: Date; notAfter: Date };
      publicKey: rsa.PublicKey | Uint8Array;
    }
    interface CAStore {
      hasCertificate(certificate: Certificate | string): boolean;
    }
    function certificateFromAsn1(node: asn1.Asn1): Certificate;
    function privateKeyFromPem(pem: string): rsa.PrivateKey;
    function createCaStore(certificates?: (Certificate | string)[]): CAStore;
    function verifyCertificateChain(
      store: CAStore,
      chain: Certificate[],
      options?: { validityCheckDate?: Date | null },
    ): boolean;
  }
}

export default forge;
