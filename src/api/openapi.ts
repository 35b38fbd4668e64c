/**
 * GET /api/v1/openapi.json: the API described in OpenAPI 3.1, generated from
 * the routes as they are registered — their zod schemas for path, query,
 * body and responses (z.toJSONSchema), their summaries and auth. Nothing
 * here is written by hand, so the document cannot drift from the server.
 */
import type { FastifyPluginAsync, FastifySchema } from 'fastify';
import { z } from 'zod';
import { ERROR_CODES } from '../shared/errors.js';
import { ErrorBody } from './presenters.js';

export interface DocumentedRoute {
  readonly method: string | readonly string[];
  readonly url: string;
  readonly schema: FastifySchema;
}

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

const PREFIX = '/api/v1';

function isZod(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** Path or query parameters, one per property of an object schema. */
function parameters(schema: unknown, where: 'path' | 'query') {
  if (!isZod(schema)) return [];
  const object = jsonSchema(schema, 'input');
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, deprecated, ...rest } = property as JsonSchema & {
      description?: string;
      deprecated?: boolean;
    };
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      ...(deprecated ? { deprecated } : {}),
      schema: rest,
    };
  });
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** Which errors an operation can answer, from what it declares. */
function errorResponses(schema: FastifySchema) {
  const out: Record<string, unknown> = {
    '400': errorResponse('请求格式有误（无效的 JSON 或 UTF-8）'),
    '422': errorResponse('字段有误：fields 逐个列出（path、message）'),
    '429': errorResponse('操作过于频繁；见 Retry-After'),
    '503': errorResponse('数据库暂时不可用（DB_UNAVAILABLE）；见 Retry-After'),
  };
  if (schema.auth === 'bearer') {
    out['401'] = errorResponse('未登录或 token 已过期');
    out['403'] = errorResponse('已登录，但没有权限');
  }
  if (schema.params) out['404'] = errorResponse('不存在');
  if (schema.body || schema.multipart) {
    out['409'] = errorResponse('与当前状态冲突');
    out['413'] = errorResponse('内容过大');
  }
  if (schema.multipart) out['415'] = errorResponse('不支持的文件类型');
  return out;
}

function responses(schema: FastifySchema) {
  const declared = (schema.response ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [status, body] of Object.entries(declared)) {
    if (status === '204' || !isZod(body)) {
      out[status] = { description: '成功，无内容' };
      continue;
    }
    const described = jsonSchema(body, 'output');
    out[status] = {
      description: typeof described.description === 'string' ? described.description : '成功',
      content: { 'application/json': { schema: described } },
    };
  }
  if (schema.binaryResponse)
    out['200'] = {
      description: schema.binaryResponse.description,
      content: { [schema.binaryResponse.type]: { schema: { type: 'string', format: 'binary' } } },
    };
  if (Object.keys(out).length === 0) out['200'] = { description: '成功（JSON）' };
  return { ...out, ...errorResponses(schema) };
}

function requestBody(schema: FastifySchema) {
  if (isZod(schema.multipart)) {
    return {
      required: true,
      content: { 'multipart/form-data': { schema: jsonSchema(schema.multipart, 'input') } },
    };
  }
  if (!isZod(schema.body)) return undefined;
  const optional = schema.body.safeParse(undefined).success;
  return {
    required: !optional,
    content: { 'application/json': { schema: jsonSchema(schema.body, 'input') } },
  };
}

function security(schema: FastifySchema) {
  if (schema.auth === 'bearer') return [{ bearer: [] }];
  if (schema.auth === 'optional') return [{}, { bearer: [] }];
  if (schema.auth === 'session') return [{}, { session: [] }, { bearer: [] }];
  return [];
}

export function openApiDocument(routes: readonly DocumentedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!route.url.startsWith(`${PREFIX}/`)) continue;
    const path = route.url.slice(PREFIX.length).replace(/:(\w+)/g, '{$1}');
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const s = route.schema;
      const body = requestBody(s);
      (paths[path] ??= {})[method.toLowerCase()] = {
        ...(s.summary ? { summary: s.summary } : {}),
        ...(s.description ? { description: s.description } : {}),
        ...(s.tags ? { tags: [...s.tags] } : {}),
        operationId: `${method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^a-z0-9]+(.)?/gi, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
        parameters: [...parameters(s.params, 'path'), ...parameters(s.querystring, 'query')],
        ...(body ? { requestBody: body } : {}),
        responses: responses(s),
        security: security(s),
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Byline API',
      version: '1.0.0',
      description:
        '署名 Byline 的开放 JSON API。错误格式：{"error":{"code","message","fields"?}}，code 见 docs/errors.md；' +
        '列表统一用 limit（1–100）与 cursor（原样传回上一页的 next_cursor）分页。',
    },
    servers: [{ url: PREFIX }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'POST /session 返回的 token' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'byline_session',
          description: '网页登录的会话 cookie（只有 GET /me/page-state 读取）',
        },
      },
      schemas: {
        Error: jsonSchema(ErrorBody, 'output'),
        ErrorCode: { type: 'string', enum: Object.keys(ERROR_CODES) },
      },
    },
    paths,
  };
}

export const openApiRoutes: FastifyPluginAsync<{ routes: readonly DocumentedRoute[] }> = async (
  app,
  { routes },
) => {
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get(
    '/openapi.json',
    { schema: { summary: '本文档（OpenAPI 3.1）', tags: ['meta'] } },
    async (_request, reply) => {
      // Built on first use: every route is registered by then.
      document ??= openApiDocument(routes);
      return reply.header('cache-control', 'public, max-age=300').send(document);
    },
  );
};
