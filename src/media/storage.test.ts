import { expect, it } from 'vitest';
import { testPhoto } from '../../test/photo.js';
import { startS3 } from '../../test/s3.js';
import { createTestDatabase } from '../../test/db.js';
import { makeCreator, testClock } from '../../test/factories.js';
import { buildServer } from '../server.js';
import { S3MediaStore, storeImage } from './index.js';

it('stores uploads in S3 and every instance serves them from there', async () => {
  const s3 = await startS3();
  const database = await createTestDatabase('pglite');
  // Two servers with no disk of their own in common: only the bucket is shared.
  const [a, b] = await Promise.all([
    buildServer({ database, clock: testClock(), media: new S3MediaStore(s3.settings) }),
    buildServer({ database, clock: testClock(), media: new S3MediaStore(s3.settings) }),
  ]);
  try {
    const creator = await makeCreator(database.db);
    const image = await storeImage(database.db, testClock(), {
      ownerId: creator.userId,
      bytes: await testPhoto(),
      store: new S3MediaStore(s3.settings),
    });
    for (const app of [a, b]) {
      for (const width of image.variants) {
        const res = await app.inject({ url: `/media/${image.id}/${width}.webp` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/webp');
        expect(res.headers['cache-control']).toContain('immutable');
        expect(res.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');
      }
      expect((await app.inject({ url: `/media/${image.id}/99.webp` })).statusCode).toBe(404);
    }
    // A failed upload leaves nothing behind in the bucket.
    const store = new S3MediaStore(s3.settings);
    await store.removeAll(image.id);
    expect(await store.get(`${image.id}/${image.variants[0]}.webp`)).toBeUndefined();
  } finally {
    await a.close();
    await b.close();
    await database.close();
    await s3.stop();
  }
});

it('redirects /media to BYLINE_MEDIA_PUBLIC_URL when readers fetch media from there', async () => {
  const database = await createTestDatabase('pglite');
  const app = await buildServer({
    database,
    clock: testClock(),
    mediaPublicUrl: 'https://img.example.cn/media',
  });
  try {
    const res = await app.inject({ url: '/media/0b6f3c54-5b5e-4f8e-9a77-6d0f0a7d3c21/480.webp' });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(
      'https://img.example.cn/media/0b6f3c54-5b5e-4f8e-9a77-6d0f0a7d3c21/480.webp',
    );
  } finally {
    await app.close();
    await database.close();
  }
});
