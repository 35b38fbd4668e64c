import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { siteSettings } from './schema.js';
import { DEFAULT_SITE_SETTINGS, SiteSettingsSchema, type SiteSettings } from './settings.js';

/** All settings in one query; stored values that no longer validate fall back to the default. */
export async function getSiteSettings(db: Queryable): Promise<SiteSettings> {
  const rows = await db
    .select({ key: siteSettings.key, value: siteSettings.value })
    .from(siteSettings);
  const merged: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS };
  for (const { key, value } of rows) {
    if (key in DEFAULT_SITE_SETTINGS) merged[key] = value;
  }
  const parsed = SiteSettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const valid: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS };
  for (const key of Object.keys(DEFAULT_SITE_SETTINGS) as (keyof SiteSettings)[]) {
    const one = SiteSettingsSchema.shape[key].safeParse(merged[key]);
    if (one.success) valid[key] = one.data;
  }
  return valid as SiteSettings;
}

/** Key of the server secret (CSRF tokens); not a site setting, never shown. */
const SERVER_SECRET_KEY = '_server_secret';

/** The server's secret, created on first start and kept, so tokens survive restarts. */
export async function getOrCreateServerSecret(db: Queryable): Promise<string> {
  await db
    .insert(siteSettings)
    .values({ key: SERVER_SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: siteSettings.value })
    .from(siteSettings)
    .where(eq(siteSettings.key, SERVER_SECRET_KEY));
  return String(row!.value);
}
