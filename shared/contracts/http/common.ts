import { z } from 'zod';
import { ERROR_CODES } from '../../domain/errors.ts';

/** Body of every non-2xx response. */
export const apiError = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ApiError = z.infer<typeof apiError>;

export type HttpMethod = 'GET' | 'POST' | 'PUT';

/**
 * One HTTP endpoint: the server registers it from this description (validation + OpenAPI),
 * the client calls it through a typed fetch built on the same object.
 */
export interface Endpoint<
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  summary: string;
  /** false: callable without a session token. */
  auth: boolean;
  query?: Q;
  body?: B;
  /** Schema of the 2xx body; undefined for 204 No Content (or a binary body, see `binary`). */
  response?: R;
  /**
   * Bytes instead of JSON: `request` takes an application/octet-stream body of at most
   * `maxBytes`; `response` answers with bytes (the `response` schema is then unused).
   */
  binary?: { request?: { maxBytes: number }; response?: boolean };
}

export function endpoint<Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  e: Endpoint<Q, B, R>,
): Endpoint<Q, B, R> {
  return e;
}

/** Request body limit for JSON requests (bytes); larger requests get 413. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
