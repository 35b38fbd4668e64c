export { NOTIFICATIONS_CONSUMER, runNotificationConsumer } from './consumer.js';
export type { NotifyContext } from './context.js';
export { DIGEST_HOUR_UTC, digestDay, sendDigests } from './digest.js';
export { ChannelsSchema, erasePrefs, getPrefs, setPrefs, stopMail, type Prefs } from './prefs.js';
export {
  countUnread,
  listNotifications,
  eraseNotificationsBy,
  markRead,
  NOTIFICATIONS_PAGE,
  type NotificationItem,
} from './store.js';
export {
  describe as describeNotification,
  isNotificationType,
  NOTIFICATION_TYPES,
  TYPE_INFO,
  type Channels,
  type NotificationType,
} from './types.js';
export {
  readUnsubscribeToken,
  unsubscribeToken,
  unsubscribeUrl,
  type UnsubscribeScope,
} from './unsubscribe.js';
export type { NotificationTarget } from './schema.js';
export { exportNotificationsOf } from './export.js';
