/** The studio home: a creator's articles with their counts, daily statistics and notices. */
import { articlePath, href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { trustedSvg } from '../views/trusted-html.js';
import { barChartSvg } from '../views/chart.js';
import type { DailyStats } from '../../engagement/index.js';
import type { CreatorNotice } from '../../moderation/index.js';

export const STATUS_LABELS = {
  draft: '草稿',
  scheduled: '定时发布',
  published: '已发布',
  removed: '已删除',
  held: '审核中',
} as const;

export interface StudioRow {
  readonly id: string;
  readonly title: string;
  readonly status: keyof typeof STATUS_LABELS;
  readonly publishedAt: Date | null;
  readonly scheduledAt: Date | null;
  readonly updatedAt: Date;
  readonly views: number;
  readonly shares: number;
  readonly comments: number;
  readonly likes: number;
}

export function StudioPage({
  ctx,
  rows,
  daily,
  followers,
  notices = [],
}: {
  ctx: PageContext;
  rows: readonly StudioRow[];
  daily: readonly DailyStats[];
  notices?: readonly CreatorNotice[];
  followers: number;
}): JSX.Element {
  return (
    <Layout
      ctx={ctx}
      title={`创作者工作台 - ${ctx.settings.platformName}`}
      description="创作者工作台"
      noindex
    >
      <h1>创作者工作台</h1>
      <StudioActions ctx={ctx} />
      {notices.length > 0 ? <StudioNotices ctx={ctx} notices={notices} /> : ''}
      {ctx.viewer?.creator ? <StudioStats daily={daily} followers={followers} /> : ''}
      {rows.length === 0 ? <p>还没有文章。</p> : <StudioTable ctx={ctx} rows={rows} />}
      <form method="post" action={href(ctx, '/signout/all')} class="inline">
        <Csrf ctx={ctx} />
        <button type="submit">退出所有设备</button>
      </form>
    </Layout>
  );
}

/** The links at the top: 写文章 for creators, the editors' and admins' desks. */
function StudioActions({ ctx }: { ctx: PageContext }): JSX.Element {
  const isEditor = ctx.viewer?.role === 'editor' || ctx.viewer?.role === 'admin';
  return (
    <p class="actions">
      {ctx.viewer?.creator ? (
        <a class="button primary" href={href(ctx, '/studio/new')}>
          写文章
        </a>
      ) : (
        ''
      )}
      {isEditor ? <a href={href(ctx, '/studio/admin')}>管理后台</a> : ''}
      {ctx.viewer?.creator ? <a href={href(ctx, '/studio/images')}>图片库</a> : ''}
      {ctx.viewer?.creator ? (
        <a href={href(ctx, '/studio/export')} download="">
          导出我的内容
        </a>
      ) : (
        ''
      )}
      {isEditor ? <a href={href(ctx, '/studio/moderation')}>审核台</a> : ''}
      {isEditor ? <a href={href(ctx, '/studio/review')}>入驻审核</a> : ''}
      {isEditor ? <a href={href(ctx, '/studio/comments')}>跟贴审核</a> : ''}
      {ctx.viewer?.role === 'admin' ? <a href={href(ctx, '/studio/dictionary')}>分词词典</a> : ''}
      {ctx.viewer?.role === 'admin' ? <a href={href(ctx, '/studio/lexicon')}>垃圾信息词库</a> : ''}
      {ctx.viewer?.role === 'admin' ? <a href={href(ctx, '/studio/mail')}>邮件</a> : ''}
    </p>
  );
}

/** The 通知 section: the creator's articles that were found copied elsewhere. */
function StudioNotices({
  ctx,
  notices,
}: {
  ctx: PageContext;
  notices: readonly CreatorNotice[];
}): JSX.Element {
  return (
    <section aria-labelledby="notices-heading" class="notices">
      <h2 id="notices-heading">通知</h2>
      <ul>
        {notices.map((n) => (
          <li>
            <time datetime={n.createdAt.toISOString()} safe>
              {formatDateTime(n.createdAt)}
            </time>{' '}
            您的文章
            <a href={href(ctx, articlePath(n.articleId ?? ''))} safe>
              {`《${n.articleTitle ?? ''}》`}
            </a>
            疑似被
            <a href={href(ctx, `/studio/articles/${n.articleId ?? ''}/originality`)} safe>
              {`《${n.otherTitle ?? ''}》`}
            </a>
            转载或抄袭，原创声明已为您保护。
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 数据概览: the 30-day totals and the daily reads chart. */
function StudioStats({
  daily,
  followers,
}: {
  daily: readonly DailyStats[];
  followers: number;
}): JSX.Element {
  const safeChart = trustedSvg(
    barChartSvg(
      '近 30 天每日阅读',
      daily.map((d) => ({ label: d.day.slice(5), value: d.views })),
    ),
  );
  const sum = (k: 'views' | 'shares' | 'comments' | 'followers') =>
    daily.reduce((n, d) => n + d[k], 0);
  return (
    <section aria-labelledby="stats-heading" class="stats">
      <h2 id="stats-heading">数据概览（近 30 天）</h2>
      <dl class="counts">
        <div>
          <dt>阅读</dt>
          <dd safe>{String(sum('views'))}</dd>
        </div>
        <div>
          <dt>分享</dt>
          <dd safe>{String(sum('shares'))}</dd>
        </div>
        <div>
          <dt>评论</dt>
          <dd safe>{String(sum('comments'))}</dd>
        </div>
        <div>
          <dt>新增关注</dt>
          <dd safe>{String(sum('followers'))}</dd>
        </div>
        <div>
          <dt>关注度</dt>
          <dd safe>{String(followers)}</dd>
        </div>
      </dl>
      <figure class="chart-figure">
        {safeChart}
        <figcaption>近 30 天每日阅读（按北京时间日期汇总）</figcaption>
      </figure>
    </section>
  );
}

/** 我的文章: the creator's articles with status, time and counts. */
function StudioTable({ ctx, rows }: { ctx: PageContext; rows: readonly StudioRow[] }): JSX.Element {
  return (
    <table class="studio-table">
      <caption>我的文章</caption>
      <thead>
        <tr>
          <th scope="col">标题</th>
          <th scope="col">状态</th>
          <th scope="col">时间</th>
          <th scope="col">阅读</th>
          <th scope="col">分享</th>
          <th scope="col">评论</th>
          <th scope="col">点赞</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={href(ctx, `/studio/articles/${r.id}/edit`)} safe>
                {r.title}
              </a>
            </td>
            <td>{STATUS_LABELS[r.status]}</td>
            <td safe>
              {formatDateTime(
                r.status === 'scheduled' && r.scheduledAt
                  ? r.scheduledAt
                  : (r.publishedAt ?? r.updatedAt),
              )}
            </td>
            <td safe>{String(r.views)}</td>
            <td safe>{String(r.shares)}</td>
            <td safe>{String(r.comments)}</td>
            <td safe>{String(r.likes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
