import type { Queryable } from '../db/client.js';
import { siteSettings } from '../db/schema.js';
import { recordEvent } from '../events/index.js';
import { parseInput } from '../shared/validation.js';
import { SiteSettingsSchema, type SiteSettings } from './settings.js';

/** Changes some settings; each value is validated like the form that edits it. */
export async function updateSiteSettings(
  db: Queryable,
  changes: Partial<SiteSettings>,
): Promise<void> {
  const data = parseInput(SiteSettingsSchema.partial(), changes);
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      await tx
        .insert(siteSettings)
        .values({ key, value })
        .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: new Date() } });
    }
    await recordEvent(tx, { type: 'site.settings_changed' });
  });
}
