import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTsa, type TestTsa } from '../../../../scripts/lib/tsa.ts';
import { createHttpTimeStamper } from './tsa-client.ts';

/*
 * The client against a real TSA (`openssl ts` behind node:http, scripts/lib/tsa.ts), against
 * one that lies (it answers a rewritten query), and against servers that fail in other ways.
 */

const digest = new Uint8Array(createHash('sha256').update('signature value').digest());
const limits = { timeoutMs: 10_000, maxBytes: 65_536 };

let tsa: TestTsa;
const servers: Server[] = [];

beforeAll(async () => {
  tsa = await startTestTsa();
});
afterAll(async () => {
  await tsa.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function stub(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
}

/** Rewrites one field of a TimeStampReq (1: messageImprint, 2: nonce) the way a lying TSA would answer it. */
function rewrite(field: 'imprint' | 'nonce') {
  return (query: Uint8Array): Uint8Array => {
    const request = forge.asn1.fromDer(Buffer.from(query).toString('latin1'));
    const fields = request.value as forge.asn1.Asn1[];
    if (field === 'nonce') {
      const nonce = fields[2];
      if (nonce) nonce.value = '\x01\x02\x03\x04\x05\x06\x07\x08';
    } else {
      const hashed = (fields[1]?.value as forge.asn1.Asn1[])[1];
      if (hashed) hashed.value = 'x'.repeat(32);
    }
    return Uint8Array.from(forge.asn1.toDer(request).getBytes(), (c) => c.charCodeAt(0));
  };
}

describe('createHttpTimeStamper', () => {
  it('returns a token from the TSA over our imprint, which openssl verifies against the TSA root', async () => {
    const before = tsa.requests();
    const token = await createHttpTimeStamper(tsa.url, limits).timestamp(digest);
    expect(tsa.requests()).toBe(before + 1);
    const path = join(tsa.dir, 'client.tst');
    await writeFile(path, token);
    const verify = spawnSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-digest',
        Buffer.from(digest).toString('hex'),
        '-in',
        path,
        '-token_in',
        '-CAfile',
        tsa.rootPemPath,
      ],
      { encoding: 'utf8' },
    );
    expect(verify.stdout).toContain('Verification: OK');
  });

  it('refuses a token for another imprint or another nonce (a lying or confused TSA)', async () => {
    for (const [field, message] of [
      ['imprint', /for other data than requested/],
      ['nonce', /does not answer this request \(nonce\)/],
    ] as const) {
      const liar = await startTestTsa({ rewriteQuery: rewrite(field) });
      try {
        const attempt = createHttpTimeStamper(liar.url, limits).timestamp(digest);
        await expect(attempt).rejects.toMatchObject({
          code: 'tsa_mismatch',
          message: expect.stringMatching(message) as unknown,
        });
        expect(liar.requests()).toBe(1);
      } finally {
        await liar.close();
      }
    }
  });

  it('reports a rejection with its reason', async () => {
    const sha1Only = await startTestTsa({ digests: 'sha1' });
    try {
      await expect(createHttpTimeStamper(sha1Only.url, limits).timestamp(digest)).rejects.toMatchObject({
        code: 'tsa_rejected',
        message: expect.stringContaining('status 2: badAlg') as unknown,
      });
    } finally {
      await sha1Only.close();
    }
  });

  it('reports HTTP errors by status, never with the body, and sends URL credentials as Basic auth', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const url = await stub((request, response) => {
      seen.push(request.headers);
      request.resume();
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('stack trace with internal details');
    });
    const withCredentials = url.replace('http://', 'http://amt:s3cret@');
    const error: unknown = await createHttpTimeStamper(withCredentials, limits)
      .timestamp(digest)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'tsa_http_error', message: expect.stringContaining('HTTP 500') as unknown });
    expect((error as Error).message).not.toMatch(/internal details|s3cret/);
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('amt:s3cret').toString('base64')}`);
    expect(seen[0]?.['content-type']).toBe('application/timestamp-query');
  });

  it('refuses a garbage body and a non-RFC 3161 content type without quoting them', async () => {
    const garbage = await stub((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      response.end('<html>garbage</html>');
    });
    const html = await stub((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>login page</html>');
    });
    for (const url of [garbage, html]) {
      const error: unknown = await createHttpTimeStamper(url, limits)
        .timestamp(digest)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'tsa_response_invalid' });
      expect((error as Error).message).not.toMatch(/garbage|login/);
    }
  });

  it('gives up after timeoutMs on a TSA that never answers', async () => {
    const silent = await stub(() => undefined);
    await expect(createHttpTimeStamper(silent, { ...limits, timeoutMs: 200 }).timestamp(digest)).rejects.toMatchObject({
      code: 'tsa_timeout',
      message: expect.stringContaining('within 200 ms') as unknown,
    });
  });

  it('refuses a reply above maxBytes and reports an unreachable TSA', async () => {
    await expect(createHttpTimeStamper(tsa.url, { ...limits, maxBytes: 100 }).timestamp(digest)).rejects.toMatchObject({
      code: 'tsa_response_too_large',
    });
    const closed = await stub(() => undefined);
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    await expect(createHttpTimeStamper(closed, limits).timestamp(digest)).rejects.toMatchObject({
      code: 'tsa_unreachable',
    });
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => createHttpTimeStamper('ftp://tsa.example/', limits)).toThrow('the TSA URL must be http(s)');
  });
});
