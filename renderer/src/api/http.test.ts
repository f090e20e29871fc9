import { describe, expect, it } from 'vitest';
import { clerk } from '../../test/fixtures.ts';
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
});
