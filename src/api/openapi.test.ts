import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.js';
import { testClock } from '../../test/factories.js';
import { buildServer } from '../server.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  const?: unknown;
  format?: string;
  items?: Schema;
};
type Operation = {
  summary?: string;
  parameters: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security: unknown[];
};

/** Every property (at any depth) says what it is: a type, an enum, a constant or alternatives. */
function typed(schema: Schema, path: string, problems: string[]): void {
  if (
    schema.type === undefined &&
    schema.enum === undefined &&
    schema.const === undefined &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined
  ) {
    problems.push(`${path}: no type`);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    typed(property, `${path}.${name}`, problems);
  if (schema.items) typed(schema.items, `${path}[]`, problems);
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) typed(alt, path, problems);
}

describe('OpenAPI document', () => {
  it('documents every /api/v1 route with typed parameters, bodies and required lists', async () => {
    const routes = new Set<string>();
    const database = await createTestDatabase('pglite');
    const app = await buildServer(
      { database, clock: testClock() },
      {
        onRoute: (r) => {
          if (!r.url.startsWith('/api/v1/')) return;
          for (const m of [r.method].flat()) {
            if (m === 'HEAD') continue;
            routes.add(
              `${m.toLowerCase()} ${r.url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`,
            );
          }
        },
      },
    );
    try {
      const served = await app.inject({ url: '/api/v1/openapi.json' });
      expect(served.statusCode).toBe(200);
      const doc = served.json() as {
        openapi: string;
        info: { title: string };
        paths: Record<string, Record<string, Operation>>;
        components: { schemas: Record<string, Schema> };
      };
      expect(doc).toMatchObject({ openapi: '3.1.0', info: { title: 'Byline API' } });
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
      );
      expect([...documented].sort()).toEqual([...routes].sort());

      const problems: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const where = `${method.toUpperCase()} ${path}`;
          if (!op.summary) problems.push(`${where}: no summary`);
          // Every {param} in the path is a documented, required path parameter.
          for (const name of path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
            const p = op.parameters.find((x) => x.name === name && x.in === 'path');
            if (!p?.required) problems.push(`${where}: path parameter ${name} not documented`);
          }
          for (const p of op.parameters) typed(p.schema, `${where} ${p.in} ${p.name}`, problems);
          const bodies = Object.values(op.requestBody?.content ?? {});
          for (const { schema } of bodies) {
            typed(schema, `${where} body`, problems);
            if (schema.type === 'object' && !schema.properties)
              problems.push(`${where}: body has no properties`);
            if (schema.type === 'object' && !Array.isArray(schema.required ?? []))
              problems.push(`${where}: body has no required list`);
          }
          if (
            ['post', 'put', 'patch'].includes(method) &&
            !op.requestBody &&
            // Actions whose path says it all take no body.
            !/\/(publish|follow|read-all|restore|like|bookmark)$/.test(path)
          )
            problems.push(`${where}: no request body documented`);
          const success = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
          if (success.length === 0) problems.push(`${where}: no success response`);
          for (const [, r] of success)
            for (const { schema } of Object.values(r.content ?? {}))
              typed(schema, `${where} response`, problems);
          expect(op.responses['422'], where).toBeDefined();
        }
      }
      expect(problems).toEqual([]);

      // The fields the server requires are the documented required fields.
      const apply =
        doc.paths['/creator-applications']!.post!.requestBody!.content['application/json']!.schema;
      expect(apply.required?.sort()).toEqual(
        ['account_type', 'contact', 'display_name', 'handle', 'tagline'].sort(),
      );
      expect(apply.properties?.account_type?.enum).toEqual([
        'individual',
        'media',
        'institution',
        'enterprise',
      ]);
      const article =
        doc.paths['/articles']!.post!.requestBody!.content['application/json']!.schema;
      expect(article.required?.sort()).toEqual(['body_markdown', 'channel', 'title']);
      // Every list takes the same limit and cursor.
      for (const list of [
        '/articles',
        '/me/articles',
        '/search',
        '/hot',
        '/creator-applications',
      ]) {
        const names = doc.paths[list]!.get!.parameters.map((p) => p.name);
        expect(names, list).toEqual(expect.arrayContaining(['limit', 'cursor']));
      }
      expect(doc.components.schemas.Error).toBeDefined();
    } finally {
      await app.close();
      await database.close();
    }
  });
});
