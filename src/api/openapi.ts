/** GET /api/v1/openapi.json: the API described in OpenAPI 3.1 (a test keeps it in sync with the routes). */
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '../shared/errors.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const errors = {
  '400': error('Malformed request (bad JSON, invalid UTF-8)'),
  '401': error('Not signed in (missing or expired token)'),
  '403': error('Signed in, not allowed'),
  '404': error('Not found'),
  '409': error('Conflict with the current state'),
  '413': error('Body or upload too large'),
  '422': error('Invalid fields; `fields` lists each'),
  '429': error('Rate limited; see Retry-After'),
};
const auth = [{ bearer: [] }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

const ArticleInput = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'body_markdown', 'channel'],
  properties: {
    title: { type: 'string', maxLength: 300 },
    body_markdown: { type: 'string', maxLength: 200000 },
    channel: { type: 'string', description: 'channel slug, e.g. tech' },
    summary: { type: 'string', maxLength: 500 },
    cover_image_id: { type: ['string', 'null'], format: 'uuid' },
    claim_original: { type: 'boolean', description: '原创声明' },
    publish: { type: 'boolean', description: 'publish now' },
    publish_at: { type: 'string', format: 'date-time', description: 'schedule instead' },
  },
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Byline API',
      version: '1.0.0',
      description:
        'The open JSON API of Byline (署名). Errors: {"error":{"code","message","fields"?}}.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'token from POST /session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERROR_CODES) },
                message: { type: 'string' },
                fields: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { path: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
        User: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            email: { type: 'string' },
            display_name: { type: 'string' },
            role: { enum: ['reader', 'creator', 'editor', 'admin'] },
          },
        },
        ArticleCard: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            url: { type: 'string' },
            title: { type: 'string' },
            summary: { type: 'string' },
            status: { enum: ['draft', 'scheduled', 'published', 'removed', 'held'] },
            channel: {
              type: 'object',
              properties: { slug: { type: 'string' }, name: { type: 'string' } },
            },
            author: {
              type: 'object',
              properties: {
                handle: { type: 'string' },
                name: { type: 'string' },
                url: { type: 'string' },
              },
            },
            published_at: { type: ['string', 'null'], format: 'date-time' },
            counts: {
              type: 'object',
              properties: {
                views: { type: 'integer' },
                shares: { type: 'integer' },
                comments: { type: 'integer' },
              },
            },
          },
        },
        Article: {
          allOf: [
            ref('ArticleCard'),
            {
              type: 'object',
              properties: {
                revision: { type: 'integer' },
                body: {
                  type: 'object',
                  properties: {
                    format: { type: 'string' },
                    source: { type: 'string' },
                    html: { type: 'string' },
                  },
                },
              },
            },
          ],
        },
        ArticleInput,
        Application: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            handle: { type: 'string' },
            status: { enum: ['pending', 'approved', 'rejected'] },
            decision_reason: { type: ['string', 'null'] },
          },
        },
      },
    },
    paths: {
      '/users': {
        post: {
          summary: 'Register (a reader account)',
          requestBody: json({
            type: 'object',
            additionalProperties: false,
            required: ['email', 'password', 'display_name'],
            properties: {
              email: { type: 'string' },
              password: { type: 'string', minLength: 8 },
              display_name: { type: 'string' },
            },
          }),
          responses: {
            '201': {
              description: 'created',
              ...json({ type: 'object', properties: { user: ref('User') } }),
            },
            ...errors,
          },
        },
      },
      '/users/{id}/role': {
        put: {
          summary: "Change a user's role (admins; audited)",
          security: auth,
          parameters: [idParam],
          requestBody: json({
            type: 'object',
            required: ['role', 'reason'],
            properties: {
              role: { enum: ['reader', 'creator', 'editor', 'admin'] },
              reason: { type: 'string' },
            },
          }),
          responses: { '200': { description: 'changed' }, ...errors },
        },
      },
      '/session': {
        post: {
          summary: 'Sign in; returns a bearer token',
          requestBody: json({
            type: 'object',
            additionalProperties: false,
            required: ['email', 'password'],
            properties: { email: { type: 'string' }, password: { type: 'string' } },
          }),
          responses: {
            '201': {
              description: 'signed in',
              ...json({
                type: 'object',
                properties: {
                  token: { type: 'string' },
                  expires_at: { type: 'string' },
                  user: ref('User'),
                },
              }),
            },
            ...errors,
          },
        },
        delete: {
          summary: 'Sign out (this token)',
          security: auth,
          responses: { '204': { description: 'signed out' }, ...errors },
        },
      },
      '/creator-applications': {
        post: {
          summary: 'Apply to become a creator (申请入驻)',
          security: auth,
          requestBody: json({ type: 'object' }),
          responses: {
            '201': {
              description: 'submitted',
              ...json({ type: 'object', properties: { application: ref('Application') } }),
            },
            ...errors,
          },
        },
        get: {
          summary: 'Applications by status (editors)',
          security: auth,
          parameters: [
            { name: 'status', in: 'query', schema: { enum: ['pending', 'approved', 'rejected'] } },
          ],
          responses: {
            '200': {
              description: 'list',
              ...json({
                type: 'object',
                properties: { items: { type: 'array', items: ref('Application') } },
              }),
            },
            ...errors,
          },
        },
      },
      '/creator-applications/{id}/approve': {
        post: {
          summary: 'Approve (editors)',
          security: auth,
          parameters: [idParam],
          requestBody: json({ type: 'object', properties: { reason: { type: 'string' } } }),
          responses: { '200': { description: 'approved' }, ...errors },
        },
      },
      '/creator-applications/{id}/reject': {
        post: {
          summary: 'Reject with a reason (editors)',
          security: auth,
          parameters: [idParam],
          requestBody: json({
            type: 'object',
            required: ['reason'],
            properties: { reason: { type: 'string' } },
          }),
          responses: { '200': { description: 'rejected' }, ...errors },
        },
      },
      '/articles': {
        get: {
          summary: 'Published articles, newest first',
          parameters: [
            { name: 'channel', in: 'query', schema: { type: 'string' } },
            { name: 'author', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'a page',
              ...json({
                type: 'object',
                properties: {
                  items: { type: 'array', items: ref('ArticleCard') },
                  next_cursor: { type: ['string', 'null'] },
                },
              }),
            },
            ...errors,
          },
        },
        post: {
          summary: 'Create an article (creators)',
          security: auth,
          requestBody: json(ref('ArticleInput')),
          responses: {
            '201': {
              description: 'created',
              ...json({ type: 'object', properties: { article: ref('Article') } }),
            },
            ...errors,
          },
        },
      },
      '/articles/{id}': {
        get: {
          summary: 'A published article',
          parameters: [idParam],
          responses: {
            '200': {
              description: 'the article',
              ...json({ type: 'object', properties: { article: ref('Article') } }),
            },
            '410': error('Removed'),
            ...errors,
          },
        },
        patch: {
          summary: 'Edit (author or editor); a new revision',
          security: auth,
          parameters: [idParam],
          requestBody: json({ ...ArticleInput, required: [] }),
          responses: { '200': { description: 'saved' }, ...errors },
        },
        delete: {
          summary: 'Delete (soft: the page answers 410)',
          security: auth,
          parameters: [idParam],
          responses: { '204': { description: 'deleted' }, ...errors },
        },
      },
      '/articles/{id}/receipt': {
        get: {
          summary:
            '原创凭证: SHA-256 of the normalised text, SimHash, MinHash and the first-publish time (public)',
          parameters: [idParam],
          responses: {
            '200': { description: 'the receipt', ...json({ type: 'object' }) },
            '410': error('Removed'),
            ...errors,
          },
        },
      },
      '/articles/{id}/originality': {
        get: {
          summary:
            'Match report (author and editors): earlier articles this one matches and later ones matching it, with scores and passages',
          security: auth,
          parameters: [idParam],
          responses: {
            '200': { description: 'the report', ...json({ type: 'object' }) },
            ...errors,
          },
        },
      },
      '/articles/{id}/related': {
        get: {
          summary:
            '相关推荐: content-based related articles (TF-IDF keywords, channel and author signals), best first; filled from the same channel, then hot, when short',
          parameters: [
            idParam,
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 12, default: 6 },
            },
          ],
          responses: {
            '200': {
              description: 'related articles',
              ...json({
                type: 'object',
                properties: { items: { type: 'array', items: ref('ArticleCard') } },
              }),
            },
            '410': error('Removed'),
            ...errors,
          },
        },
      },
      '/articles/{id}/comments': {
        get: {
          summary: '跟贴 of an article, newest first or by quality (Wilson lower bound)',
          parameters: [
            idParam,
            { name: 'sort', in: 'query', schema: { enum: ['time', 'quality'] } },
          ],
          responses: { '200': { description: 'comments' }, ...errors },
        },
        post: {
          summary: 'Comment or reply (signed in); new accounts are held for review',
          security: auth,
          parameters: [idParam],
          requestBody: json({
            type: 'object',
            required: ['body'],
            properties: {
              body: { type: 'string', maxLength: 2000 },
              parent_id: { type: 'string', format: 'uuid' },
            },
          }),
          responses: { '201': { description: 'posted (status visible or held)' }, ...errors },
        },
      },
      '/articles/{id}/publish': {
        post: {
          summary: 'Publish now',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'published' }, ...errors },
        },
      },
      '/images': {
        post: {
          summary: 'Upload an image (JPEG, PNG, WebP, GIF; ≤ 10 MB)',
          security: auth,
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { image: { type: 'string', format: 'binary' } },
                },
              },
            },
          },
          responses: {
            '201': { description: 'stored', ...json({ type: 'object' }) },
            '415': error('Not an image'),
            ...errors,
          },
        },
      },
      '/hot': {
        get: {
          summary:
            "The hot list (热榜), global or per channel; explain=1 adds each score's components",
          parameters: [
            { name: 'channel', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } },
            { name: 'explain', in: 'query', schema: { enum: ['0', '1'] } },
          ],
          responses: { '200': { description: 'ranked items' }, ...errors },
        },
      },
      '/search': {
        get: {
          summary:
            'Chinese full-text search (Traditional or Simplified input; "phrases", -exclusions)',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'channel', in: 'query', schema: { type: 'string' } },
            { name: 'author', in: 'query', schema: { type: 'string' } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
          ],
          responses: { '200': { description: 'ranked results with total' }, ...errors },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
    },
  };
}

export async function openApiRoute(app: FastifyInstance): Promise<void> {
  const doc = openApiDocument();
  app.get('/openapi.json', async () => doc);
}
