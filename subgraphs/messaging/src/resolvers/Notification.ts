import type { NotificationResolvers } from '../__generated__/resolvers-types';
import { orderReference } from '../views';

export const Notification: NotificationResolvers = {
  __resolveReference: ({ id }, { notifications }) => notifications.readable(id),
  order: (notification) => (notification.orderId ? orderReference(notification.orderId) : null),
  read: (notification) => notification.readAt !== null,
};
