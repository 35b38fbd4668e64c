/**
 * The personal parts of a shared page. Reader pages render the same for
 * everyone (the signed-out page), so one cached copy serves every reader and a
 * CDN may keep it; each personal part is a slot (`data-slot="…"`) that a
 * signed-in reader's script fills from `GET /api/v1/me/page-state`:
 *
 * - `account`: the bell with its unread count and the account menu (for 登录);
 * - `apply`: 申请入驻, or nothing for creators and staff;
 * - `follow:<handle>`: 关注 / 已关注 (or 编辑资料 on one's own page);
 * - `reactions:<articleId>`: 点赞 / 收藏 in the reader's state;
 * - `comments:<articleId>`: 跟贴 with the form, the reader's held comments and actions.
 *
 * Each slot is rendered by the same component as a personal page, in the
 * page's script, and carries the reader's CSRF token; the answer also gives
 * the token for the page's other forms. It is never cached by anyone.
 */
import type { Viewer } from '../accounts/index.js';
import { findArticle } from '../articles/index.js';
import type { AppContext } from '../context.js';
import { findCreatorByHandle, isFollowing } from '../creators/index.js';
import { getReaderState, listComments } from '../engagement/index.js';
import { countUnread } from '../notifications/index.js';
import type { WebShared } from './app.js';
import { ARTICLE_ID_PATTERN } from '../shared/ids.js';
import { VARIANT_PREFIX, type PageContext, type Variant } from './page-context.js';
import { csrfToken } from './session.js';
import { FollowButton } from './views/author-card.js';
import { Comments } from './views/comments.js';
import { AccountTools, ApplyLink } from './views/layout.js';
import { ReactionBar } from './views/reactions.js';

/** At most this many slots per answer (a page has four or five; the rest is ignored). */
export const MAX_SLOTS = 20;

export interface PageState {
  readonly signedIn: boolean;
  /** The reader's CSRF token for the page's other forms ('' signed out). */
  readonly csrf: string;
  readonly unread: number;
  /** Slot name → the HTML that replaces it (an empty string removes it). */
  readonly slots: Readonly<Record<string, string>>;
}

export interface PageStateRequest {
  readonly viewer: Viewer | null;
  /** The page's path as the browser shows it (with /zh-hant and the query). */
  readonly path: string;
  readonly slots: readonly string[];
  readonly care: boolean;
}

/** The page context of the page at `path`, as its signed-in reader would get it. */
async function contextFor(
  ctx: AppContext,
  shared: WebShared,
  viewer: Viewer,
  pagePath: string,
  care: boolean,
): Promise<PageContext> {
  const variant: Variant = /^\/zh-hant(?=\/|\?|$)/.test(pagePath) ? 'hant' : 'hans';
  const path = pagePath.slice(VARIANT_PREFIX[variant].length) || '/';
  const { settings, channels, navChannels } = await shared.frame.get();
  return {
    variant,
    care,
    settings,
    channels,
    navChannels,
    path,
    publicUrl: ctx.publicUrl ?? 'http://127.0.0.1:3000',
    viewer,
    csrf: csrfToken(shared.secret, viewer.sessionIdHash),
  };
}

/** A published article by a slot's id (anything else is no article). */
async function publishedArticle(ctx: AppContext, id: string) {
  if (!ARTICLE_ID_PATTERN.test(id)) return undefined;
  const article = await findArticle(ctx.database.db, id);
  return article?.status === 'published' ? article : undefined;
}

/** One slot's HTML, or undefined when the name is unknown or names nothing that exists. */
async function renderSlot(
  ctx: AppContext,
  page: PageContext,
  viewer: Viewer,
  name: string,
  unread: number,
): Promise<string | undefined> {
  const db = ctx.database.db;
  const colon = name.indexOf(':');
  const kind = colon === -1 ? name : name.slice(0, colon);
  const arg = colon === -1 ? '' : name.slice(colon + 1);
  switch (kind) {
    case 'account':
      return String(await (<AccountTools ctx={page} unread={unread} />));
    case 'apply':
      return String(await (<ApplyLink ctx={page} />));
    case 'follow': {
      const creator = /^[a-z0-9_-]{1,64}$/i.test(arg)
        ? await findCreatorByHandle(db, arg)
        : undefined;
      if (!creator) return undefined;
      const following = await isFollowing(db, viewer.id, creator.id);
      return String(
        await (<FollowButton ctx={page} handle={creator.handle} following={following} />),
      );
    }
    case 'reactions': {
      const article = await publishedArticle(ctx, arg);
      if (!article) return undefined;
      const state = await getReaderState(db, viewer.id, article.id);
      return String(
        await (
          <ReactionBar
            ctx={page}
            articleId={article.id}
            likes={article.stats.likes}
            liked={state.liked}
            bookmarked={state.bookmarked}
          />
        ),
      );
    }
    case 'comments': {
      const article = await publishedArticle(ctx, arg);
      if (!article) return undefined;
      const sort = /[?&]comments=quality(?:&|$)/.test(page.path) ? 'quality' : 'time';
      const list = await listComments(db, article.id, { sort, viewerId: viewer.id });
      const canModerate =
        viewer.creator?.id === article.authorId ||
        viewer.role === 'editor' ||
        viewer.role === 'admin';
      return String(
        await (
          <Comments
            ctx={page}
            articleId={article.id}
            comments={list}
            total={article.stats.comments}
            sort={sort}
            canModerate={canModerate}
          />
        ),
      );
    }
    default:
      return undefined;
  }
}

/** The reader's state for the slots of one page. */
export async function renderPageState(
  ctx: AppContext,
  shared: WebShared,
  request: PageStateRequest,
): Promise<PageState> {
  const { viewer } = request;
  if (!viewer) return { signedIn: false, csrf: '', unread: 0, slots: {} };
  const page = await contextFor(ctx, shared, viewer, request.path, request.care);
  const unread = await countUnread(ctx.database.db, viewer.id);
  const names = [...new Set(request.slots)].slice(0, MAX_SLOTS);
  const rendered = await Promise.all(
    names.map((name) => renderSlot(ctx, page, viewer, name, unread)),
  );
  const slots: Record<string, string> = {};
  names.forEach((name, i) => {
    const html = rendered[i];
    if (html === undefined) return;
    slots[name] = page.variant === 'hant' ? shared.scripts.toTraditional(html) : html;
  });
  return { signedIn: true, csrf: page.csrf, unread, slots };
}
