import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  MAX_PKCS12_BYTES,
  certificateSummary,
  type CertificateSummary,
  type SigningStatus,
} from '../../../shared/contracts/ipc/signing.ts';
import { signPdf as padesSignPdf, type Signer } from '../../../shared/bescheid/pades/index.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import {
  SigningError,
  assertUsableForSigning,
  certificateFromDer,
  signWith,
  summarize,
  unlockPkcs12,
} from './signing-pkcs12.ts';

export { SigningError } from './signing-pkcs12.ts';

/**
 * The parts of Electron's `safeStorage` the service uses; index.ts binds them. Each may answer
 * directly or with a promise, so the asynchronous Electron API fits as well as a test double.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean | Promise<boolean>;
  encryptString(plainText: string): Buffer | Promise<Buffer>;
  decryptString(encrypted: Buffer): string | Promise<string>;
  /** Linux only: which password store Electron uses. `basic_text` encrypts with a key built into Chromium. */
  getSelectedStorageBackend?(): string;
}

export interface SigningServiceOptions {
  /** Private folder for the stored identity (userData/signing). */
  store: string;
  safeStorage: SafeStorageLike;
  /** Validity checks and the signature's /M. */
  clock?: () => Date;
}

export interface SignPdfRequest {
  reason: string;
  location: string;
}

export interface SigningService {
  /**
   * Checks the PKCS#12 and stores it with its password encrypted by safeStorage, replacing a
   * previous one. Throws SigningError for anything the user can fix; on failure nothing changes.
   */
  importPkcs12(bytes: Uint8Array, password: string): Promise<CertificateSummary>;
  status(): Promise<SigningStatus>;
  remove(): Promise<{ removed: boolean }>;
  /**
   * A Signer for the stored identity. Each `sign` decrypts the password, unlocks the key, signs
   * and lets go of the key; the key is never returned or kept. Throws SigningError(not_configured).
   */
  signer(): Promise<Signer>;
  /** A PAdES-signed copy of a freshly generated PDF (see shared/bescheid/pades signPdf). */
  signPdf(pdf: Uint8Array, request: SignPdfRequest): Promise<Uint8Array>;
}

const RECORD_FILE = 'personal-signature.json';

/**
 * One file, replaced atomically, so the PKCS#12, its password and the certificate shown to the
 * user always belong together. The PKCS#12 stays as imported (it is encrypted with its own
 * password); the password is stored only as safeStorage ciphertext; the chain and summary are
 * public and let `status` and `signer` work without decrypting anything.
 */
const storedIdentity = z.object({
  version: z.literal(1),
  pkcs12: z.base64(),
  encryptedPassword: z.base64(),
  chain: z.array(z.base64()).min(1),
  certificate: certificateSummary,
});
type StoredIdentity = z.infer<typeof storedIdentity>;

