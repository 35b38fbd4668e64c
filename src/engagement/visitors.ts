/**
 * Today's salt for hashing visitors who carry no cookie (their address and
 * user agent): shared by every instance through the database, so a reader is
 * one visitor whichever instance serves them, and replaced every UTC day, so
 * yesterday's hashes cannot be reversed once the day is over.
 */
import { randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { visitorSalts } from './schema.js';

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

export class VisitorSalt {
  #day = '';
  #value = '';

  /**
   * The salt for `now`'s day, synchronously (the page cache's fast path
   * hashes with it). Until `sync` has loaded the new day's shared salt, a
   * salt of this instance's own stands in.
   */
  of(now: Date): string {
    const day = dayOf(now);
    if (this.#day !== day) {
      this.#day = day;
      this.#value = randomBytes(16).toString('hex');
    }
    return this.#value;
  }

  /** Loads (or creates) the day's shared salt, and forgets older days' (run at start and every minute). */
  async sync(db: Queryable, now: Date): Promise<void> {
    const day = dayOf(now);
    await db
      .insert(visitorSalts)
      .values({ day, salt: randomBytes(16).toString('hex') })
      .onConflictDoNothing();
    const [row] = await db
      .select({ salt: visitorSalts.salt })
      .from(visitorSalts)
      .where(eq(visitorSalts.day, day));
    await db.delete(visitorSalts).where(lt(visitorSalts.day, day));
    if (row) {
      this.#day = day;
      this.#value = row.salt;
    }
  }
}
