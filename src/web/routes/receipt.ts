/** An article's originality receipt (原创凭证), as a page or as JSON. */
import type { FastifyPluginAsync } from 'fastify';
import { getPublishedArticleOrThrow } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams } from '../../http/schemas.js';
import { findReceipt, presentReceipt } from '../../originality/index.js';
import { AppError } from '../../shared/errors.js';
import { ReceiptPage } from '../pages/originality.js';

const articleRoute = {
  schema: { params: ArticleIdParams },
  config: { notFound: 'ARTICLE_NOT_FOUND' as const },
};

/** The receipt of a published article; NOT_FOUND until its fingerprint is recorded. */
async function getReceiptOrThrow(ctx: AppContext, id: string) {
  await getPublishedArticleOrThrow(ctx.database.db, id);
  const receipt = await findReceipt(ctx.database.db, id);
  // Published but not fingerprinted yet (the job runs every few seconds).
  if (!receipt) throw new AppError('NOT_FOUND', '原创凭证正在生成，请稍后再试');
  return receipt;
}

export const receiptRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/article/:id/receipt', articleRoute, async (request, reply) => {
    const receipt = await getReceiptOrThrow(ctx, request.params.id);
    if (/application\/json/.test(String(request.headers.accept ?? '')))
      return reply.type('application/json').send(presentReceipt(receipt));
    return reply.render(ReceiptPage({ ctx: await request.pageContext(), receipt }));
  });

  app.get('/article/:id/receipt.json', articleRoute, async (request, reply) => {
    const receipt = await getReceiptOrThrow(ctx, request.params.id);
    return reply.type('application/json').send(presentReceipt(receipt));
  });
};
