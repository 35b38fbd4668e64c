export type { ArticleEventType, DomainEvent, DomainEventType, StoredEvent } from './events.js';
export {
  EVENT_RETENTION_MS,
  latestEventId,
  pruneEvents,
  readEventsAfter,
  recordEvent,
  recordEvents,
} from './outbox.js';
export {
  EventRelay,
  EVENTS_CHANNEL,
  POLL_MS,
  POLL_WITH_NOTIFY_MS,
  relayFor,
  type EventHandler,
  type Listen,
} from './relay.js';
export {
  articleIdsOf,
  CONSUMER_BATCH,
  drainConsumer,
  runConsumer,
  type ConsumerHandler,
  type ConsumerOptions,
  type ConsumerRun,
} from './consumer.js';
