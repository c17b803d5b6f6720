import type { DeliveryFieldsFragment, OrderStatus } from '@supergraph/client-core';
import { MessageButton } from '../chat/MessageButton';

// Orders that will never ship.
const CLOSED: OrderStatus[] = ['REJECTED', 'CANCELLED', 'PAYMENT_FAILED', 'REFUNDED'];

const time = (at: string) => new Date(at).toLocaleTimeString();

export function DeliveryPanel({ delivery, orderStatus }: { delivery: DeliveryFieldsFragment | null | undefined; orderStatus: OrderStatus }) {
  if (!delivery) return <p className="muted">{CLOSED.includes(orderStatus) ? 'This order will not be delivered.' : 'A courier is assigned once the order is paid.'}</p>;
  const last = delivery.trackingPoints.at(-1);
  return (
    <dl className="delivery" data-testid="delivery">
      <dt>Delivery</dt>
      <dd data-testid="delivery-status">{delivery.status.replace('_', ' ')}</dd>
      <dt>Courier</dt>
      <dd>
        <span data-testid="courier">{delivery.courier?.name ?? 'not assigned yet'}</span>
        {delivery.courier && delivery.status !== 'DELIVERED' && (
          <>
            {' · '}
            <MessageButton userId={delivery.courier.id} name={delivery.courier.name} />
          </>
        )}
      </dd>
      {delivery.eta && delivery.status !== 'DELIVERED' && (
        <>
          <dt>Arrives around</dt>
          <dd data-testid="eta">{time(delivery.eta)}</dd>
        </>
      )}
      {last && (
        <>
          <dt>Last seen</dt>
          <dd data-testid="position">
            {last.lat.toFixed(4)}, {last.lng.toFixed(4)} at {time(last.at)}
          </dd>
        </>
      )}
      {delivery.deliveredAt && (
        <>
          <dt>Delivered</dt>
          <dd>{new Date(delivery.deliveredAt).toLocaleString()}</dd>
        </>
      )}
      {delivery.failureReason && (
        <>
          <dt>Problem</dt>
          <dd>{delivery.failureReason}</dd>
        </>
      )}
    </dl>
  );
}
