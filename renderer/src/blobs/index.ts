export { attachDokument, type AttachDokumentInput, type AttachedDokument } from './attach.ts';
export { CACHE_BUDGET_BYTES, evictBlobs, getBlob, type BlobCacheOptions } from './cache.ts';
export { useBlobState, useDokumente, useUploadQueue } from './hooks.ts';
export { readBlobState, readDokumente, readUploadQueue, type BlobState, type UploadQueueState } from './queries.ts';
export { uploadQueued, type UploadOptions } from './upload.ts';
