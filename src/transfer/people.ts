/**
 * The people an import brings: authors become creator accounts without a
 * password (claimable by 忘记密码, which mails a reset link to the address
 * the source gave), commenters become reader accounts the same way. An
 * address already registered here is that person: their articles and
 * comments join the existing account. People without an address get one
 * under `.invalid` (RFC 2606: never delivered), so they stay separate.
 */
import { createHash } from 'node:crypto';
import { createUser, EmailSchema, findUserByEmail } from '../accounts/index.js';
import { ensureCreatorProfile } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { findTargets, remember } from './keys.js';
import type { SiteImportReport, SourcePerson } from './model.js';

/** Account names are at most 40 characters (accounts/user.ts). */
const NAME_MAX = 40;

const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

function addressFor(email: string | undefined, fallbackLocal: string): string {
  const parsed = email ? EmailSchema.safeParse(email.trim()) : undefined;
  if (parsed?.success) return parsed.data;
  const local = fallbackLocal
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `${local.slice(0, 40) || 'imported'}-${shortHash(fallbackLocal)}@imported.invalid`;
}

export class People {
  /** Source key → creator id (authors) or user id (commenters), for this run. */
  readonly #known = new Map<string, string>();

  constructor(
    private readonly db: Queryable,
    private readonly report: SiteImportReport,
    private readonly fallbackAuthor: () => Promise<string>,
  ) {}

  async addAuthor(person: SourcePerson): Promise<void> {
    const counts = this.report.counts.authors;
    const before = (await findTargets(this.db, [person.key])).get(person.key);
    if (before) {
      this.#known.set(person.key, before);
      counts.skipped++;
      this.report.items.push({
        kind: 'authors',
        position: person.position,
        outcome: 'skipped',
        reason: '以前导入过',
      });
      return;
    }
    try {
      const email = addressFor(person.email, person.login ?? person.displayName);
      const userId = await this.#account(email, person.displayName, 'creator');
      const creator = await ensureCreatorProfile(this.db, userId);
      await remember(this.db, [{ key: person.key, kind: 'author', target: creator.id }]);
      this.#known.set(person.key, creator.id);
      counts.imported++;
    } catch (err) {
      counts.failed++;
      this.report.items.push({
        kind: 'authors',
        position: person.position,
        outcome: 'failed',
        reason: (err as Error).message,
      });
    }
  }

  /** The creator an article goes under: its author when known, else the import's default. */
  async creatorFor(authorKey: string | undefined): Promise<string> {
    if (authorKey) {
      const known =
        this.#known.get(authorKey) ?? (await findTargets(this.db, [authorKey])).get(authorKey);
      if (known) {
        this.#known.set(authorKey, known);
        return known;
      }
      // A feed's author is named only on its items: an account for them on first sight.
      if (authorKey.startsWith('feed:author:')) {
        const name = authorKey.slice('feed:author:'.length);
        await this.addAuthor({
          key: authorKey,
          position: `作者 ${name}`,
          displayName: name,
          login: name,
        });
        const made = this.#known.get(authorKey);
        if (made) return made;
      }
    }
    return this.fallbackAuthor();
  }

  /** The reader account a comment is written under. */
  async commenter(siteKey: string, name: string, email: string | undefined): Promise<string> {
    const parsed = email ? EmailSchema.safeParse(email.trim()) : undefined;
    const key = parsed?.success ? `commenter:${parsed.data}` : `${siteKey}:commenter:${name}`;
    const known = this.#known.get(key) ?? (await findTargets(this.db, [key])).get(key);
    if (known) {
      this.#known.set(key, known);
      return known;
    }
    const userId = await this.#account(addressFor(email, `c-${name}`), name, 'reader');
    await remember(this.db, [{ key, kind: 'commenter', target: userId }]);
    this.#known.set(key, userId);
    return userId;
  }

  async #account(email: string, displayName: string, role: 'creator' | 'reader'): Promise<string> {
    const existing = await findUserByEmail(this.db, email);
    if (existing) return existing.id;
    const name = [...displayName.trim()].slice(0, NAME_MAX).join('') || email.split('@')[0]!;
    return (await createUser(this.db, { email, displayName: name, role })).id;
  }
}
