import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/domain/index.ts';
import { clerk, makeVorgang, testUuid } from '../../test/fixtures.ts';
import { FakeServer } from '../../test/fake-server.ts';
import { ApiError, createApiClient } from './http.ts';

const clientId = '5b0c4a3e-8f1d-4c2b-9a7e-2d4f6b8c0e1a';

function setup(fetchImpl?: typeof fetch) {
  const server = new FakeServer();
  const token = server.login(clerk);
  let current: string | null = token;
  const api = createApiClient({
    baseUrl: 'http://server.test/',
    getToken: () => current,
    fetch: fetchImpl ?? server.fetch,
  });
  return { server, api, setToken: (t: string | null) => (current = t) };
}

describe('createApiClient', () => {
  it('sends the query and the Bearer token and returns the validated response', async () => {
    const { server, api } = setup();
    const res = await api.call('pull', { query: { clientId, limit: 10 } });
    expect(res.ok && res.value.changes.map((c) => c.entity)).toEqual(['user']);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/sync/pull',
      query: { clientId, limit: '10' },
    });
  });

  it('sends JSON bodies', async () => {
    const { server, api } = setup();
    const mutations = [
      { seq: 1, name: 'claim', args: { vorgangId: clientId }, clientTime: '2026-11-23T10:00:00.000Z' },
    ];
    const res = await api.call('push', { body: { clientId, mutations } });
    expect(res.ok && res.value.results[0]?.status).toBe('rejected');
    expect(server.requests[0]?.body).toEqual({ clientId, mutations });
  });

  it('returns HTTP errors as values with the server code and the status', async () => {
    const { api, setToken } = setup();
    setToken('not-a-valid-token-at-all-000000');
    const res = await api.call('verfahren');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toBeInstanceOf(ApiError);
    expect(res.error.toJSON()).toEqual({ code: 'unauthenticated', message: 'Session expired', status: 401 });
  });

  it('tells network failures apart from HTTP errors', async () => {
    const { server, api } = setup();
    server.offline = true;
    const res = await api.call('verfahren');
    expect(!res.ok && res.error.code).toBe('network');
    expect(!res.ok && res.error.status).toBe(0);
  });

  it('maps a non-JSON error body to a code from the status', async () => {
    const { api } = setup(async () => new Response('<html>busy</html>', { status: 429 }));
    const res = await api.call('verfahren');
    expect(!res.ok && res.error.code).toBe('too_many_requests');
  });

  it('rejects a response that does not match the contract', async () => {
    const { api } = setup(async () => Response.json({ verfahren: [{ id: 'NOT VALID' }] }));
    const res = await api.call('verfahren');
    expect(!res.ok && res.error.code).toBe('invalid_response');
  });

  it('does not send an invalid request', async () => {
    const { server, api } = setup();
    const res = await api.call('pull', { query: { clientId: 'not-a-uuid' } });
    expect(!res.ok && res.error.code).toBe('validation_failed');
    expect(server.requests).toHaveLength(0);
  });

  it('does not send an authenticated request without a token', async () => {
    const { server, api, setToken } = setup();
    setToken(null);
    const res = await api.call('me');
    expect(!res.ok && res.error.code).toBe('unauthenticated');
    expect(server.requests).toHaveLength(0);
  });

  it('calls endpoints without auth or response schema', async () => {
    const seen: Request[] = [];
    const { api } = setup(async (input, init) => {
      seen.push(new Request(input, init));
      return new Response(null, { status: 204 });
    });
    const res = await api.call('logout');
    expect(res).toEqual({ ok: true, value: undefined });
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.headers.get('authorization')).toMatch(/^Bearer token-/);
  });

  it('reports an aborted request as aborted, not as offline', async () => {
    const { api } = setup();
    const controller = new AbortController();
    controller.abort();
    const res = await api.call('verfahren', { signal: controller.signal });
    expect(!res.ok && res.error.code).toBe('aborted');
  });

  it('uploads bytes as application/octet-stream and reads them back', async () => {
    const seen: { type: string | null; size: number }[] = [];
    const server = new FakeServer();
    const token = server.login(clerk);
    const api = createApiClient({
      baseUrl: 'http://server.test',
      getToken: () => token,
      fetch: async (input, init) => {
        const body = init?.body;
        seen.push({
          type: new Headers(init?.headers).get('content-type'),
          size: body instanceof Blob ? body.size : -1,
        });
        return server.fetch(input, init);
      },
    });
    const bytes = new TextEncoder().encode('%PDF-1.7');
    const sha256 = await sha256Hex(bytes);
    const up = await api.upload('blobUpload', { query: { sha256 }, bytes: new Blob([bytes]) });
    expect(up).toEqual({ ok: true, value: { sha256, size: bytes.byteLength, created: true } });
    expect(seen).toEqual([{ type: 'application/octet-stream', size: bytes.byteLength }]);

    const v = makeVorgang();
    server.put({ entity: 'vorgang', value: v });
    server.put({
      entity: 'dokument',
      value: {
        id: testUuid(),
        vorgangId: v.id,
        name: 'a.pdf',
        mediaType: 'application/pdf',
        size: bytes.byteLength,
        sha256,
        source: 'upload',
        uploadedBy: clerk.id,
        createdAt: v.receivedAt,
      },
    });
    const down = await api.download('blobDownload', { query: { sha256 } });
    expect(down).toEqual({ ok: true, value: bytes });
  });

  it('refuses a byte body for a JSON endpoint and a JSON call to a byte endpoint, without sending', async () => {
    const { server, api } = setup();
    const sha256 = 'a'.repeat(64);
    const wrong = await api.upload('verfahren', { bytes: new Blob(['x']) });
    const missing = await api.call('blobUpload', { query: { sha256 } });
    expect([wrong, missing].map((r) => !r.ok && r.error.code)).toEqual(['bad_request', 'bad_request']);
    expect(server.requests).toHaveLength(0);
  });
});
