/**
 * The whole product's tables, in one PostgreSQL schema (`byline`) so Byline
 * never touches other schemas of a shared database. Times are `timestamptz`
 * and stored in UTC. Later issues add tables through new migrations.
 *
 * Indexes are declared here (never added by hand) so drizzle-kit generates them.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const byline = pgSchema('byline');

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const userRole = byline.enum('user_role', ['reader', 'creator', 'editor', 'admin']);
export const userStatus = byline.enum('user_status', ['active', 'suspended']);
/** 个人 individual · 媒体 media · 机构 institution · 企业 enterprise */
export const accountType = byline.enum('account_type', [
  'individual',
  'media',
  'institution',
  'enterprise',
]);
export const applicationStatus = byline.enum('application_status', [
  'pending',
  'approved',
  'rejected',
]);
export const articleStatus = byline.enum('article_status', [
  'draft',
  'scheduled',
  'published',
  'removed',
  // Submitted for publishing but held for an editor (a copy of another creator's article, spam signals).
  'held',
]);
/** How body_source is written: plain paragraphs (imports) or Markdown (studio). */
export const bodyFormat = byline.enum('body_format', ['text', 'markdown']);

export const users = byline.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    /** argon2id PHC string; null for accounts that cannot sign in (demo creators). */
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    role: userRole('role').notNull().default('reader'),
    status: userStatus('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const sessions = byline.table(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself is only in the cookie. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const images = byline.table(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Path relative to the uploads directory (or object-store key). */
    storageKey: text('storage_key').notNull(),
    mimeType: text('mime_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    alt: text('alt').notNull().default(''),
    caption: text('caption').notNull().default(''),
    /** Widths of the WebP variants written next to the fallback, ascending. */
    variants: jsonb('variants').$type<number[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('images_storage_key_key').on(t.storageKey),
    index('images_owner_idx').on(t.ownerId),
  ],
);

export const channels = byline.table(
  'channels',
  {
    id: smallint('id').primaryKey().generatedAlwaysAsIdentity(),
    /** URL segment, ASCII: `/channel/{slug}`. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Navigation order, ascending. */
    position: smallint('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('channels_slug_key').on(t.slug),
    index('channels_position_idx').on(t.position),
  ],
);

export const creatorProfiles = byline.table(
  'creator_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** URL segment: `/author/{handle}`; ASCII, stored lower-cased. */
    handle: text('handle').notNull(),
    displayName: text('display_name').notNull(),
    tagline: text('tagline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    avatarImageId: uuid('avatar_image_id').references(() => images.id, { onDelete: 'set null' }),
    accountType: accountType('account_type').notNull().default('individual'),
    /** Channel slugs the creator mainly writes for. */
    focusChannels: jsonb('focus_channels').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('creator_profiles_handle_key').on(t.handle),
    uniqueIndex('creator_profiles_user_key').on(t.userId),
  ],
);

export const creatorApplications = byline.table(
  'creator_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    handle: text('handle').notNull(),
    accountType: accountType('account_type').notNull(),
    tagline: text('tagline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    focusChannels: jsonb('focus_channels').$type<string[]>().notNull().default([]),
    sampleLinks: jsonb('sample_links').$type<string[]>().notNull().default([]),
    contact: text('contact').notNull().default(''),
    status: applicationStatus('status').notNull().default('pending'),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('creator_applications_status_idx').on(t.status, t.createdAt),
    index('creator_applications_user_idx').on(t.userId),
  ],
);

export const articles = byline.table(
  'articles',
  {
    /** 12 random characters (see shared/ids.ts): URL-safe, not guessable in sequence. */
    id: text('id').primaryKey(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => creatorProfiles.id, { onDelete: 'restrict' }),
    channelId: smallint('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyFormat: bodyFormat('body_format').notNull(),
    bodySource: text('body_source').notNull(),
    /** Sanitized HTML rendered from body_source; the only raw HTML a page inserts. */
    bodyHtml: text('body_html').notNull(),
    status: articleStatus('status').notNull().default('draft'),
    coverImageId: uuid('cover_image_id').references(() => images.id, { onDelete: 'set null' }),
    /** 原创声明: the author claims this is original work. */
    originalityClaim: boolean('originality_claim').notNull().default(false),
    /** 来源: where the text comes from, shown on the page (e.g. a licence attribution). */
    sourceName: text('source_name').notNull().default(''),
    sourceUrl: text('source_url').notNull().default(''),
    /** Id in the system an article was imported from (e.g. `drcd-1147`); unique when set. */
    externalId: text('external_id'),
    revision: integer('revision').notNull().default(1),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('articles_external_id_key').on(t.externalId),
    index('articles_published_idx').on(
      t.status,
      t.publishedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('articles_channel_published_idx').on(
      t.channelId,
      t.status,
      t.publishedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('articles_author_updated_idx').on(t.authorId, t.updatedAt.desc(), t.id.desc()),
    index('articles_author_published_idx').on(
      t.authorId,
      t.status,
      t.publishedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('articles_scheduled_idx')
      .on(t.scheduledAt)
      .where(sql`${t.status} = 'scheduled'`),
    check('articles_title_not_blank', sql`length(btrim(${t.title})) > 0`),
  ],
);

export const articleRevisions = byline.table(
  'article_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyFormat: bodyFormat('body_format').notNull(),
    bodySource: text('body_source').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** Who saved it; null for imports. */
    editorId: uuid('editor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('article_revisions_article_revision_key').on(t.articleId, t.revision)],
);

/** Live per-article counters, updated in batches by the engagement domain. */
export const articleStats = byline.table('article_stats', {
  articleId: text('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  views: bigint('views', { mode: 'number' }).notNull().default(0),
  shares: bigint('shares', { mode: 'number' }).notNull().default(0),
  comments: integer('comments').notNull().default(0),
  likes: integer('likes').notNull().default(0),
  updatedAt: updatedAt(),
});

/** Live per-creator counters: 文章数 (published articles) and 关注度 (followers). */
export const creatorStats = byline.table('creator_stats', {
  creatorId: uuid('creator_id')
    .primaryKey()
    .references(() => creatorProfiles.id, { onDelete: 'cascade' }),
  articles: integer('articles').notNull().default(0),
  followers: integer('followers').notNull().default(0),
  updatedAt: updatedAt(),
});

/** Site settings editable by admins (hot-list size, UGC notice text …), one JSON value per key. */
export const siteSettings = byline.table('site_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** Which user follows which creator (关注). */
export const follows = byline.table(
  'follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    creatorId: uuid('creator_id')
      .notNull()
      .references(() => creatorProfiles.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.creatorId] }),
    index('follows_creator_idx').on(t.creatorId),
  ],
);

export const shareTarget = byline.enum('share_target', ['link', 'wechat', 'weibo']);

/**
 * One row per (article, target, visitor): a share counts once per visitor per
 * article per target. `visitor_key` is a hash (cookie id or salted IP + UA),
 * never a raw identifier.
 */
export const articleShares = byline.table(
  'article_shares',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    target: shareTarget('target').notNull(),
    visitorKey: text('visitor_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.target, t.visitorKey] })],
);

/**
 * Who did what, when and why: every editorial decision (application
 * reviews, role changes, removals). Rows are only ever inserted.
 */
export const auditLog = byline.table(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** e.g. `application.approve`, `application.reject`, `user.role`. */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    reason: text('reason').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.createdAt),
    index('audit_log_created_idx').on(t.createdAt),
  ],
);

/**
 * Engagement per article per UTC day, the input of the hot list: raw views
 * (deduplicated per visitor per 30 minutes) and the capped, one-per-visitor
 * counts that ranking uses, plus shares, comments and likes.
 */
export const articleDaily = byline.table(
  'article_daily',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
    /** Distinct visitors that day, after bot filtering and the per-network cap. */
    visitors: integer('visitors').notNull().default(0),
    shares: integer('shares').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    likes: integer('likes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.day] }), index('article_daily_day_idx').on(t.day)],
);

/** The computed 热榜: one row per (scope, rank); scope is 'all' or a channel slug. */
export const hotList = byline.table(
  'hot_list',
  {
    scope: text('scope').notNull(),
    rank: smallint('rank').notNull(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
    /** The score's parts, for the explanation shown to editors and in the API. */
    components: jsonb('components').$type<Record<string, number>>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.rank] })],
);

export const commentStatus = byline.enum('comment_status', ['visible', 'held', 'removed']);

/** 跟贴: comments and replies (parent_id), stored exactly as written. */
export const comments = byline.table(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    body: text('body').notNull(),
    status: commentStatus('status').notNull().default('visible'),
    likes: integer('likes').notNull().default(0),
    reports: integer('reports').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('comments_article_idx').on(t.articleId, t.status, t.createdAt),
    index('comments_held_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'held'`),
  ],
);

export const commentLikes = byline.table(
  'comment_likes',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

export const commentReports = byline.table(
  'comment_reports',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

/** PostgreSQL tsvector, for the segmented search index. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The search index: one row per published article, its jieba tokens as a
 * weighted tsvector ('simple' configuration: tokens are already words).
 * Title A, author and summary B, body C.
 */
export const searchDocuments = byline.table(
  'search_documents',
  {
    articleId: text('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    document: tsvector('document').notNull(),
    /** The title's tokens alone: title matches without reading (and rechecking) whole documents. */
    titleDocument: tsvector('title_document')
      .notNull()
      .default(sql`''::tsvector`),
    /** Copied from the article, so the newest matches are found without a join. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The article's updated_at when indexed: rows older than the article are stale. */
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // A small pending list (256 kB instead of 4 MB): every search scans it, so it must stay short.
    index('search_documents_document_idx')
      .using('gin', t.document)
      .with({ gin_pending_list_limit: 256 }),
    index('search_documents_title_idx')
      .using('gin', t.titleDocument)
      .with({ gin_pending_list_limit: 256 }),
  ],
);

/**
 * Articles whose keywords and related list need (re)computing: the indexer
 * queues every document it writes, the refresh job queues old lists. A
 * separate table, so that marking work never rewrites a search document (and
 * its GIN entries).
 */
export const relatedQueue = byline.table('related_queue', {
  articleId: text('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Document frequency of every lexeme in the search index (how many indexed
 * articles contain it), kept exact by the indexer in the same transaction as
 * the documents. The IDF of TF-IDF keywords for 相关推荐.
 */
export const termFrequencies = byline.table('term_frequencies', {
  term: text('term').primaryKey(),
  documents: integer('documents').notNull(),
});

/** Each article's top TF-IDF keywords, L2-normalised weights (cosine similarity = Σ products). */
export const articleKeywords = byline.table(
  'article_keywords',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    weight: doublePrecision('weight').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.term] }),
    // term → articles (with the weight, so candidate scoring reads only this index)
    index('article_keywords_term_idx').on(t.term, t.articleId, t.weight),
  ],
);

/** Precomputed 相关推荐: serving is one indexed read. */
export const relatedArticles = byline.table(
  'related_articles',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    relatedId: text('related_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.relatedId] }),
    index('related_articles_score_idx').on(t.articleId, t.score),
  ],
);

/** Words added by admins to the segmenter's user dictionary (names, terms). */
export const dictionaryWords = byline.table('dictionary_words', {
  word: text('word').primaryKey(),
  addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/**
 * 原创保护: each published article's fingerprints (src/text/fingerprint.ts)
 * and the time it was first published — a receipt anyone can check.
 */
export const articleFingerprints = byline.table('article_fingerprints', {
  articleId: text('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  /** SHA-256 of the normalised text (hex). */
  sha256: text('sha256').notNull(),
  simhash: bigint('simhash', { mode: 'bigint' }).notNull(),
  /** The 128 MinHash values (unsigned 32-bit); its LSH keys are derived from them. */
  minhash: jsonb('minhash').$type<number[]>().notNull(),
  /** The sentence hashes indexed for this article (with the LSH keys: its rows in fingerprint_keys). */
  sentenceHashes: jsonb('sentence_hashes').$type<number[]>().notNull().default([]),
  /** Characters of the normalised text. */
  length: integer('length').notNull(),
  firstPublishedAt: timestamp('first_published_at', { withTimezone: true }).notNull(),
  /** The article's updated_at when fingerprinted: older rows are stale. */
  sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
});

/**
 * The lookup index of fingerprints: MinHash LSH bands (kind 2) and sentence
 * hashes (kind 3); kind 1 (SimHash bands) is no longer written. A check reads
 * only the rows of its own keys — never a scan of all articles.
 *
 * No foreign key: its check was 40 % of inserting a site's keys. A key of an
 * article that no longer exists finds nothing (lookups join the article's
 * fingerprint, which cascades) and is deleted when its article is.
 */
export const fingerprintKeys = byline.table(
  'fingerprint_keys',
  {
    kind: smallint('kind').notNull(),
    key: bigint('key', { mode: 'number' }).notNull(),
    articleId: text('article_id').notNull(),
  },
  // Only the lookup index: an article's own rows are found from its stored fingerprint (its
  // MinHash and sentence hashes), so inserting a site's keys maintains one index, not two.
  (t) => [primaryKey({ columns: [t.kind, t.key, t.articleId] })],
);

/** Verified matches: this article copies (part of) an earlier one. The match report. */
export const originalityMatches = byline.table(
  'originality_matches',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    originalId: text('original_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** 'whole' or 'partial'. */
    kind: text('kind').notNull(),
    containment: doublePrecision('containment').notNull(),
    reverseContainment: doublePrecision('reverse_containment').notNull(),
    jaccard: doublePrecision('jaccard').notNull(),
    shared: integer('shared').notNull(),
    /** The matching passages of this article, each with its share found in the original. */
    passages: jsonb('passages').$type<{ passage: string; share: number }[]>().notNull(),
    sameAuthor: boolean('same_author').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.originalId] }),
    index('originality_matches_original_idx').on(t.originalId),
  ],
);

/** Messages to a creator in the studio (e.g. "your article was copied"). */
export const creatorNotices = byline.table(
  'creator_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creatorId: uuid('creator_id')
      .notNull()
      .references(() => creatorProfiles.id, { onDelete: 'cascade' }),
    /** 'copied': another creator's article matches one of yours. */
    kind: text('kind').notNull(),
    articleId: text('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    otherArticleId: text('other_article_id').references(() => articles.id, {
      onDelete: 'cascade',
    }),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('creator_notices_creator_idx').on(t.creatorId, t.createdAt.desc())],
);

/**
 * The moderation desk's items other than applications and comments: held
 * articles (with why) and readers' reports of articles (举报). Decisions are
 * in the audit log; `status` is the current state.
 */
export const moderationItems = byline.table(
  'moderation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'held_article' | 'article_report' */
    kind: text('kind').notNull(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** Reporter (reports) or null (held by the system). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** A reason code: copy, spam, or a reader's report reason. */
    reason: text('reason').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    /** 'open' | 'approved' | 'rejected' | 'removed' | 'restored' */
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('moderation_items_open_idx')
      .on(t.createdAt)
      .where(sql`status = 'open'`),
    index('moderation_items_article_idx').on(t.articleId),
  ],
);

/** Spam lexicon terms added by admins (on top of src/moderation/lexicon.txt). */
export const lexiconTerms = byline.table('lexicon_terms', {
  term: text('term').primaryKey(),
  /** 'adult' | 'gambling' | 'scam' */
  category: text('category').notNull(),
  addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/**
 * The transactional outbox: a command writes its events here in the same
 * transaction as its rows, so subscribers (page caches on every instance,
 * notifications) hear exactly what committed — nothing rolled back, nothing
 * lost to a crash between commit and announce. Kept a day, then pruned.
 */
export const events = byline.table(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('events_created_idx').on(t.createdAt)],
);
