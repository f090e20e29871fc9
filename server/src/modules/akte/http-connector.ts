import { z } from 'zod';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { answerName, type DmsConnector } from './dms.ts';

/**
 * The HTTP connector (docs/e-akte.md, "DMS"): the second implementation of DmsConnector, for a
 * DMS (or an Abgabe gateway, or an archive) that takes xdomea messages over HTTPS instead of a
 * drop directory. The exchange is four calls under one base URL, which a small adapter in
 * front of the DMS's own import API provides:
 *
 * - `POST {base}/nachrichten/{Dateiname}` with the zip (`application/zip`): delivers a message.
 *   Idempotent by name: the same name again is the same Prozess (answer 2xx, or 409 for "have
 *   it already", which counts as delivered).
 * - `GET {base}/antworten`: `{ "antworten": ["{ProzessID}_{Nachrichtentyp}.xml", …] }`, the answers waiting.
 * - `GET {base}/antworten/{Dateiname}`: one answer's bytes.
 * - `POST {base}/antworten/{Dateiname}/quittung` with `{ "ok": true }` or `{ "ok": false,
 *   "grund": "…" }`: the answer was read (or set aside, with the reason); the DMS removes it.
 *
 * A bearer token authenticates Amtsplatz (AMTSPLATZ_DMS_TOKEN, never on the command line).
 * Every call has a timeout; any other status is an error the job retries with backoff.
 */

export interface HttpConnectorOptions {
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string | undefined;
  /** Per call; default 60 s (a large message over a slow line). */
  timeoutMs?: number;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
}

/** An answer larger than this is no receipt (as for the drop directory). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const MAX_LISTED = 1000;

const listing = z
  .object({ antworten: z.array(z.string().min(1).max(200)).max(MAX_LISTED) })
  .strip()
  .transform((l) => l.antworten);

export class ConnectorError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null) {
    super(message);
    this.name = 'ConnectorError';
    this.status = status;
  }
}

/** The base URL must be https, or http on loopback only (a test DMS, an adapter on the same host). */
export function checkConnectorUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`connector URL ${raw} is not a URL`);
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`connector URL ${url.origin} must use https (http only on loopback)`);
  }
  if (url.username !== '' || url.password !== '') throw new Error('connector URL must not carry credentials');
  if (url.search !== '' || url.hash !== '') throw new Error('connector URL must not carry a query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

export function httpConnector(base: string, options: HttpConnectorOptions = {}): DmsConnector {
  const root = checkConnectorUrl(base);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const headers = (extra: Record<string, string> = {}) => ({
    ...extra,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  });
  const at = (...segments: string[]) => new URL(segments.map(encodeURIComponent).join('/'), root);
  const call = async (url: URL, init: RequestInit, what: string): Promise<Response> => {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new ConnectorError(`${what}: ${error instanceof Error ? error.message : String(error)}`, null);
    }
    return res;
  };
  const fail = async (res: Response, what: string): Promise<never> => {
    // The body may say why; a short excerpt, as text, is enough for the job's last error.
    const text = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
    throw new ConnectorError(`${what}: HTTP ${res.status}${text ? ` ${text}` : ''}`, res.status);
  };
  const checkName = (name: string) => {
    if (!answerName(name)) throw new DomainError('validation_failed', `${name} is no xdomea message name`);
  };

  return {
    describe: `HTTP ${root.origin}${root.pathname}`,
    async deliver(fileName, bytes) {
      checkName(fileName);
      const what = `delivering ${fileName}`;
      const res = await call(
        at('nachrichten', fileName),
        { method: 'POST', headers: headers({ 'content-type': 'application/zip' }), body: new Blob([bytes]) },
        what,
      );
      if (res.ok || res.status === 409) {
        await res.body?.cancel();
        return;
      }
      await fail(res, what);
    },
    async answers() {
      const what = 'listing the answers';
      const res = await call(at('antworten'), { headers: headers({ accept: 'application/json' }) }, what);
      if (!res.ok) await fail(res, what);
      const parsed = listing.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success) throw new ConnectorError(`${what}: not {"antworten": [names]}`, res.status);
      return [...new Set(parsed.data)].sort();
    },
    async read(name) {
      const what = `reading ${name}`;
      const res = await call(at('antworten', name), { headers: headers() }, what);
      if (!res.ok) await fail(res, what);
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > MAX_ANSWER_BYTES) {
        await res.body?.cancel();
        throw new DomainError('payload_too_large', `${name} is ${declared} bytes`);
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = res.body?.getReader();
      for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
        const chunk: Uint8Array = next.value;
        size += chunk.byteLength;
        if (size > MAX_ANSWER_BYTES) {
          await reader?.cancel();
          throw new DomainError('payload_too_large', `${name} is larger than ${MAX_ANSWER_BYTES} bytes`);
        }
        chunks.push(chunk);
      }
      return new Uint8Array(Buffer.concat(chunks));
    },
    async settle(name, outcome) {
      const what = `acknowledging ${name}`;
      const body = outcome.ok ? { ok: true } : { ok: false, grund: outcome.reason.slice(0, 2000) };
      const res = await call(
        at('antworten', name, 'quittung'),
        { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) },
        what,
      );
      if (!res.ok) await fail(res, what);
      await res.body?.cancel();
    },
  };
}
