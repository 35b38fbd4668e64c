/**
 * The only reader of process.env (Outline `server/env.ts` style): parsed with
 * zod, checked against the file system, frozen, and failing fast with a list
 * of every problem at once — before anything is written.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  /** Interface to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** TCP port to listen on (0 picks a free port). */
  PORT: z.coerce
    .number({ error: 'PORT must be a whole number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(3000),
  /** PostgreSQL connection URL; unset means the embedded database (PGlite) in BYLINE_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
      message: 'DATABASE_URL must start with postgres:// or postgresql://',
    }),
  /** Where the embedded database (when DATABASE_URL is unset) and uploaded images live. */
  BYLINE_DATA_DIR: z.string().min(1).default('./data'),
  /** Import the demo corpus on the first start with an empty database. */
  BYLINE_DEMO: booleanFlag.default(true),
  /** First admin account, created on start when absent (both or neither). */
  BYLINE_ADMIN_EMAIL: z.email('BYLINE_ADMIN_EMAIL must be an email address').optional(),
  BYLINE_ADMIN_PASSWORD: z.string().min(8, 'BYLINE_ADMIN_PASSWORD needs 8+ characters').optional(),
  /** The site's public origin for canonical URLs, feeds and sitemaps; default http://HOST:PORT. */
  BYLINE_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'BYLINE_PUBLIC_URL must be an http(s) URL' })
    .optional(),
  /**
   * Behind reverse proxies (nginx, a CDN): how many hops to trust for X-Forwarded-For/-Proto
   * (client IP, https). `1`/`true` = one proxy; `2` = a CDN in front of a load balancer.
   */
  TRUST_PROXY: z
    .union([booleanFlag.transform((v) => (v ? 1 : 0)), z.coerce.number().int().min(0).max(10)], {
      error: 'TRUST_PROXY must be 0, 1 (or true/false), or a number of proxy hops up to 10',
    })
    .default(0),
  /** Memory for rendered public pages, in MB (0 turns the page cache off). */
  BYLINE_PAGE_CACHE_MB: z.coerce
    .number({ error: 'BYLINE_PAGE_CACHE_MB must be a number' })
    .min(0, 'BYLINE_PAGE_CACHE_MB must be 0 or more')
    .max(16_384, 'BYLINE_PAGE_CACHE_MB must be at most 16384')
    .default(64),
  /** How long a rendered page is served from memory before it is rendered again, in seconds. */
  BYLINE_PAGE_CACHE_TTL_S: z.coerce
    .number({ error: 'BYLINE_PAGE_CACHE_TTL_S must be a number' })
    .int('BYLINE_PAGE_CACHE_TTL_S must be a whole number of seconds')
    .min(1, 'BYLINE_PAGE_CACHE_TTL_S must be at least 1')
    .max(86_400, 'BYLINE_PAGE_CACHE_TTL_S must be at most 86400')
    .default(60),
  /** Rate limits in Redis instead of the database (several instances share either). */
  REDIS_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^rediss?:\/\/\S+$/.test(v), {
      message: 'REDIS_URL must start with redis:// or rediss://',
    }),
  /** S3-compatible object storage for uploaded images (every instance shares it); unset = local disk. */
  BYLINE_S3_BUCKET: z.string().min(1).optional(),
  /** The S3-compatible service's URL (MinIO, OSS, COS …); unset for AWS S3 itself. */
  BYLINE_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'BYLINE_S3_ENDPOINT must be an http(s) URL' })
    .optional(),
  BYLINE_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Bucket in the URL path (`endpoint/bucket/key`), which most S3-compatible services want. */
  BYLINE_S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  /** Credentials for the bucket (the standard AWS names). */
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Readers fetch images from here (a CDN or the bucket's public URL): /media/… redirects to it. */
  BYLINE_MEDIA_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'BYLINE_MEDIA_PUBLIC_URL must be an http(s) URL' })
    .optional(),
  /**
   * CDN caches to purge by tag on every change: comma-separated URLs that take an HTTP PURGE
   * with an `xkey-purge` header (Varnish with varnish-modules; see deploy/varnish/byline.vcl).
   */
  BYLINE_PURGE_URLS: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.split(',').every((u) => /^https?:\/\/\S+$/.test(u.trim())),
      { message: 'BYLINE_PURGE_URLS must be comma-separated http(s) URLs' },
    ),
  /**
   * Mail server: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`.
   * Unset: mail is written to BYLINE_DATA_DIR/mail as .eml files, and admins see it is not delivered.
   */
  BYLINE_SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^smtps?:\/\/\S+$/.test(v), {
      message: 'BYLINE_SMTP_URL must start with smtp:// or smtps://',
    }),
  /** The From of every mail: `署名 <no-reply@example.cn>` or an address; default no-reply@ the public host. */
  BYLINE_MAIL_FROM: z.string().min(3).optional(),
  /** Log level of the server (fatal, error, warn, info, debug, trace, silent). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  admin: Readonly<{ email: string; password: string }> | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Origin without a trailing slash, e.g. https://news.example.cn */
  publicUrl: string;
  /** Proxy hops trusted for X-Forwarded-* (0: none). */
  trustProxy: number;
  /** Page cache size in bytes; 0 = off. */
  pageCacheBytes: number;
  /** How long a cached page is fresh, in ms. */
  pageCacheTtlMs: number;
  /** Uploaded images: BYLINE_DATA_DIR/uploads, on either database, unless `s3` is set. */
  uploadsDir: string;
  redisUrl: string | undefined;
  s3:
    | Readonly<{
        bucket: string;
        endpoint: string | undefined;
        region: string;
        forcePathStyle: boolean;
        credentials: Readonly<{ accessKeyId: string; secretAccessKey: string }> | undefined;
      }>
    | undefined;
  /** Origin readers fetch media from, without a trailing slash. */
  mediaPublicUrl: string | undefined;
  /** CDN purge endpoints (HTTP PURGE with xkey-purge). */
  purgeUrls: readonly string[];
  /** SMTP URL, or undefined: mail goes to `mailDir` as files. */
  smtpUrl: string | undefined;
  mailDir: string;
  /** The address (with an optional name) mail comes from. */
  mailFrom: string;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Documentation of every key, used by `byline --help` and kept in sync with README by a test. */
