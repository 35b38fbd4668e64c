/**
 * 个人信息副本 (PIPL art. 45): everything an account wrote and chose, as a
 * zip of JSON files and one Markdown file per article (front matter +
 * the text as written), readable without this software.
 */
import { strToU8, zipSync } from 'fflate';
import { getProfile } from '../accounts/index.js';
import { exportArticlesOf, getArticleFacts } from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import { exportCreatorDataOf } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { exportEngagementOf } from '../engagement/index.js';
import { exportNotificationsOf } from '../notifications/index.js';

const json = (v: unknown) => strToU8(`${JSON.stringify(v, null, 2)}\n`);

/** A YAML front matter value: JSON is YAML, and it keeps every character as it is. */
const yaml = (v: unknown) => JSON.stringify(v ?? null);

const README = `这是你在署名平台上的个人数据副本。

profile.json        账号资料（邮箱、昵称、简介、头像、角色、注册时间）与创作者主页资料
applications.json   创作者入驻申请
articles.json       文章列表（全部状态）；articles/ 下每篇一个 Markdown 文件（正文为原文）
comments.json       你写的评论（含所在文章）
likes.json          你点赞的评论
article-likes.json  你点赞的文章
bookmarks.json      你的收藏
history.json        你的阅读历史（每篇文章最近一次阅读的时间）
reports.json        你提交的评论举报
following.json      你关注的创作者
notifications.json  你收到的通知与通知设置

所有时间均为 UTC（ISO 8601）。
`;

export async function exportAccount(
  db: Queryable,
  userId: string,
  now: Date,
): Promise<{ filename: string; bytes: Uint8Array }> {
  const profile = await getProfile(db, userId);
  const creator = await exportCreatorDataOf(db, userId);
  const engagement = await exportEngagementOf(db, userId);
  const articles = creator.profile ? await exportArticlesOf(db, creator.profile.id) : [];
  const notifications = await exportNotificationsOf(db, userId);
  const channels = new Map((await listChannels(db)).map((c) => [c.id, c.slug]));
  const titles = await getArticleFacts(
    db,
    [
      ...engagement.comments,
      ...engagement.articleLikes,
      ...engagement.bookmarks,
      ...engagement.history,
    ].map((c) => c.articleId),
  );
  const withTitle = <T extends { articleId: string }>(list: readonly T[]) =>
    list.map((e) => ({ ...e, articleTitle: titles.get(e.articleId)?.title ?? null }));
  const root = `byline-export-${now.toISOString().slice(0, 10)}`;
  const files: Record<string, Uint8Array> = {
    [`${root}/README.txt`]: strToU8(README),
    [`${root}/profile.json`]: json({ account: profile, creator: creator.profile }),
    [`${root}/applications.json`]: json(creator.applications),
    [`${root}/articles.json`]: json(
      articles.map(({ bodyMarkdown: _body, channelId, ...a }) => ({
        ...a,
        channel: channels.get(channelId) ?? null,
        file: `articles/${a.id}.md`,
      })),
    ),
    [`${root}/comments.json`]: json(
      engagement.comments.map((c) => ({
        ...c,
        articleTitle: titles.get(c.articleId)?.title ?? null,
      })),
    ),
    [`${root}/likes.json`]: json(engagement.likes),
    [`${root}/article-likes.json`]: json(withTitle(engagement.articleLikes)),
    [`${root}/bookmarks.json`]: json(withTitle(engagement.bookmarks)),
    [`${root}/history.json`]: json(withTitle(engagement.history)),
    [`${root}/reports.json`]: json(engagement.reports),
    [`${root}/following.json`]: json(creator.following),
    [`${root}/notifications.json`]: json(notifications),
  };
  for (const a of articles) {
    const front = [
      '---',
      `title: ${yaml(a.title)}`,
      `summary: ${yaml(a.summary)}`,
      `status: ${yaml(a.status)}`,
      `channel: ${yaml(channels.get(a.channelId))}`,
      `original: ${yaml(a.originalityClaim)}`,
      `source_name: ${yaml(a.sourceName)}`,
      `source_url: ${yaml(a.sourceUrl)}`,
      `created_at: ${yaml(a.createdAt.toISOString())}`,
      `published_at: ${yaml(a.publishedAt?.toISOString())}`,
      '---',
      '',
    ].join('\n');
    files[`${root}/articles/${a.id}.md`] = strToU8(`${front}${a.bodyMarkdown}\n`);
  }
  return { filename: `${root}.zip`, bytes: zipSync(files, { level: 6 }) };
}
