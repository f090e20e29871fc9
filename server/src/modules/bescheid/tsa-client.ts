import {
  TimestampError,
  encodeTimeStampRequest,
  parseTimeStampResponse,
  randomNonce,
  readTimeStampToken,
  type TimeStamper,
} from '../../../../shared/bescheid/pades/index.ts';

const SHA256 = '2.16.840.1.101.3.4.2.1';
// RFC 3161 §3.4 names timestamp-reply; some TSAs answer with the older draft's timestamp-response.
const REPLY_TYPES = ['application/timestamp-reply', 'application/timestamp-response'];

export interface HttpTimeStamperOptions {
  /** Defaults to the global fetch; tests pass their own only to reach unusual servers. */
  fetch?: typeof fetch;
  /** For the whole exchange, connecting to the last byte of the reply. */
  timeoutMs: number;
  /** Replies longer than this are refused (a token is a few KB). */
  maxBytes: number;
}

/** The TSA URL without credentials, and the credentials as a Basic header (fetch refuses them in URLs). */
function endpoint(url: string): { target: URL; headers: Record<string, string> } {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error('the TSA URL is not a valid URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('the TSA URL must be http(s)');
  const headers: Record<string, string> = {};
  if (target.username !== '' || target.password !== '') {
    const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  return { target, headers };
}

async function readLimited(response: Response, maxBytes: number, tsa: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () =>
    new TimestampError('tsa_response_too_large', `the time-stamp authority ${tsa} sent more than ${maxBytes} bytes`);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  // A fetch body is a stream of bytes; Node's types leave its chunk type as any.
  const body = response.body as ReadableStream<Uint8Array> | null;
  if (body) {
    for await (const chunk of body) {
      length += chunk.length;
      if (length > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const sameBytes = (a: Uint8Array | null, b: Uint8Array) => a !== null && Buffer.from(a).equals(Buffer.from(b));

/**
 * An RFC 3161 client over HTTP(S): posts a TimeStampReq (SHA-256 imprint, random nonce,
 * certReq) and returns the token once the reply is granted and its TSTInfo carries our
 * imprint and nonce. Throws TimestampError; messages name the TSA host and the failure, never
 * the reply body or the URL's credentials.
 */
export function createHttpTimeStamper(url: string, options: HttpTimeStamperOptions): TimeStamper {
  const { target, headers } = endpoint(url);
  const tsa = target.host;
  const fetchImpl = options.fetch ?? fetch;
  const timeout = () =>
    new TimestampError('tsa_timeout', `the time-stamp authority ${tsa} did not answer within ${options.timeoutMs} ms`);

  async function exchange(request: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetchImpl(target, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: Buffer.from(request),
        redirect: 'error',
        signal,
      });
    } catch {
      if (signal.aborted) throw timeout();
      throw new TimestampError('tsa_unreachable', `the time-stamp authority ${tsa} could not be reached`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new TimestampError('tsa_http_error', `the time-stamp authority ${tsa} answered HTTP ${response.status}`);
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!REPLY_TYPES.includes(type)) {
      await response.body?.cancel();
      throw new TimestampError(
        'tsa_response_invalid',
        `the time-stamp authority ${tsa} answered with a non-RFC 3161 type`,
      );
    }
    try {
      return await readLimited(response, options.maxBytes, tsa);
    } catch (error) {
      if (signal.aborted) throw timeout();
      throw error;
    }
  }

  return {
    async timestamp(digest) {
      const nonce = randomNonce();
      const request = encodeTimeStampRequest(digest, nonce);
      const reply = parseTimeStampResponse(await exchange(request, AbortSignal.timeout(options.timeoutMs)));
      if (reply.status !== 0 && reply.status !== 1) {
        const reasons = reply.failInfo.length > 0 ? `: ${reply.failInfo.join(', ')}` : '';
        throw new TimestampError(
          'tsa_rejected',
          `the time-stamp authority ${tsa} refused the request (status ${reply.status}${reasons})`,
        );
      }
      if (!reply.token)
        throw new TimestampError('tsa_response_invalid', `the time-stamp authority ${tsa} sent no token`);
      const info = readTimeStampToken(reply.token);
      if (info.hashAlgorithm !== SHA256 || !sameBytes(info.imprint, digest)) {
        throw new TimestampError('tsa_mismatch', `the time-stamp from ${tsa} is for other data than requested`);
      }
      if (!sameBytes(info.nonce, nonce)) {
        throw new TimestampError('tsa_mismatch', `the time-stamp from ${tsa} does not answer this request (nonce)`);
      }
      return reply.token;
    },
  };
}
