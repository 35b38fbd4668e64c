/**
 * What every import source is read into before anything is written: people,
 * articles with their comments, and items the source itself tells us to
 * leave out. Readers (wordpress.ts, ghost.ts, markdown-folder.ts, rss.ts)
 * yield these one at a time, so a large file never sits in memory whole.
 */
export const IMPORT_FORMATS = ['wordpress', 'ghost', 'markdown', 'rss', 'byline'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What the report counts, one line each. */
export const IMPORT_KINDS = ['authors', 'articles', 'pages', 'comments', 'images'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The kinds and outcomes as the report shows them (CLI, console). */
export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, string>> = {
  authors: '作者',
  articles: '文章',
  pages: '页面',
  comments: '评论',
  images: '图片',
};
export const IMPORT_OUTCOME_LABELS: Readonly<Record<ImportReportItem['outcome'], string>> = {
  skipped: '跳过',
  failed: '失败',
  held: '待审',
  external: '外链',
};

/**
 * A channel map as given (`{"来源分类": "频道标识或名称"}`, JSON text), or
 * undefined with the reason when it is not one.
 */
export function parseChannelMap(text: string): { map: Record<string, string> } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { error: `不是有效的 JSON（${(err as Error).message}）` };
  }
  if (
    !json ||
    typeof json !== 'object' ||
    Array.isArray(json) ||
    Object.values(json).some((v) => typeof v !== 'string')
  )
    return { error: '应是一个 JSON 对象：{"来源分类": "频道标识或名称", …}' };
  return { map: json as Record<string, string> };
}

export interface SourcePerson {
  /** Identity in the source, unique within it (`wordpress:<site>:author:admin`). */
  readonly key: string;
  /** Where it is in the source (`第 3 个作者`, a file name) for the report. */
  readonly position: string;
  readonly displayName: string;
  readonly email?: string;
  /** The login or slug, the preferred 账号名 when it fits. */
  readonly login?: string;
}

export interface SourceComment {
  readonly key: string;
  readonly parentKey?: string;
  readonly authorName: string;
  readonly authorEmail?: string;
  readonly body: string;
  readonly createdAt?: Date;
  /** Approved in the source: shown; else waits for an editor here. */
  readonly approved: boolean;
}

export interface SourceArticle {
  readonly key: string;
  readonly position: string;
  readonly kind: 'articles' | 'pages';
  readonly title: string;
  readonly bodyMarkdown: string;
  readonly status: 'published' | 'draft' | 'scheduled';
  /** When it went (or goes) out; drafts keep it as written-at only in the report. */
  readonly publishedAt?: Date;
  readonly authorKey?: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly comments: readonly SourceComment[];
  /** Old addresses on the source site (paths or URLs), answered here with a 301. */
  readonly oldLinks: readonly string[];
  /** A featured image: downloaded when reachable, else kept as a reference in the report. */
  readonly coverUrl?: string;
  /** An RSS item's link, or a 转载 source. */
  readonly sourceUrl?: string;
  readonly sourceName?: string;
  readonly summary?: string;
}

/** An item the source holds that is not carried over, with why (private posts, spam comments…). */
export interface SourceSkip {
  readonly kind: ImportKind;
  readonly position: string;
  readonly reason: string;
}

export type SourceRecord =
  | { readonly type: 'person'; readonly person: SourcePerson }
  | { readonly type: 'article'; readonly article: SourceArticle }
  | { readonly type: 'skip'; readonly skip: SourceSkip }
  | { readonly type: 'fail'; readonly fail: SourceSkip };

export interface KindCounts {
  imported: number;
  skipped: number;
  failed: number;
}

export interface ImportReportItem {
  readonly kind: ImportKind;
  readonly position: string;
  readonly outcome: 'skipped' | 'failed' | 'held' | 'external';
  readonly reason: string;
}

/** The final report: per kind, and every item not imported as is, with why. */
export interface SiteImportReport {
  readonly format: ImportFormat;
  readonly counts: Record<ImportKind, KindCounts>;
  readonly items: ImportReportItem[];
  /** Images that could not be fetched, kept as links to their old address. */
  readonly external: string[];
  fingerprinted: number;
  /** Seconds spent reading and writing, and fingerprinting (the CLI adds indexing). */
  timings?: { readAndWriteSeconds: number; fingerprintSeconds: number; indexSeconds?: number };
}

export function emptyReport(format: ImportFormat): SiteImportReport {
  const counts = {} as Record<ImportKind, KindCounts>;
  for (const k of IMPORT_KINDS) counts[k] = { imported: 0, skipped: 0, failed: 0 };
  return { format, counts, items: [], external: [], fingerprinted: 0 };
}

/** Parses a date a source wrote, or undefined (WordPress writes `0000-00-00 00:00:00` for none). */
export function sourceDate(value: unknown, utc = true): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const text = String(value).trim();
  if (text.startsWith('0000-00-00')) return undefined;
  const plain = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text);
  const date = new Date(plain ? `${text.replace(' ', 'T')}${utc ? 'Z' : ''}` : text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
