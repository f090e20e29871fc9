import { open } from 'node:fs/promises';
import {
  MAX_PKCS12_BYTES,
  type SigningImportInput,
  type SigningImportResult,
  type SigningRemoveResult,
  type SigningStatus,
} from '../../../shared/contracts/ipc/signing.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import type { FileDialogs } from './file-service.ts';
import { SigningError, type SigningService } from './signing.ts';

export interface SigningIpcOptions {
  /** Electron's open dialog, bound to the main window by index.ts. */
  dialogs: Pick<FileDialogs, 'showOpenDialog'>;
}

/** The signing channels of the IPC contract; there is deliberately none that signs given bytes. */
export interface SigningIpcHandlers {
  'signing.status': () => Promise<SigningStatus>;
  'signing.import': (input: SigningImportInput) => Promise<SigningImportResult>;
  'signing.remove': () => Promise<SigningRemoveResult>;
}

/**
 * Adapts the signing service to the IPC contract: refusals the user can act on become an
 * `{ imported: false, reason }` value the UI can explain, not an error envelope.
 */
export function createSigningIpcHandlers(service: SigningService, options: SigningIpcOptions): SigningIpcHandlers {
  async function pickPkcs12(): Promise<Uint8Array | null> {
    const choice = await options.dialogs.showOpenDialog({
      properties: ['openFile'],
      filters: [{ name: 'PKCS#12', extensions: ['p12', 'pfx', 'P12', 'PFX'] }],
    });
    const [path] = choice.filePaths;
    if (choice.canceled || path === undefined) return null;
    return readLimited(path);
  }

  return {
    'signing.status': () => service.status(),
    'signing.remove': () => service.remove(),
    async 'signing.import'(input) {
      try {
        const bytes = input.source === 'bytes' ? input.bytes : await pickPkcs12();
        if (bytes === null) return { imported: false, reason: 'canceled' };
        return { imported: true, certificate: await service.importPkcs12(bytes, input.password) };
      } catch (error) {
        if (error instanceof SigningError) return { imported: false, reason: error.reason };
        throw error;
      }
    },
  };
}

/** Reads a picked file of at most MAX_PKCS12_BYTES; errors name the errno, never the path. */
async function readLimited(path: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new SigningError('invalid_file', 'The chosen entry is not a file');
      if (info.size > MAX_PKCS12_BYTES) throw new SigningError('too_large', 'The file is too large');
      const bytes = await handle.readFile();
      // It may have grown after the size check.
      if (bytes.byteLength > MAX_PKCS12_BYTES) throw new SigningError('too_large', 'The file is too large');
      return bytes;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SigningError) throw error;
    const errno = (error as { code?: unknown }).code;
    const code = errno === 'ENOENT' ? 'not_found' : errno === 'EACCES' || errno === 'EPERM' ? 'forbidden' : 'internal';
    throw new DomainError(code, `Could not read the file${typeof errno === 'string' ? ` (${errno})` : ''}`);
  }
}
