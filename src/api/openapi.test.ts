import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.js';
import { testClock } from '../../test/factories.js';
import { buildServer } from '../server.js';
import { openApiDocument } from './openapi.js';

describe('OpenAPI document', () => {
  it('describes every /api/v1 route and nothing else, and is served', async () => {
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
      const doc = openApiDocument();
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
      );
      expect([...documented].sort()).toEqual([...routes].sort());
      const served = await app.inject({ url: '/api/v1/openapi.json' });
      expect(served.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Byline API' } });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