export const CONFIG_KEYS = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const picked = Object.fromEntries(
    CONFIG_KEYS.map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      problems.push(issue.message.startsWith(key) ? issue.message : `${key}: ${issue.message}`);
    }
  }
  const raw = parsed.success ? parsed.data : undefined;
  const dataDir = path.resolve(picked.BYLINE_DATA_DIR ?? './data');
  const databaseUrl = raw?.DATABASE_URL;
  {
    const problem = checkWritableDir(dataDir);
    if (problem) problems.push(`BYLINE_DATA_DIR: ${problem}`);
  }
  if (Boolean(picked.BYLINE_ADMIN_EMAIL) !== Boolean(picked.BYLINE_ADMIN_PASSWORD)) {
    problems.push('BYLINE_ADMIN_EMAIL and BYLINE_ADMIN_PASSWORD must be set together');
  }
  if (Boolean(picked.AWS_ACCESS_KEY_ID) !== Boolean(picked.AWS_SECRET_ACCESS_KEY)) {
    problems.push('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together');
  }
  if (picked.BYLINE_S3_ENDPOINT && !picked.BYLINE_S3_BUCKET) {
    problems.push('BYLINE_S3_ENDPOINT is set but BYLINE_S3_BUCKET is not');
  }
  if (problems.length > 0 || !raw) throw new ConfigError(problems);
  return Object.freeze({
    host: raw.HOST,
    port: raw.PORT,
    databaseUrl,
    dataDir,
    demo: raw.BYLINE_DEMO,
    admin:
      raw.BYLINE_ADMIN_EMAIL && raw.BYLINE_ADMIN_PASSWORD
        ? Object.freeze({ email: raw.BYLINE_ADMIN_EMAIL, password: raw.BYLINE_ADMIN_PASSWORD })
        : undefined,
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.TRUST_PROXY,
    pageCacheBytes: Math.round(raw.BYLINE_PAGE_CACHE_MB * 1024 * 1024),
    pageCacheTtlMs: raw.BYLINE_PAGE_CACHE_TTL_S * 1000,
    uploadsDir: path.join(dataDir, 'uploads'),
    redisUrl: raw.REDIS_URL,
    s3: raw.BYLINE_S3_BUCKET
      ? Object.freeze({
          bucket: raw.BYLINE_S3_BUCKET,
          endpoint: raw.BYLINE_S3_ENDPOINT,
          region: raw.BYLINE_S3_REGION,
          forcePathStyle: raw.BYLINE_S3_FORCE_PATH_STYLE,
          credentials:
            raw.AWS_ACCESS_KEY_ID && raw.AWS_SECRET_ACCESS_KEY
              ? Object.freeze({
                  accessKeyId: raw.AWS_ACCESS_KEY_ID,
                  secretAccessKey: raw.AWS_SECRET_ACCESS_KEY,
                })
              : undefined,
        })
      : undefined,
    mediaPublicUrl: raw.BYLINE_MEDIA_PUBLIC_URL?.replace(/\/+$/, ''),
    purgeUrls: Object.freeze(
      (raw.BYLINE_PURGE_URLS ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    ),
    smtpUrl: raw.BYLINE_SMTP_URL,
    mailDir: path.join(dataDir, 'mail'),
    mailFrom:
      raw.BYLINE_MAIL_FROM ??
      `no-reply@${new URL(raw.BYLINE_PUBLIC_URL ?? `http://${raw.HOST.includes(':') ? `[${raw.HOST}]` : raw.HOST}`).hostname.replace(/^\[|\]$/g, '') || 'localhost'}`,
    publicUrl: (
      raw.BYLINE_PUBLIC_URL ??
      `http://${raw.HOST.includes(':') ? `[${raw.HOST}]` : raw.HOST}:${raw.PORT}`
    ).replace(/\/+$/, ''),
  });
}

/** Checks without creating anything: the dir (or its nearest existing parent) must be writable. */
function checkWritableDir(dir: string): string | undefined {
  let probe = dir;
  while (!existsSync(probe)) {
    const parent = path.dirname(probe);
    if (parent === probe) return `${dir} has no existing parent`;
    probe = parent;
  }
  if (!statSync(probe).isDirectory()) return `${probe} exists and is not a directory`;
  try {
    accessSync(probe, constants.W_OK | constants.X_OK);
  } catch {
    return `${probe} is not writable by this user`;
  }
  return undefined;
}
