/** Creators for readers: an author's page and following them; the articles of those followed; the list of authors. */
import type { FastifyPluginAsync } from 'fastify';
import { listPublishedArticles, withRefs } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import {
  findCreatorByHandle,
  findRenamedHandle,
  getCreatorByHandleOrThrow,
  isFollowing,
  listCreators,
  listFollowedCreatorIds,
  toggleFollow,
} from '../../creators/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, HandleParams } from '../../http/schemas.js';
import { safeNext } from '../../http/redirect.js';
import { AppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { AuthorPage } from '../pages/author.js';
import { AuthorsPage, FollowingPage } from '../pages/simple.js';
import { addCacheTags } from '../page-cache-hooks.js';
import { cursorOrThrow, PAGE_SIZE, pageOf, PageQuery } from './paging.js';

const FollowForm = formBody({ next: formText(2000) });

/** An author's page (an old handle answers 301), and following (or unfollowing) the author. */
export const authorRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/author/:handle',
    {
      schema: { params: HandleParams, querystring: PageQuery },
      config: { notFound: 'CREATOR_NOT_FOUND' },
    },
    async (request, reply) => {
      const { handle } = request.params;
      const { before } = request.query;
      const creator = await findCreatorByHandle(db, handle);
      if (!creator) {
        // A creator who changed their handle: the old address keeps working, permanently moved.
        const renamed = await findRenamedHandle(db, handle);
        if (!renamed) throw new AppError('CREATOR_NOT_FOUND', `创作者不存在：${handle}`);
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        return reply.redirect(request.href(`/author/${renamed}${query}`), 301);
      }
      const cursor = cursorOrThrow(before);
      addCacheTags(request, `author:${creator.id}`);
      const pageCtx = await request.pageContext();
      const rows = await listPublishedArticles(db, {
        authorId: creator.id,
        before: cursor,
        limit: PAGE_SIZE + 1,
      });
      const { items, next } = pageOf(rows);
      const following = request.viewer
        ? await isFollowing(db, request.viewer.id, creator.id)
        : false;
      return reply.render(
        AuthorPage({
          ctx: pageCtx,
          creator,
          items: await withRefs(db, items, pageCtx.channels),
          next,
          isFirst: !cursor,
          following,
        }),
      );
    },
  );

  app.post(
    '/author/:handle/follow',
    {
      schema: { params: HandleParams, body: FollowForm },
      config: { notFound: 'CREATOR_NOT_FOUND' },
    },
    async (request, reply) => {
      const creator = await getCreatorByHandleOrThrow(db, request.params.handle);
      // Back to where the button was (an article, the author's page), never elsewhere.
      const back = request.body.next ? safeNext(request.body.next) : `/author/${creator.handle}`;
      // CASE: following needs an account — send the reader to sign in and back.
      if (!request.viewer) return reply.signInFirst(back);
      await reply.limit(`reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
      const result = await toggleFollow(db, {
        userId: request.viewer.id,
        creatorId: creator.id,
        at: ctx.clock.now(),
      });
      if (request.headers.accept?.includes('application/json')) return result;
      return reply.seeOther(back);
    },
  );
};

/** The latest articles of the authors a reader follows, and the list of all authors. */
export const authorListRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/following', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst('/following');
    const pageCtx = await request.pageContext();
    const items = await listPublishedArticles(db, {
      authorIds: await listFollowedCreatorIds(db, request.viewer.id),
      limit: PAGE_SIZE,
    });
    return reply.render(
      FollowingPage({ ctx: pageCtx, items: await withRefs(db, items, pageCtx.channels) }),
    );
  });

  app.get('/authors', async (request, reply) => {
    const pageCtx = await request.pageContext();
    const creators = await listCreators(db);
    return reply.render(AuthorsPage({ ctx: pageCtx, creators }));
  });
};
