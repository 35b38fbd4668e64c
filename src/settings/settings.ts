import { z } from 'zod';

/**
 * Site settings an admin can change (stored in byline.site_settings, one row
 * per key; absent keys take these defaults, written for a Chinese platform).
 */
export const SiteSettingsSchema = z.object({
  /** The site, as in 网易 of 网易首页. */
  siteName: z.string().min(1).max(40),
  /** The creator platform, as in 网易号: the breadcrumb's middle link. */
  platformName: z.string().min(1).max(40),
  /** Text of the logo in the header. */
  logoText: z.string().min(1).max(40),
  /** One line under the logo and in meta descriptions of the portal. */
  tagline: z.string().max(120),
  footer: z.string().max(500),
  /** 特别声明, shown under every article. */
  noticeZh: z.string().max(1000),
  /** Notice, its English version, shown with it. */
  noticeEn: z.string().max(1000),
  /** Comments from accounts younger than this many hours wait for an editor (spam accounts are new). */
  commentHoldHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365),
  /**
   * A new article that copies another creator's earlier article: 'hold' for an
   * editor, or 'repost' — published marked 转载 with a link to the original.
   * Either way its 原创 claim is refused and the original's author is told.
   */
  copyPolicy: z.enum(['hold', 'repost']),
  /**
   * Sign-in waits until the address is verified (the link in the welcome
   * mail). Off by default: a new reader can comment at once.
   */
  emailVerification: z.boolean(),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  siteName: '署名',
  platformName: '署名号',
  logoText: '署名 Byline',
  tagline: '开源、可自托管的中文自媒体平台：创作者入驻发文，读者阅读、关注、分享与评论。',
  footer:
    '署名 Byline 开源自媒体平台。演示文章来自中文维基百科贡献者（经 CMRC 2018 与 DRCD 数据集），依 CC BY-SA 授权使用，详见各文章来源。',
  noticeZh:
    '特别声明：以上内容（如有图片或视频亦包括在内）为自媒体平台“署名号”用户上传并发布，本平台仅提供信息存储服务。',
  noticeEn:
    'Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of Byline, which is a self-media platform and only provides information storage services.',
  commentHoldHours: 24,
  copyPolicy: 'hold',
  emailVerification: false,
};