// Backends whose ciphertext anyone with the file can decrypt (`unknown`: asked before app ready).
const UNPROTECTED_BACKENDS = new Set(['basic_text', 'unknown']);

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function createSigningService(options: SigningServiceOptions): SigningService {
  const { store, safeStorage } = options;
  const clock = options.clock ?? (() => new Date());
  const recordPath = join(store, RECORD_FILE);

  async function assertProtectedStorage(): Promise<void> {
    const backend = safeStorage.getSelectedStorageBackend?.();
    if (backend !== undefined && UNPROTECTED_BACKENDS.has(backend)) {
      throw new SigningError(
        'encryption_unavailable',
        `No system keyring is available to protect the password (password store "${backend}")`,
      );
    }
    if (!(await safeStorage.isEncryptionAvailable())) {
      throw new SigningError('encryption_unavailable', 'The system offers no protected storage for the password');
    }
  }

  async function encryptPassword(password: string): Promise<Buffer> {
    try {
      const encrypted = await safeStorage.encryptString(password);
      // A backend that cannot give the password back would only show up at the first signature.
      if ((await safeStorage.decryptString(encrypted)) === password) return encrypted;
    } catch {
      // Reported below; the backend's message is of no use to the user.
    }
    throw new SigningError('encryption_unavailable', 'The password could not be protected by the system keyring');
  }

  async function load(): Promise<StoredIdentity | null> {
    let text: string;
    try {
      text = await readFile(recordPath, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw fsError('read the personal signature', error);
    }
    try {
      return storedIdentity.parse(JSON.parse(text));
    } catch {
      // Damaged or from an unknown version: either way the remedy is to import the file again.
      return null;
    }
  }

  async function save(record: StoredIdentity): Promise<void> {
    const temp = join(store, `.${RECORD_FILE}-${randomUUID()}.tmp`);
    try {
      await mkdir(store, { recursive: true, mode: 0o700 });
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(record));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, recordPath);
    } catch (error) {
      await rm(temp, { force: true });
      throw fsError('store the personal signature', error);
    }
  }

  async function decryptPassword(record: StoredIdentity): Promise<string> {
    try {
      return await safeStorage.decryptString(Buffer.from(record.encryptedPassword, 'base64'));
    } catch {
      throw new SigningError('password_unavailable', 'The stored password can no longer be decrypted');
    }
  }

  async function openSigner(): Promise<{ signer: Signer; certificate: CertificateSummary }> {
    const record = await load();
    if (record === null) throw notConfigured();
    const chain = record.chain.map(fromBase64);
    const [ownDer] = chain;
    if (ownDer === undefined) throw notConfigured();
    const certificate = certificateFromDer(ownDer);
    const fingerprint = record.certificate.sha256Fingerprint;
    const signer: Signer = {
      certificateChain: chain,
      async sign(data) {
        // Read again: the identity may have been removed or replaced since this Signer was made.
        const current = await load();
        if (current?.certificate.sha256Fingerprint !== fingerprint) throw notConfigured();
        assertUsableForSigning(certificate, clock());
        const unlocked = unlockPkcs12(fromBase64(current.pkcs12), await decryptPassword(current));
        if (!Buffer.from(unlocked.chain[0]).equals(ownDer)) {
          throw new SigningError('key_mismatch', 'The stored key does not belong to the stored certificate');
        }
        return signWith(unlocked.privateKey, data);
      },
    };
    return { signer, certificate: record.certificate };
  }

  return {
    async importPkcs12(bytes, password) {
      if (bytes.byteLength > MAX_PKCS12_BYTES) throw new SigningError('too_large', 'The file is too large');
      await assertProtectedStorage();
      const { certificate, chain } = unlockPkcs12(bytes, password);
      assertUsableForSigning(certificate, clock());
      const summary = summarize(chain[0]);
      const encryptedPassword = await encryptPassword(password);
      await save({
        version: 1,
        pkcs12: toBase64(bytes),
        encryptedPassword: encryptedPassword.toString('base64'),
        chain: chain.map(toBase64),
        certificate: summary,
      });
      return summary;
    },

    async status() {
      const record = await load();
      return record === null ? { state: 'none' } : { state: 'ready', certificate: record.certificate };
    },

    async remove() {
      try {
        await rm(recordPath);
        return { removed: true };
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return { removed: false };
        throw fsError('remove the personal signature', error);
      }
    },

    async signer() {
      return (await openSigner()).signer;
    },

    async signPdf(pdf, request) {
      const { signer, certificate } = await openSigner();
      return padesSignPdf(pdf, signer, {
        ...request,
        name: certificate.subjectCommonName ?? '',
        signingTime: clock(),
      });
    },
  };
}

const notConfigured = () => new SigningError('not_configured', 'No personal signature is set up');

/** Node's messages contain the path, and with it the user's name: keep only the step and errno. */
function fsError(what: string, error: unknown): DomainError {
  const errno = (error as { code?: unknown }).code;
  const code = errno === 'EACCES' || errno === 'EPERM' ? 'forbidden' : 'internal';
  return new DomainError(code, `Could not ${what}${typeof errno === 'string' ? ` (${errno})` : ''}`);
}
