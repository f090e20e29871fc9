import type { z } from 'zod';
import type { ErrorCode, Result } from '../../../shared/domain/index.ts';
import { apiError as apiErrorBody, endpoints, type Endpoint } from '../../../shared/contracts/http/index.ts';

/**
 * `network`: no HTTP response at all (offline, DNS, refused, aborted mid-body).
 * `aborted`: the caller's AbortSignal fired.
 * `invalid_response`: a 2xx whose body does not match the contract.
 */
export type ApiErrorCode = ErrorCode | 'network' | 'aborted' | 'invalid_response';

/** A failed call as a value; also an Error, so it can be thrown where a library wants that. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status, or 0 when no response arrived or the request was never sent. */
  readonly status: number;
  constructor(code: ApiErrorCode, message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
  toJSON(): { code: ApiErrorCode; message: string; status: number } {
    return { code: this.code, message: this.message, status: this.status };
  }
}

type EndpointMap = Record<string, Endpoint>;
interface LooseInput {
  query?: unknown;
  body?: unknown;
  signal?: AbortSignal | undefined;
}
interface LooseBytesInput {
  query?: unknown;
  bytes: Blob;
  signal?: AbortSignal | undefined;
}

/** Endpoint type parameters default to the bare z.ZodType when the endpoint leaves the part out. */
type Omitted<S> = z.ZodType extends S ? true : false;
type Part<S, K extends string> =
  Omitted<S> extends true ? { [P in K]?: undefined } : S extends z.ZodType ? { [P in K]: z.input<S> } : never;

export type CallInput<E> =
  E extends Endpoint<infer Q, infer B>
    ? Part<Q, 'query'> & Part<B, 'body'> & { signal?: AbortSignal | undefined }
    : never;

/** Parsed 2xx body; `unknown` for endpoints without a response schema (204 or untyped). */
export type CallOutput<E> =
  E extends Endpoint<z.ZodType, z.ZodType, infer R> ? (Omitted<R> extends true ? unknown : z.output<R>) : never;

/** The input argument may be left out when nothing in it is required. */
type InputArgs<E> = object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

/** Input of an endpoint that takes bytes (`binary.request`): its query and the bytes. */
export type UploadInput<E> = Omit<CallInput<E>, 'body'> & { bytes: Blob };

export interface ApiClientOptions {
  /** Server origin, e.g. "https://amtsplatz.example"; '' for same-origin relative URLs. */
  baseUrl: string;
  /** The session's Bearer token; null before login. */
  getToken: () => string | null;
  fetch?: typeof fetch;
}

export interface HttpClient<M extends EndpointMap> {
  /** Calls a JSON endpoint: validates the input, sends it, validates the response. */
  call<N extends keyof M & string>(name: N, ...input: InputArgs<M[N]>): Promise<Result<CallOutput<M[N]>, ApiError>>;
  /** Opens an endpoint and hands back the raw 2xx Response (for streams such as server-sent events). */
  open<N extends keyof M & string>(name: N, ...input: InputArgs<M[N]>): Promise<Result<Response, ApiError>>;
  /** Sends bytes (application/octet-stream) to an endpoint with `binary.request`; validates the JSON answer. */
  upload<N extends keyof M & string>(name: N, input: UploadInput<M[N]>): Promise<Result<CallOutput<M[N]>, ApiError>>;
  /** Reads the bytes an endpoint with `binary.response` answers with. */
  download<N extends keyof M & string>(
    name: N,
    ...input: InputArgs<M[N]>
  ): Promise<Result<Uint8Array<ArrayBuffer>, ApiError>>;
}

export type ApiClient = HttpClient<typeof endpoints>;

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_requests',
};

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

function failure(e: unknown, signal: AbortSignal | undefined): ApiError {
  if (isAbort(e) || signal?.aborted) return new ApiError('aborted', 'The request was aborted', 0);
  return new ApiError('network', `Server not reachable: ${e instanceof Error ? e.message : String(e)}`, 0);
}

function toSearchParams(query: unknown): string {
  if (typeof query !== 'object' || query === null) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    params.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function errorFrom(res: Response): Promise<ApiError> {
  const fallback = CODE_BY_STATUS[res.status] ?? 'internal';
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return new ApiError(fallback, `HTTP ${res.status}`, res.status);
  }
  const parsed = apiErrorBody.safeParse(body);
  if (!parsed.success) return new ApiError(fallback, `HTTP ${res.status}`, res.status);
  return new ApiError(parsed.data.error.code, parsed.data.error.message, res.status);
}

