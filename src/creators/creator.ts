import { z } from 'zod';

export const ACCOUNT_TYPES = ['individual', 'media', 'institution', 'enterprise'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = {
  individual: '个人',
  media: '媒体',
  institution: '机构',
  enterprise: '企业',
};

/** Handles are URL segments: lower-case ASCII letters, digits, `_` and `-`, 3–30 long. */
export const HandleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{2,29}$/, '账号名须为 3–30 位小写字母、数字、下划线或连字符');

export const CreateCreatorSchema = z.object({
  userId: z.uuid(),
  handle: HandleSchema,
  displayName: z.string().trim().min(1, '请填写名称').max(30, '名称最多 30 个字符'),
  tagline: z.string().trim().max(60, '简介最多 60 个字符').default(''),
  bio: z.string().trim().max(2000, '介绍最多 2000 个字符').default(''),
  accountType: z.enum(ACCOUNT_TYPES).default('individual'),
  focusChannels: z.array(z.string()).max(11).default([]),
});
export type CreateCreatorInput = z.input<typeof CreateCreatorSchema>;

export interface Creator {
  readonly id: string;
  readonly userId: string;
  readonly handle: string;
  readonly displayName: string;
  readonly tagline: string;
  readonly bio: string;
  /** An uploaded avatar (media image), or null: the generated initial is shown. */
  readonly avatarImageId?: string | null;
  readonly accountType: AccountType;
  readonly focusChannels: readonly string[];
}

export interface CreatorWithStats extends Creator {
  /** 文章数: published articles. */
  readonly articleCount: number;
  /** 关注度: followers. */
  readonly followerCount: number;
}
