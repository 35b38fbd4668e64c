/**
 * The article editor's form: its fields (bounded only against abuse — the
 * article rules and their messages are the domain's), the intents of its
 * buttons, and the notices shown after each.
 */
import { z } from 'zod';
import { splitTagText, type ArticleDraftInput, type ArticleView } from '../../articles/index.js';
import { formBody, formFlag, formText } from '../../http/schemas.js';
import { AppError } from '../../shared/errors.js';
import type { EditorValues } from '../pages/editor.js';

/** Beijing time has no daylight saving: UTC+8 all year. */
const SHANGHAI_OFFSET = '+08:00';

/** What the editor can ask for with its buttons; anything else saves. */
export const INTENTS = ['save', 'publish', 'schedule', 'unpublish', 'delete'] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * The editor form. Bounds here are only against abuse (a body is at most
 * 2 MB anyway); the article rules and their messages are the domain's, so a
 * too-long title comes back on the form, not as an error page.
 */
export const EditorForm = formBody({
  title: formText(100_000),
  channel: formText(1000),
  summary: formText(100_000),
  bodyMarkdown: formText(2_000_000),
  coverImageId: formText(1000),
  claimOriginal: formFlag,
  publishAt: formText(100),
  tags: formText(2000),
  intent: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z.enum(INTENTS).default('save').catch('save'),
  ),
});
export type EditorForm = z.output<typeof EditorForm>;

export function editorValues(form: EditorForm): EditorValues {
  return {
    title: form.title,
    channel: form.channel,
    summary: form.summary,
    bodyMarkdown: form.bodyMarkdown,
    coverImageId: form.coverImageId.trim(),
    claimOriginal: form.claimOriginal,
    publishAt: form.publishAt,
    tags: form.tags,
  };
}

export function draftInput(v: EditorValues): ArticleDraftInput {
  return {
    title: v.title,
    channel: v.channel,
    summary: v.summary,
    bodyMarkdown: v.bodyMarkdown,
    coverImageId: v.coverImageId === '' ? null : v.coverImageId,
    claimOriginal: v.claimOriginal,
    tags: splitTagText(v.tags),
  };
}

export function valuesOf(a: ArticleView): EditorValues {
  return {
    title: a.title,
    channel: a.channel.slug,
    summary: a.summary,
    bodyMarkdown: a.bodySource,
    coverImageId: a.coverImageId ?? '',
    claimOriginal: a.originalityClaim,
    publishAt: '',
    tags: a.tags.join('、'),
  };
}

/** `2026-12-01T08:30` typed in Beijing time → a Date. */
export function parseShanghaiLocal(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'publishAt', message: '请填写定时发布的时间' }],
    });
  }
  return new Date(`${value}:00${SHANGHAI_OFFSET}`);
}

export const EDITOR_NOTICES: Record<string, string> = {
  save: '已保存',
  publish: '已发布',
  'publish-own': '已发布。提示：本文与您此前发表的文章高度重复。',
  repost:
    '已发布为转载：本文与其他创作者更早发表的文章高度重复，原创声明未通过，文章已注明来源并链接原文。',
  'held-copy':
    '已提交，等待编辑审核：本文与其他创作者更早发表的文章高度重复，原创声明未通过。可在“原创检测”中查看比对报告。',
  'held-spam': '已提交，等待编辑审核：内容中有疑似垃圾信息或隐藏文字。',
  schedule: '已设定定时发布',
  unpublish: '已撤回为草稿',
  autosave: '已自动保存',
  restored: '已恢复为所选的历史版本（保存为新版本）',
};
