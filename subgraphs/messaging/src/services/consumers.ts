import type { Topic } from '@supergraph/contracts';
import type { DomainEvent, EventHandler, EventHandlers, EventOf, SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { KnownUser } from '../entities/KnownUser';
import { Notification, type NotificationKind } from '../entities/Notification';
import { notificationChannel, type NotificationAdded } from '../events';

/** Notifications made by an event's handler, announced once its transaction committed. */
const made = new WeakMap<SubgraphRuntime, Map<string, { id: string; userId: string }>>();
function madeOf(runtime: SubgraphRuntime) {
  let map = made.get(runtime);
  if (!map) made.set(runtime, (map = new Map<string, { id: string; userId: string }>()));
  return map;
}

interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  orderId: string | null;
  /** `<topic>:<entity>:<fact>`: the same fact told twice makes one notification. */
  dedupeKey: string;
}

const shortId = (id: string) => id.slice(0, 8);

const ORDER_STATUS_TEXT: Record<string, string> = {
  PENDING: 'was placed',
  CONFIRMED: 'is confirmed',
  PAID: 'is paid',
  SHIPPED: 'is on its way',
  DELIVERED: 'was delivered',
  CANCELLED: 'was cancelled',
  REJECTED: 'could not be accepted',
  PAYMENT_FAILED: 'could not be paid',
  REFUNDED: 'was refunded',
};

/**
 * The topics messaging consumes: the users a room may hold, and the domain events that fill the
 * inbox. The kit records each event id with the handler's transaction; the unique dedupe key also
 * holds if the same fact arrives as two events.
 */
export function messagingConsumers(runtime: SubgraphRuntime): EventHandlers {
  const done = madeOf(runtime);

  function notify<T extends Topic>(toNotification: (payload: EventOf<T>['payload']) => NewNotification): EventHandler<T> {
    return async (event, manager) => {
      done.delete(event.id);
      const row = toNotification(event.payload);
      const id = await insertOnce(manager, row);
      if (id) done.set(event.id, { id, userId: row.userId });
    };
  }

  return {
    'users.user.upserted': async (event, manager) => {
      const { userId, name, roles } = event.payload;
      await manager.upsert(KnownUser, { userId, name, roles }, ['userId']);
    },
    'orders.order.statusChanged': notify<'orders.order.statusChanged'>((p) => ({
      userId: p.customerId,
      kind: 'ORDER_STATUS',
      title: `Your order ${shortId(p.orderId)} ${ORDER_STATUS_TEXT[p.to] ?? `is ${p.to}`}`,
      body: p.reason ?? `Status: ${p.to}`,
      orderId: p.orderId,
      // The order's statuses never repeat (no cycles), so (order, status) is the fact.
      dedupeKey: `orders.order.statusChanged:${p.orderId}:${p.to}`,
    })),
    'delivery.delivery.assigned': notify<'delivery.delivery.assigned'>((p) => ({
      userId: p.customerId,
      kind: 'DELIVERY_ASSIGNED',
      title: `A courier has your order ${shortId(p.orderId)}`,
      body: 'A courier was assigned to your delivery.',
      orderId: p.orderId,
      dedupeKey: `delivery.delivery.assigned:${p.deliveryId}:${p.courierId}`,
    })),
    'delivery.delivery.failed': notify<'delivery.delivery.failed'>((p) => ({
      userId: p.customerId,
      kind: 'DELIVERY_FAILED',
      title: `The delivery of your order ${shortId(p.orderId)} failed`,
      body: p.reason ?? 'The courier could not deliver it.',
      orderId: p.orderId,
      dedupeKey: `delivery.delivery.failed:${p.deliveryId}`,
    })),
    'payments.payment.refunded': notify<'payments.payment.refunded'>((p) => ({
      userId: p.customerId,
      kind: 'PAYMENT_REFUNDED',
      title: `A refund for your order ${shortId(p.orderId)}`,
      body: `${(p.amount.amount / 100).toFixed(2)} ${p.amount.currency} went back to you${p.fully ? ' (the whole payment)' : ''}.`,
      orderId: p.orderId,
      dedupeKey: `payments.payment.refunded:${p.refundId}`,
    })),
    'backups.alert.raised': notify<'backups.alert.raised'>((p) => ({
      userId: p.ownerId,
      kind: 'BACKUP_ALERT',
      title: `${p.severity === 'CRITICAL' ? 'Critical' : 'Warning'}: backups of ${p.hostname}`,
      body: p.cause === 'MISSED_BACKUP' ? `${p.hostname} missed its backup window.` : `Backups of ${p.hostname} are failing.`,
      orderId: null,
      dedupeKey: `backups.alert.raised:${p.alertId}`,
    })),
  };
}

/** The new notification's id, or null when its fact was already told. */
async function insertOnce(manager: EntityManager, row: NewNotification): Promise<string | null> {
  const result = await manager.createQueryBuilder().insert().into(Notification).values(row).orIgnore().returning('id').execute();
  return (result.raw as { id: string }[])[0]?.id ?? null;
}

/** After a handler's transaction committed: its new notification goes live to its owner. */
export function afterMessagingEvent(runtime: SubgraphRuntime, event: DomainEvent) {
  const done = madeOf(runtime);
  const notification = done.get(event.id);
  if (!notification) return;
  done.delete(event.id);
  void runtime.pubsub.publish<NotificationAdded>(notificationChannel(notification.userId), { notificationId: notification.id }).catch(() => undefined);
}
