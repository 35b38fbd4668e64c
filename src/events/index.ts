export type { ArticleEventType, DomainEvent, DomainEventType, StoredEvent } from './events.js';
export {
  EVENT_RETENTION_MS,
  latestEventId,
  pruneEvents,
  readEventsAfter,
  recordEvent,
  recordEvents,
} from './outbox.js';
export { EventRelay, POLL_MS, type EventHandler } from './relay.js';
