import type { Queryable } from '../db/client.js';
import { siteSettings } from './schema.js';
import { recordEvent } from '../events/index.js';
import { parseInput } from '../shared/validation.js';
import { writeAudit } from '../audit/index.js';
import { SiteSettingsSchema, type SiteSettings } from './settings.js';

/** Changes some settings; each value is validated like the form that edits it. */
export async function updateSiteSettings(
  db: Queryable,
  changes: Partial<SiteSettings>,
  /** Who changed them, for the audit log (absent: start-up and tests). */
  by?: { readonly actorId: string | null; readonly at: Date },
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
    if (by)
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'settings.update',
        subjectType: 'settings',
        subjectId: '',
        data: {
          changed: Object.keys(data).filter((k) => data[k as keyof SiteSettings] !== undefined),
        },
        at: by.at,
      });
  });
}
