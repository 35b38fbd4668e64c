import type { CreatorWithStats } from '../../creators/index.js';
import { ACCOUNT_TYPE_LABELS, messages as m } from '../messages.js';
import { authorPath, href, type PageContext } from '../page-context.js';
import { Csrf } from './form.js';

export function Avatar({ handle, size }: { handle: string; size: number }): JSX.Element {
  return (
    <img
      class="avatar"
      src={`/avatar/${handle}.svg`}
      width={String(size)}
      height={String(size)}
      alt=""
    />
  );
}

/** Name, tagline, live 文章数 and 关注度, and the follow button. */
export function AuthorCard({
  ctx,
  creator,
  following,
}: {
  ctx: PageContext;
  creator: CreatorWithStats;
  following?: boolean;
}): JSX.Element {
  const path = authorPath(creator.handle);
  return (
    <section class="author-card" aria-labelledby="author-card-name">
      <div class="who">
        <Avatar handle={creator.handle} size={56} />
        <div>
          <h2 id="author-card-name" class="name">
            <a href={href(ctx, path)} safe>
              {creator.displayName}
            </a>
          </h2>
          <p class="tagline" safe>
            {creator.tagline}
          </p>
        </div>
      </div>
      <CreatorCounts creator={creator} />
      <FollowButton ctx={ctx} handle={creator.handle} following={following} />
    </section>
  );
}

/** 文章数 · 关注度 · 账号类型, live counts. */
export function CreatorCounts({ creator }: { creator: CreatorWithStats }): JSX.Element {
  return (
    <dl class="counts">
      <div>
        <dt>{m.articles}</dt>
        <dd safe>{String(creator.articleCount)}</dd>
      </div>
      <div>
        <dt>{m.followers}</dt>
        <dd data-follower-count safe>
          {String(creator.followerCount)}
        </dd>
      </div>
      <div>
        <dt>{m.accountType}</dt>
        <dd>{ACCOUNT_TYPE_LABELS[creator.accountType]}</dd>
      </div>
    </dl>
  );
}

/** 关注 / 已关注: a form, so it works without JavaScript. */
export function FollowButton(p: {
  ctx: PageContext;
  handle: string;
  following?: boolean;
}): JSX.Element {
  // A creator does not follow itself: its own page shows a link to edit the profile instead.
  if (p.ctx.viewer?.creator?.handle === p.handle)
    return (
      <p class="follow-self">
        <a href={href(p.ctx, '/me/profile')}>编辑资料</a>
      </p>
    );
  return (
    <form
      method="post"
      action={href(p.ctx, `${authorPath(p.handle)}/follow`)}
      class="follow-form"
      data-slot={p.ctx.viewer ? undefined : `follow:${p.handle}`}
    >
      <Csrf ctx={p.ctx} />
      <input type="hidden" name="next" value={href(p.ctx, p.ctx.path)} />
      <button type="submit" class="follow" aria-pressed={p.following ? 'true' : 'false'}>
        {p.following ? '已关注' : m.follow}
      </button>
    </form>
  );
}
