import { z } from 'zod';
import { apiError, type Endpoint, MAX_JSON_BODY_BYTES } from '../../../shared/contracts/http/common.ts';

type JsonSchema = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(query: z.ZodType): unknown[] {
  const schema = schemaOf(query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/** OpenAPI 3.1 spelling of "raw bytes" (JSON Schema's contentMediaType, no `format: binary`). */
const bytesContent = {
  'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
};

function operation(name: string, e: Endpoint): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  if (e.binary?.response) {
    responses['200'] = {
      description: 'The bytes',
      headers: {
        'X-Content-SHA256': { description: 'SHA-256 of the bytes (lowercase hex)', schema: { type: 'string' } },
      },
      content: bytesContent,
    };
  } else if (e.path === '/api/sync/events') {
    responses['200'] = {
      description: 'Event stream',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    };
  } else if (e.response) {
    responses['200'] = {
      description: 'OK',
      content: { 'application/json': { schema: schemaOf(e.response, 'output') } },
    };
  } else if (e.path === '/api/openapi.json') {
    responses['200'] = { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: {} } } };
  } else {
    responses['204'] = { description: 'No content' };
  }
  if (e.query || e.body)
    responses['400'] = errorResponse('Malformed request or validation_failed (message names the field)');
  if (e.body) responses['413'] = errorResponse(`Body larger than ${MAX_JSON_BODY_BYTES} bytes`);
  const binaryRequest = e.binary?.request;
  if (binaryRequest) {
    responses['413'] = errorResponse(`Body larger than ${binaryRequest.maxBytes} bytes`);
    responses['415'] = errorResponse('Body is not application/octet-stream');
  }
  if (e.auth) responses['401'] = errorResponse('Missing, expired or revoked session token');
  responses.default = errorResponse('Error');
  return {
    operationId: name,
    summary: e.summary,
    ...(e.auth ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(e.query ? { parameters: queryParameters(e.query) } : {}),
    ...(e.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(e.body, 'input') } } } }
      : {}),
    ...(binaryRequest ? { requestBody: { required: true, content: bytesContent } } : {}),
    responses,
  };
}

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the same endpoint objects the routes use. */
export function buildOpenApi(endpoints: Readonly<Record<string, Endpoint>>, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, e] of Object.entries(endpoints)) {
    paths[e.path] = { ...paths[e.path], [e.method.toLowerCase()]: operation(name, e) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Amtsplatz API',
      version,
      description: 'Reference server of Amtsplatz. Sync protocol: docs/sync-protocol.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/auth/login' } },
      schemas: { ApiError: schemaOf(apiError, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
