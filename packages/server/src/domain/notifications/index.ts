/**
 * Notifications: one in-app inbox of messages (approval tasks, reminders, matching alerts) and the outbox
 * anything sent further reads. Capabilities write with `notify` in their own transaction; users list and
 * mark theirs read through `GET /api/v1/notifications`.
 */
export { notify, type NotificationInput } from './notify.ts';
export {
  listNotifications,
  markNotificationsRead,
  recipientOf,
  type NotificationView,
  type NotificationQuery,
} from './inbox.ts';
