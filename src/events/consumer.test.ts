/**
 * Durable consumers see every committed event exactly once, in commit order:
 * an event whose transaction is still running in this database holds them
 * back (it may commit below events already committed), while a long
 * transaction in another database on the same server (a pg_dump, another
 * site's import) does not.
 */
import pg from 'pg';
import { expect, it } from 'vitest';
import { openPostgres } from '../db/client.js';
import { describeEachEngine } from '../../test/db.js';
import { adminUrl } from '../../test/pg-urls.js';
import { runConsumer } from './consumer.js';
import { recordEvent } from './outbox.js';

describeEachEngine('durable consumers', ({ engine, db }) => {
  it('deliver each committed event once, in commit order', async () => {
    const d = db();
    const seen: string[] = [];
    const run = () =>
      runConsumer(
        d.db,
        'test.order',
        ['comment.changed'],
        async (_tx, events) => {
          for (const e of events) seen.push(e.articleId);
        },
        { startAt: 'present' },
      );
    await run();
    await recordEvent(d.db, { type: 'comment.changed', articleId: 'a' });
    await d.db.transaction(async (tx) => {
      await recordEvent(tx, { type: 'comment.changed', articleId: 'b' });
      await recordEvent(tx, { type: 'comment.changed', articleId: 'c' });
    });
    expect((await run()).handled).toBe(3);
    expect((await run()).handled).toBe(0);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it.skipIf(engine !== 'postgres')(
    'wait for a transaction of this database still running, not for one in another database',
    async () => {
      const d = db();
      const seen: string[] = [];
      const run = () =>
        runConsumer(
          d.db,
          'test.horizon',
          ['comment.changed'],
          async (_tx, events) => {
            for (const e of events) seen.push(e.articleId);
          },
          { startAt: 'present' },
        );
      await run();
      // A long transaction elsewhere on the server, with a transaction id (as pg_dump's snapshot or
      // another site's import would be).
      const elsewhere = new pg.Client({ connectionString: adminUrl(d.url!) });
      await elsewhere.connect();
      const here = await openPostgres(d.url!);
      try {
        await elsewhere.query('BEGIN');
        await elsewhere.query('SELECT pg_current_xact_id()');
        await recordEvent(d.db, { type: 'comment.changed', articleId: 'first' });
        expect((await run()).handled).toBe(1);

        // In this database: a transaction writes an event and has not committed; a later one commits.
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const slow = here.db.transaction(async (tx) => {
          await recordEvent(tx, { type: 'comment.changed', articleId: 'slow' });
          await held;
        });
        await new Promise((r) => setTimeout(r, 200));
        await recordEvent(d.db, { type: 'comment.changed', articleId: 'fast' });
        // Neither is handed out yet: "fast" committed, but "slow" may still commit below it.
        expect((await run()).handled).toBe(0);
        release();
        await slow;
        expect((await run()).handled).toBe(2);
        expect(seen).toEqual(['first', 'slow', 'fast']);
      } finally {
        await elsewhere.query('ROLLBACK').catch(() => {});
        await elsewhere.end();
        await here.close();
      }
    },
  );
});
