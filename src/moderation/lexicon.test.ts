import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { testClock } from '../../test/factories.js';
import { Browser, errorsOn } from '../../test/http.js';
import { createSession, createUser } from '../accounts/index.js';
import { buildServer } from '../server.js';
import { checkContent, Lexicon } from './index.js';

describeEachEngine('spam lexicon', ({ db }) => {
  it('lets an admin extend the lexicon; the checks use the new terms at once', async () => {
    const database = db();
    const clock = testClock();
    // The site's own lexicon: the admin pages change it, the checks read it.
    const lexicon = new Lexicon();
    const lexiconHits = (text: string) => lexicon.hits(text);
    const app = await buildServer({ database, clock, lexicon });
    const admin = await createUser(database.db, {
      email: 'a@example.com',
      displayName: '管',
      role: 'admin',
    });
    const b = new Browser(app).useSession(
      (await createSession(database.db, clock, admin.id, 't')).token,
    );
    expect((await b.get('/studio/lexicon')).statusCode).toBe(200);
    const bad = await b.post('/studio/lexicon', { term: '字', category: 'gambling' });
    expect(bad.statusCode).toBe(422);
    expect(errorsOn(bad.body).term).toBeTruthy();
    expect(lexiconHits('新型线上赌盘')).toEqual([]);
    expect(
      (await b.post('/studio/lexicon', { term: '线上赌盘', category: 'gambling' })).statusCode,
    ).toBe(303);
    expect(lexiconHits('新型線上賭盤').map((h) => h.term)).toEqual(['线上赌盘']); // Traditional input too
    expect(checkContent('线上赌盘|在线博彩|下载|官网', lexicon).verdict).toBe('reject');
    expect((await b.post('/studio/lexicon/delete', { term: '线上赌盘' })).statusCode).toBe(303);
    expect(lexiconHits('线上赌盘')).toEqual([]);
    await app.close();
  });
});
