import { z } from 'zod';

/** The channels a new site starts with, in navigation order: 头条 first, as on Toutiao and NetEase. */
export const DEFAULT_CHANNELS = [
  { slug: 'news', name: '头条' },
  { slug: 'tech', name: '科技' },
  { slug: 'sports', name: '体育' },
  { slug: 'ent', name: '娱乐' },
  { slug: 'money', name: '财经' },
  { slug: 'auto', name: '汽车' },
  { slug: 'mobile', name: '手机' },
  { slug: 'fashion', name: '时尚' },
  { slug: 'travel', name: '旅游' },
  { slug: 'art', name: '艺术' },
  { slug: 'local', name: '本地' },
] as const;

export interface Channel {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly position: number;
  /** Left out of the navigation by an admin (its pages stay reachable). */
  readonly hidden: boolean;
  readonly description: string;
}

/** Channel slugs are URL segments: lower-case ASCII letters, digits and `-`, 2–30 long. */
export const ChannelSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,29}$/,
    '频道标识须为 2–30 位小写字母、数字或连字符，以字母或数字开头',
  );

export const ChannelInputSchema = z.object({
  slug: ChannelSlugSchema,
  name: z.string().trim().min(1, '请填写频道名称').max(10, '频道名称最多 10 个字符'),
  description: z.string().trim().max(200, '频道简介最多 200 个字符').default(''),
  hidden: z.boolean().default(false),
});
export type ChannelInput = z.input<typeof ChannelInputSchema>;

export const ChannelChangeSchema = z.object({
  name: z.string().trim().min(1, '请填写频道名称').max(10, '频道名称最多 10 个字符').optional(),
  description: z.string().trim().max(200, '频道简介最多 200 个字符').optional(),
  hidden: z.boolean().optional(),
  /** 1-based place in the navigation; the others move to make room. */
  position: z.number().int().min(1, '位置从 1 开始').max(100, '位置最大为 100').optional(),
});
export type ChannelChange = z.input<typeof ChannelChangeSchema>;
