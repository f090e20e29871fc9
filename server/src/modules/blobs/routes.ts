import type { FastifyInstance } from 'fastify';
import { blobEndpoints } from '../../../../shared/contracts/http/blobs.ts';
import { MAX_DOKUMENT_BYTES } from '../../../../shared/domain/dokument.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../http/errors.ts';
import { authedRoute, BinaryResponse } from '../../http/route.ts';
import { orgUnitReferencesBlob } from '../dokumente/store.ts';
import { saveBlob } from './blobs.ts';

/**
 * PUT /api/blobs stores bytes under their SHA-256 for any signed-in user (they become
 * reachable only through a Dokument that references them); GET /api/blobs serves them to
 * users of an org unit that has such a Dokument. Logs name neither files nor hashes with them.
 */
export function registerBlobRoutes(app: FastifyInstance, ctx: AppContext): void {
  authedRoute(app, ctx, blobEndpoints.blobUpload, async ({ auth, query, stream }) => {
    if (!stream) throw new Error('blob upload without a body stream');
    const saved = await saveBlob(
      ctx.db,
      ctx.blobs,
      stream,
      // The uploader proved possession (the server hashed what arrived): they may attach them.
      { expected: query.sha256, maxBytes: MAX_DOKUMENT_BYTES, holderId: auth.user.id },
      ctx.clock.now(),
    );
    return { sha256: saved.sha256, size: saved.size, created: saved.created };
  });

  authedRoute(app, ctx, blobEndpoints.blobDownload, async ({ auth, query, request }) => {
    // Unknown bytes and bytes of another org unit answer alike: nothing about them is disclosed.
    const notFound = () => new HttpError(404, 'not_found', 'No document with these bytes');
    if (!(await orgUnitReferencesBlob(ctx.db, auth.user.orgUnitId, query.sha256))) throw notFound();
    const stored = await ctx.blobs.read(query.sha256);
    if (!stored) {
      // A Dokument whose bytes are gone: the blob directory was not restored with the database.
      request.log.error({ sha256: query.sha256 }, 'referenced blob missing from the blob store');
      throw notFound();
    }
    return new BinaryResponse(stored.stream, stored.size, {
      'x-content-sha256': query.sha256,
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });
}
