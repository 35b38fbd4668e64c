/** The channels a new site starts with, in navigation order (as on NetEase's portal). */
export const DEFAULT_CHANNELS = [
  { slug: 'tech', name: '科技' },
  { slug: 'news', name: '头条' },
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
}
