import type { FastifyInstance } from 'fastify';

/**
 * CSP for the web client, matching the desktop app's (electron/main/services/csp.ts):
 * everything from this origin only; no inline or eval script, no plugins, no framing. Inline styles stay blocked too (React sets styles through the CSSOM,
 * which CSP does not restrict).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  // PDF previews of Bescheide are blob: documents in a frame (same policy as the desktop app).
  'frame-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers every answer carries, also the event stream, whose hijacked reply skips the onSend
 * hook (sse.ts sets them itself).
 */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** API answers carry personal data: no browser, proxy or disk cache may keep them. */
export const API_CACHE_CONTROL = 'no-store';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) reply.header(name, value);
    if (request.url.startsWith('/api/')) reply.header('cache-control', API_CACHE_CONTROL);
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
}

/**
 * CORS for /api only, and only for configured origins (the desktop app's). Bearer tokens,
 * not cookies, authenticate, so no credentials mode is needed.
 */
export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !request.url.startsWith('/api/')) return;
    const ok = allowed.has(origin);
    if (ok) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-expose-headers', 'retry-after, www-authenticate, x-content-sha256');
    }
    reply.header('vary', 'Origin');
    if (request.method !== 'OPTIONS') return;
    if (!ok) return reply.code(403).send({ error: { code: 'forbidden', message: 'Origin not allowed' } });
    reply.header('access-control-allow-methods', 'GET, POST, PUT');
    reply.header('access-control-allow-headers', 'authorization, content-type');
    reply.header('access-control-max-age', '600');
    return reply.code(204).send();
  });
}
