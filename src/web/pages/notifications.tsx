/** 通知中心: the newest first, unread marked, each opening what it is about. */
import type { NotificationItem } from '../../notifications/index.js';
import { TYPE_INFO, isNotificationType } from '../../notifications/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { userAvatarSrc } from './me.js';

export function NotificationsPage(p: {
  ctx: PageContext;
  items: readonly NotificationItem[];
  unread: number;
  nextBefore: number | null;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={`通知 - ${ctx.settings.siteName}`} description="我的通知" noindex>
      <div class="notifications-head">
        <h1>通知</h1>
        <p class="meta" role="status">
          {p.unread > 0 ? `${p.unread} 条未读` : '没有未读通知'}
        </p>
        {p.unread > 0 ? (
          <form method="post" action={href(ctx, '/notifications/read-all')} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit">全部标为已读</button>
          </form>
        ) : (
          ''
        )}
        <a href={href(ctx, '/me/notifications')}>通知设置</a>
      </div>
      {p.items.length === 0 ? (
        <p>还没有通知。评论被回复、文章被评论、有人关注你时，都会在这里告诉你。</p>
      ) : (
        <ul class="notification-list">
          {p.items.map((n) => (
            <li class={n.read ? 'read' : 'unread'}>
              <img
                class="avatar"
                src={n.actor ? userAvatarSrc(n.actor) : '/assets/logo.svg'}
                width="40"
                height="40"
                alt=""
              />
              <div>
                <a href={href(ctx, `/notifications/${n.id}/open`)} safe>
                  {n.text}
                </a>
                <p class="meta">
                  {n.read ? '' : <span class="dot">未读 · </span>}
                  {isNotificationType(n.type) ? TYPE_INFO[n.type].label : ''} ·{' '}
                  <time datetime={n.createdAt.toISOString()} safe>
                    {formatDateTime(n.createdAt)}
                  </time>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {p.nextBefore ? (
        <p>
          <a href={href(ctx, `/notifications?before=${p.nextBefore}`)}>更早的通知</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}
