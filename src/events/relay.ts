/**
 * Delivers committed events to this process's subscribers (the page cache,
 * the site frame): it reads the outbox after the last event it delivered,
 * when asked (`catchUp()`, after a change made here) and every POLL_MS (for
 * changes made by jobs and by other processes on the same database).
 *
 * Ids are handed out when a transaction inserts, not when it commits, so a
 * long transaction can commit an id below one already delivered. Missing ids
 * below the newest delivered are kept as gaps and looked for again until
 * GAP_WAIT_MS has passed (longer than any transaction we run); a gap that
 * never fills was a rolled-back transaction.
 */
import type { Queryable } from '../db/client.js';
import type { StoredEvent } from './events.js';
import { latestEventId, readEventsAfter, readEventsIn } from './outbox.js';

/** How often the outbox is read without being asked (other processes' and jobs' changes). */
export const POLL_MS = 500;
/** How long a missing id may still commit. */
const GAP_WAIT_MS = 30_000;
/** Events read per query. */
const BATCH = 500;
/** Gaps remembered at most; beyond this the oldest is given up. */
const MAX_GAPS = 10_000;

export type EventHandler = (event: StoredEvent) => void;

export class EventRelay {
  readonly #handlers = new Set<EventHandler>();
  /** Every id ≤ cursor is delivered or a known gap. */
  #cursor = 0;
  /** Missing ids below the cursor → when they were first missed. */
  readonly #gaps = new Map<number, number>();
  #started: Promise<void> | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  /** The last read failed (the database is down): the next success delivers what was missed. */
  #failing = false;

  constructor(
    private readonly db: Queryable,
    private readonly options: {
      pollMs?: number;
      now?: () => number;
      onError?: (err: unknown) => void;
    } = {},
  ) {}

  subscribe(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** Begins after the newest event (earlier ones concern copies nobody holds yet) and polls. */
  start(): Promise<void> {
    this.#started ??= latestEventId(this.db).then((id) => {
      this.#cursor = id;
      const every = this.options.pollMs ?? POLL_MS;
      if (every > 0) {
        this.#timer = setInterval(() => void this.catchUp().catch(() => {}), every);
        this.#timer.unref();
      }
    });
    return this.#started;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Delivers everything committed so far. Concurrent callers share one read;
   * a call made while a read runs gets another read after it (its change may
   * have committed after the running read began).
   */
  async catchUp(): Promise<void> {
    await this.start();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#drain();
        } while (this.#again);
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  async #drain(): Promise<void> {
    const now = this.options.now ?? Date.now;
    try {
      // Ids seen missing that have committed since.
      if (this.#gaps.size > 0) {
        for (const event of await readEventsIn(this.db, [...this.#gaps.keys()].slice(0, BATCH))) {
          this.#gaps.delete(event.id);
          this.#deliver(event);
        }
        for (const [id, since] of this.#gaps)
          if (now() - since > GAP_WAIT_MS) this.#gaps.delete(id);
      }
      for (;;) {
        const rows = await readEventsAfter(this.db, this.#cursor, BATCH);
        for (const event of rows) {
          for (let missing = this.#cursor + 1; missing < event.id; missing++) {
            this.#gaps.set(missing, now());
            if (this.#gaps.size > MAX_GAPS) this.#gaps.delete(this.#gaps.keys().next().value!);
          }
          this.#cursor = event.id;
          this.#deliver(event);
        }
        if (rows.length < BATCH) break;
      }
      this.#failing = false;
    } catch (err) {
      // Said once per outage, not on every poll.
      if (!this.#failing) this.options.onError?.(err);
      this.#failing = true;
      throw err;
    }
  }

  #deliver(event: StoredEvent): void {
    for (const handler of this.#handlers) {
      try {
        handler(event);
      } catch (err) {
        this.options.onError?.(err);
      }
    }
  }

  /** Whether the last read of the outbox failed. */
  get failing(): boolean {
    return this.#failing;
  }
}
