/**
 * The event bus of one process: delivers committed events to the
 * subscribers in this process (the page cache, the site frame; any domain
 * through `on`), carried in the app context — never a module-level list.
 * Background work that must happen exactly once across instances (search,
 * fingerprints, related lists) consumes the same outbox durably instead
 * (consumer.ts). It reads the outbox after the last event it delivered,
 * when asked (`catchUp()`, after a change made here) and every POLL_MS (for
 * changes made by jobs and by other processes on the same database).
 *
 * Ids are handed out when a transaction inserts, not when it commits, so a
 * long transaction can commit an id below one already delivered. Missing ids
 * below the newest delivered are kept as gaps and looked for again until
 * GAP_WAIT_MS has passed (longer than any transaction we run); a gap that
 * never fills was a rolled-back transaction.
 */
import type { Database, Queryable } from '../db/client.js';
import type { DomainEventType, StoredEvent } from './events.js';
import { latestEventId, readEventsAfter, readEventsIn } from './outbox.js';

/** How often the outbox is read without being asked (other processes' and jobs' changes). */
export const POLL_MS = 500;
/**
 * With notifications (PostgreSQL LISTEN), other instances' changes arrive at
 * once; polling stays as a safety net for a notification lost in a break.
 */
export const POLL_WITH_NOTIFY_MS = 2_000;
/** The notification channel a trigger on the outbox fires on every commit (migration 0014). */
export const EVENTS_CHANNEL = 'byline_events';

/** How the relay hears of commits elsewhere: a LISTEN connection (see db/listen.ts). */
export type Listen = (handlers: {
  onNotify(): void;
  onReconnect(): void;
  onError?(err: unknown): void;
}) => () => Promise<void>;
/** How long a missing id may still commit. */
const GAP_WAIT_MS = 30_000;
/** Events read per query. */
const BATCH = 500;
/** Gaps remembered at most; beyond this the oldest is given up. */
const MAX_GAPS = 10_000;

export type EventHandler = (event: StoredEvent) => void;

export class EventRelay {
  readonly #handlers = new Set<EventHandler>();
  readonly #resyncHandlers = new Set<() => void>();
  #stopListening: (() => Promise<void>) | undefined;
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
      /** Notifications of commits by other instances (PostgreSQL); polling only without. */
      listen?: Listen;
    } = {},
  ) {}

  /** Every committed event, in order; returns the unsubscribe function. */
  subscribe(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /**
   * Called when events may have been missed (the notification connection
   * broke and came back): subscribers holding derived state drop all of it.
   */
  onResync(handler: () => void): () => void {
    this.#resyncHandlers.add(handler);
    return () => this.#resyncHandlers.delete(handler);
  }

  /** Committed events of these types only, typed by their kind. */
  on<T extends DomainEventType>(
    types: readonly T[],
    handler: (event: StoredEvent & { type: T }) => void,
  ): () => void {
    const wanted = new Set<DomainEventType>(types);
    return this.subscribe((event) => {
      if (wanted.has(event.type)) handler(event as StoredEvent & { type: T });
    });
  }

  /** Begins after the newest event (earlier ones concern copies nobody holds yet) and polls. */
  start(): Promise<void> {
    this.#started ??= latestEventId(this.db).then((id) => {
      this.#cursor = id;
      const listen = this.options.listen;
      if (listen) {
        this.#stopListening = listen({
          onNotify: () => void this.catchUp().catch(() => {}),
          onReconnect: () => this.resync(),
          onError: (err) => this.options.onError?.(err),
        });
      }
      const every = this.options.pollMs ?? (listen ? POLL_WITH_NOTIFY_MS : POLL_MS);
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
    void this.#stopListening?.();
    this.#stopListening = undefined;
  }

  /** Everything derived from events may be stale: tell the subscribers, then read what is new. */
  resync(): void {
    for (const handler of this.#resyncHandlers) {
      try {
        handler();
      } catch (err) {
        this.options.onError?.(err);
      }
    }
    void this.catchUp().catch(() => {});
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

/**
 * The relay for a database: on PostgreSQL it listens for the outbox's
 * notifications (other instances' commits arrive at once, and a broken
 * connection resyncs); on the embedded database it polls.
 */
export function relayFor(
  database: Database,
  options: { onError?: (err: unknown) => void; pollMs?: number } = {},
): EventRelay {
  const listen = database.listen;
  return new EventRelay(database.db, {
    ...options,
    ...(listen ? { listen: (handlers) => listen(EVENTS_CHANNEL, handlers) } : {}),
  });
}