/** A typed client for any map of shared endpoint descriptions. */
export function createHttpClient<M extends EndpointMap>(map: M, options: ApiClientOptions): HttpClient<M> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');

  async function send(
    name: string,
    input: LooseInput | LooseBytesInput | undefined,
  ): Promise<Result<Response, ApiError>> {
    const ep = map[name];
    if (!ep) return { ok: false, error: new ApiError('not_found', `Unknown endpoint ${name}`, 0) };
    const bytes = input && 'bytes' in input ? input.bytes : undefined;
    if ((bytes !== undefined) !== (ep.binary?.request !== undefined)) {
      return {
        ok: false,
        error: new ApiError('bad_request', `${name} ${bytes ? 'takes no' : 'needs a'} byte body`, 0),
      };
    }
    let search = '';
    if (ep.query) {
      const q = ep.query.safeParse(input?.query ?? {});
      if (!q.success) return { ok: false, error: new ApiError('validation_failed', `Invalid query for ${name}`, 0) };
      search = toSearchParams(q.data);
    }
    const headers: Record<string, string> = {
      accept: ep.binary?.response
        ? 'application/octet-stream, application/json'
        : 'application/json, text/event-stream',
    };
    let body: string | Blob | undefined;
    if (bytes !== undefined) {
      const max = ep.binary?.request?.maxBytes ?? 0;
      if (bytes.size > max) {
        return { ok: false, error: new ApiError('payload_too_large', `${name}: more than ${max} bytes`, 0) };
      }
      body = bytes;
      headers['content-type'] = 'application/octet-stream';
    } else if (ep.body) {
      const given = input && 'body' in input ? input.body : undefined;
      const b = ep.body.safeParse(given);
      if (!b.success) return { ok: false, error: new ApiError('validation_failed', `Invalid body for ${name}`, 0) };
      // Send what the caller gave: the server parses it with the same schema.
      body = JSON.stringify(given);
      headers['content-type'] = 'application/json';
    }
    if (ep.auth) {
      const token = options.getToken();
      if (token === null) return { ok: false, error: new ApiError('unauthenticated', 'Not logged in', 0) };
      headers.authorization = `Bearer ${token}`;
    }
    const signal = input?.signal;
    let res: Response;
    try {
      res = await doFetch(`${base}${ep.path}${search}`, {
        method: ep.method,
        headers,
        body: body ?? null,
        signal: signal ?? null,
      });
    } catch (e) {
      return { ok: false, error: failure(e, signal) };
    }
    if (!res.ok) return { ok: false, error: await errorFrom(res) };
    return { ok: true, value: res };
  }

  /** The validated JSON body of a 2xx answer (anything goes for endpoints without a response schema). */
  async function readJson(
    name: string,
    res: Response,
    signal: AbortSignal | undefined,
  ): Promise<Result<unknown, ApiError>> {
    const schema = map[name]?.response;
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      return { ok: false, error: failure(e, signal) };
    }
    if (!schema) {
      // Untyped endpoints (204, or documents such as the OpenAPI file).
      if (!text) return { ok: true, value: undefined };
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: true, value: text };
      }
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: new ApiError('invalid_response', `${name}: response is not JSON`, res.status) };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return {
        ok: false,
        error: new ApiError('invalid_response', `${name}: response does not match the contract`, res.status),
      };
    }
    return { ok: true, value: parsed.data };
  }

  return {
    async call(name, ...[input]) {
      const sent = await send(name, input);
      if (!sent.ok) return sent;
      // readJson validated the body against this endpoint's schema (or there is none).
      return (await readJson(name, sent.value, input?.signal)) as Result<CallOutput<M[typeof name]>, ApiError>;
    },
    open(name, ...[input]) {
      return send(name, input);
    },
    async upload(name, input) {
      const sent = await send(name, input);
      if (!sent.ok) return sent;
      return (await readJson(name, sent.value, input.signal)) as Result<CallOutput<M[typeof name]>, ApiError>;
    },
    async download(name, ...[input]) {
      const sent = await send(name, input);
      if (!sent.ok) return sent;
      try {
        return { ok: true, value: new Uint8Array(await sent.value.arrayBuffer()) };
      } catch (e) {
        return { ok: false, error: failure(e, input?.signal) };
      }
    },
  };
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return createHttpClient(endpoints, options);
}
