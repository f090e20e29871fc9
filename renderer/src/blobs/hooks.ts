import { useLiveQuery } from 'dexie-react-hooks';
import type { Dokument } from '../../../shared/domain/index.ts';
import type { AmtsplatzDb } from '../db/index.ts';
import {
  EMPTY_UPLOAD_QUEUE,
  readBlobState,
  readDokumente,
  readUploadQueue,
  type BlobState,
  type UploadQueueState,
} from './queries.ts';

const NO_DOKUMENTE: Dokument[] = [];

/** Live: the Dokumente of a Vorgang, oldest first (optimistic additions included). */
export function useDokumente(db: AmtsplatzDb, vorgangId: string): Dokument[] {
  return useLiveQuery(() => readDokumente(db, vorgangId), [db, vorgangId], NO_DOKUMENTE);
}

/** Live: where a document's bytes are ('remote' until the first read finished, a moment after mount). */
export function useBlobState(db: AmtsplatzDb, sha256: string): BlobState {
  return useLiveQuery(() => readBlobState(db, sha256), [db, sha256], 'remote');
}

/** Live: size of the upload queue and how many of it failed (for the sync indicator). */
export function useUploadQueue(db: AmtsplatzDb): UploadQueueState {
  return useLiveQuery(() => readUploadQueue(db), [db], EMPTY_UPLOAD_QUEUE);
}
