import { it } from 'vitest';
import { buildServer } from '../src/server.js';
import { createTestDatabase } from './db.js';
import { testClock } from './factories.js';
import { buildRequest, rawRequest } from './raw-http.js';
it('debug', async () => {
  const database = await createTestDatabase('pglite');
  const app = await buildServer({ database, clock: testClock() }, { logLevel: 'error' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const r = await rawRequest(
    port,
    buildRequest('POST', '/signout', [['content-type', 'application/json']], Buffer.from('{}')),
  );
  console.log('RAW', r.status, r.head);
  const r2 = await app.inject({
    method: 'POST',
    url: '/signout',
    payload: '{}',
    headers: { 'content-type': 'application/json' },
  });
  console.log('INJECT', r2.statusCode, r2.headers);
  await app.close();
  await database.close();
});
