/**
 * What an import remembers (imported_items): a source item's key → what it
 * became here, so a re-run finds it instead of writing it again.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { importedItems } from './schema.js';

export async function findTargets(
  db: Queryable,
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: importedItems.key, target: importedItems.target })
    .from(importedItems)
    .where(inArray(importedItems.key, [...keys]));
  return new Map(rows.map((r) => [r.key, r.target]));
}

export async function remember(
  db: Queryable,
  items: readonly { key: string; kind: string; target: string }[],
): Promise<void> {
  if (items.length === 0) return;
  await db
    .insert(importedItems)
    .values([...items])
    .onConflictDoUpdate({ target: importedItems.key, set: { target: sql`excluded.target` } });
}
