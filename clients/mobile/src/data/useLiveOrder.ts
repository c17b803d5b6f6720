// An order as it changes: the query's snapshot, then orderStatusChanged (which updates the cached
// order by id) and, once there can be a delivery, deliveryTracking. Both restart when the app
// returns to the foreground, since the OS may have closed the socket meanwhile.
import { useQuery, useSubscription } from '@apollo/client/react';
import { DeliveryTrackingDocument, OrderDocument, OrderStatusChangedDocument, type OrderStatus } from '@supergraph/client-core';
import { presentOrder } from '../logic/orderStatus';
import { useSession } from '../session/SessionProvider';
import { useResumed } from './useResumed';

/** Delivery exists from payment on; subscribing earlier gets NOT_FOUND from the delivery subgraph. */
const HAS_DELIVERY = new Set<OrderStatus>(['PAID', 'SHIPPED', 'DELIVERED', 'REFUNDED']);

export function useLiveOrder(orderId: string) {
  const { resumes } = useSession();
  const query = useQuery(OrderDocument, { variables: { id: orderId } });
  const order = query.data?.order;
  const status = useSubscription(OrderStatusChangedDocument, {
    variables: { orderId },
    skip: !order || presentOrder(order.status).final,
    // An event carries the status, not the prices and lines fixed with it: read those again.
    onData: () => void query.refetch(),
  });
  const tracking = useSubscription(DeliveryTrackingDocument, { variables: { orderId }, skip: !order || !HAS_DELIVERY.has(order.status) });
  useResumed(resumes, () => {
    status.restart();
    tracking.restart();
    void query.refetch();
  });
  const delivery = tracking.data?.deliveryTracking ?? order?.delivery ?? null;
  return { order, delivery, loading: query.loading, error: query.error ?? status.error ?? tracking.error };
}
