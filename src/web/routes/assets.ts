/** Static assets from memory, and generated avatars. */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { findCreatorByHandle } from '../../creators/index.js';
import { initialAvatarSvg } from '../avatar.js';

/** Asset URLs carry ?v=; a changed file gets a new version, so a long cache is safe. */
const ASSET_MAX_AGE_S = 30 * 86_400;
/** Avatars change when a profile does: a new upload or name shows within five minutes. */
const AVATAR_REDIRECT_MAX_AGE_S = 300;
const AVATAR_MAX_AGE_S = 300;

interface Asset {
  readonly type: string;
  /** What is served: scripts and the stylesheet minified, once, at start. */
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const SVG = 'image/svg+xml';

const ASSETS: Record<string, Asset> = Object.fromEntries(
  (
    [
      ['site.css', CSS],
      ['site.js', JS],
      ['read-aloud.js', JS],
      ['prefs.js', JS],
      ['studio.js', JS],
      ['logo.svg', SVG],
      ['cursor.svg', SVG],
      ['pointer.svg', SVG],
    ] as const
  ).map(([name, type]) => [name, asset(name, type)]),
);

function asset(name: string, type: string): Asset {
  const source = readFileSync(new URL(`../assets/${name}`, import.meta.url), 'utf8');
  const loader = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : undefined;
  // Minified as written: no syntax is lowered or raised, comments and whitespace go.
  const text = loader
    ? transformSync(source, { loader, minify: true, charset: 'utf8' }).code
    : source;
  const body = Buffer.from(text);
  return {
    type,
    body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

/** Sizes of the served assets (budgets are tested against these). */
export function assetSizes(): Record<string, number> {
  return Object.fromEntries(Object.entries(ASSETS).map(([k, v]) => [k, v.body.length]));
}

const AssetParams = z.object({ name: z.string().max(64) });
const AvatarParams = z.object({ file: z.string().regex(/^[a-z0-9_-]{3,30}\.svg$/) });

export const assetRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/assets/:name', { schema: { params: AssetParams } }, async (request, reply) => {
    const asset = Object.hasOwn(ASSETS, request.params.name)
      ? ASSETS[request.params.name]
      : undefined;
    if (!asset) return reply.callNotFound();
    const accept = String(request.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
    if (encoding) reply.header('content-encoding', encoding);
    return reply
      .type(asset.type)
      .header('vary', 'Accept-Encoding')
      .header('cache-control', `public, max-age=${ASSET_MAX_AGE_S}, immutable`)
      .send(encoding ? asset[encoding] : asset.body);
  });

  // Browsers and feed readers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', async (_request, reply) =>
    reply
      .type('image/svg+xml')
      .header('cache-control', `public, max-age=${ASSET_MAX_AGE_S}`)
      .send(ASSETS['logo.svg']!.body),
  );

  app.get('/avatar/:file', { schema: { params: AvatarParams } }, async (request, reply) => {
    const creator = await findCreatorByHandle(ctx.database.db, request.params.file.slice(0, -4));
    if (!creator) return reply.callNotFound();
    // An uploaded avatar: its 128-px variant (the name stays the link, so pages need no change).
    if (creator.avatarImageId)
      return reply
        .header('cache-control', `public, max-age=${AVATAR_REDIRECT_MAX_AGE_S}`)
        .redirect(`/media/${creator.avatarImageId}/128.webp`, 302);
    return reply
      .type('image/svg+xml')
      .header('cache-control', `public, max-age=${AVATAR_MAX_AGE_S}`)
      .send(initialAvatarSvg(creator.handle, creator.displayName));
  });
};
