/**
 * docs/errors.md shows the error body the API sends; this keeps the example
 * and the wire format the same (keys, nesting, and the field messages).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.js';
import { testClock } from '../../test/factories.js';
import { buildServer } from '../server.js';

function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return typeof value;
}

describe('the error wire format', () => {
  it('is the one docs/errors.md shows, with Chinese field messages', async () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!) as {
      error: { fields: { path: string; message: string }[] };
    };
    const database = await createTestDatabase('pglite');
    const app = await buildServer({ database, clock: testClock() });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { email: 'not an email', password: 'a long enough one' },
      });
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(shape(body)).toEqual(shape(example));
      expect(body.error.fields).toEqual(example.error.fields);

      // Unknown keys, enums and limits speak plainly too.
      const more = await app.inject({
        method: 'GET',
        url: `/api/v1/articles?limit=500&colour=red`,
      });
      expect(more.statusCode).toBe(422);
      expect(more.json().error.fields).toEqual(
        expect.arrayContaining([
          { path: 'limit', message: '不能大于 100' },
          { path: 'colour', message: '不认识的字段“colour”' },
        ]),
      );
      const hot = await app.inject({ url: '/api/v1/hot?explain=yes' });
      expect(hot.json().error.fields).toEqual([{ path: 'explain', message: '只能是 0、1 之一' }]);
      const cursor = await app.inject({ url: '/api/v1/articles?cursor=nonsense' });
      expect(cursor.statusCode).toBe(422);
      expect(cursor.json().error.fields[0].path).toBe('cursor');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
