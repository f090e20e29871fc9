import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES } from '../../shared/contracts/http/common.ts';
import { endpoints } from '../../shared/contracts/http/index.ts';
import { describeBackends } from '../test/backends.ts';
import { bearer, login, TestClock, testApp, useSeededDb } from '../test/harness.ts';
import type { Database } from './db/database.ts';
import { CONTENT_SECURITY_POLICY } from './http/security.ts';

describeBackends('HTTP layer', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock(), { corsOrigins: ['app://amtsplatz'] });
  });
  afterEach(async () => {
    await app.close();
  });

  it('answers malformed JSON with 400 bad_request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "anna", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_request', message: 'Request body is not valid JSON' } });
  });

  it('answers a schema violation with 400 validation_failed naming the field', async () => {
    const token = await login(app, 'sachbearbeiter1');
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(token),
      payload: {
        clientId: randomUUID(),
        mutations: [{ seq: 'one', name: 'claim', args: {}, clientTime: '2026-11-23T09:00:00Z' }],
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('body.mutations[0].seq');

    const unknownField = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b', admin: true },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toEqual({
      error: { code: 'validation_failed', message: 'body.admin: unknown field' },
    });

    const badQuery = await app.inject({
      method: 'GET',
      url: `/api/sync/pull?clientId=${randomUUID()}&limit=0`,
      headers: bearer(token),
    });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json<{ error: { message: string } }>().error.message).toMatch(/^query\.limit: /);
  });

  it('answers an oversized body with 413 payload_too_large', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'x'.repeat(MAX_JSON_BODY_BYTES) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: { code: 'payload_too_large', message: `Request body exceeds the limit of ${MAX_JSON_BODY_BYTES} bytes` },
    });
  });

  it('answers unknown API routes with a JSON 404 and non-JSON bodies with 415', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope?x=secret' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No route GET /api/nope' } });
    const text = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json<{ error: { code: string } }>().error.code).toBe('bad_request');
  });

  it('requires a Bearer token on authenticated endpoints', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
    const wrong = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer('x'.repeat(43)) });
    expect(wrong.statusCode).toBe(401);
  });

  it('reports health with the database kind', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: backend.kind });
  });

  it('serves Verfahren definitions to logged-in users', async () => {
    const token = await login(app, 'sachbearbeiter3');
    const res = await app.inject({ method: 'GET', url: '/api/verfahren', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const ids = res.json<{ verfahren: { id: string }[] }>().verfahren.map((v) => v.id);
    expect(ids).toContain('bewohnerparkausweis');
  });

  it('allows CORS only for configured origins on /api', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/sync/push',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const ok = await preflight('app://amtsplatz');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('app://amtsplatz');
    expect(ok.headers['access-control-allow-headers']).toContain('authorization');
    const evil = await preflight('https://evil.example');
    expect(evil.statusCode).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('OpenAPI document', () => {
  it('lists every endpoint of the shared contract with its method', async () => {
    const db = { kind: 'pglite' } as unknown as Database;
    const app = await testApp(db, new TestClock());
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    await app.close();
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const [name, e] of Object.entries(endpoints)) {
      expect(doc.paths[e.path]?.[e.method.toLowerCase()]?.operationId).toBe(name);
    }
    const pull = doc.paths['/api/sync/pull']?.get as unknown as { parameters: { name: string; required: boolean }[] };
    expect(pull.parameters).toContainEqual(expect.objectContaining({ name: 'clientId', required: true }));
  });
});

describe('web root', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amtsplatz-web-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Amtsplatz</title>');
    await writeFile(join(dir, 'app.js'), 'console.log(1)');
    app = await testApp({ kind: 'pglite' } as unknown as Database, new TestClock(), { webRoot: dir });
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html for client routes, with a strict CSP on HTML', async () => {
    const js = await app.inject({ method: 'GET', url: '/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1)');
    const route = await app.inject({ method: 'GET', url: '/vorgang/123' });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>Amtsplatz</title>');
    expect(route.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.headers['content-security-policy']).toContain("default-src 'self'");
    const api = await app.inject({ method: 'GET', url: '/api/unknown' });
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });
});

describe('logging', () => {
  it('never writes the Authorization header or passwords into the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await testApp({ kind: 'pglite', query: async () => [] } as unknown as Database, new TestClock(), {
      logger: { level: 'trace', stream },
    });
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer('SECRETTOKENSECRETTOKEN1234') });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'hunter2-secret' },
    });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/auth/me');
    expect(log).not.toContain('SECRETTOKENSECRETTOKEN1234');
    expect(log).not.toContain('hunter2-secret');
  });
});
