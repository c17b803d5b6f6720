import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { CancelOrderDocument, DeliveryTrackingDocument, formatMoney, OrderDocument, OrderStatusChangedDocument, type OrderStatus } from '@supergraph/client-core';
import { Link, useParams } from 'react-router';
import { DeliveryPanel } from '../components/DeliveryPanel';
import { ErrorMessage, Loading } from '../components/Status';

const CANCELLABLE: OrderStatus[] = ['PENDING', 'CONFIRMED', 'PAID'];
// Delivery has nothing to follow before the order is confirmed (or if it never will be).
const NO_DELIVERY: OrderStatus[] = ['PENDING', 'REJECTED'];

export function OrderPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(OrderDocument, { variables: { id } });
  // Each status change lands in the cache (same Order id); totals, payment and delivery change with it, so read them again.
  const live = useSubscription(OrderStatusChangedDocument, { variables: { orderId: id }, onData: () => void refetch() });
  const status = data?.order?.status;
  const tracking = useSubscription(DeliveryTrackingDocument, { variables: { orderId: id }, skip: !status || NO_DELIVERY.includes(status) });
  const [cancel, cancelling] = useMutation(CancelOrderDocument);

  if (loading && !data) return <Loading what="Loading the order" />;
  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  const order = data?.order;
  if (!order) return <p className="empty">No such order.</p>;
  const delivery = tracking.data?.deliveryTracking ?? order.delivery;

  return (
    <section className="card order">
      <Link to="/orders">← My orders</Link>
      <h1>
        Order <code>{order.id.slice(0, 8)}</code>{' '}
        <span className={`status status-${order.status}`} data-testid="order-status">
          {order.status.replace('_', ' ')}
        </span>
      </h1>
      <p className="muted">
        Placed {new Date(order.createdAt).toLocaleString()} · {live.error ? 'live updates unavailable' : 'updates live'}
      </p>
      {live.error && <ErrorMessage error={live.error} />}

      <ol className="timeline" data-testid="timeline">
        {order.statusHistory.map((change) => (
          <li key={`${change.to}-${change.at}`}>
            <strong>{change.to.replace('_', ' ')}</strong> <span className="muted">{new Date(change.at).toLocaleTimeString()}</span>
            {change.reason && <span className="reason"> — {change.reason}</span>}
          </li>
        ))}
      </ol>

      <table className="lines">
        <tbody>
          {order.items.map((item) => (
            <tr key={item.product.id}>
              <td>
                <Link to={`/products/${item.product.id}`}>{item.product.name}</Link>
              </td>
              <td>× {item.quantity}</td>
              <td>{formatMoney(item.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>Subtotal</td>
            <td>{formatMoney(order.subtotal)}</td>
          </tr>
          <tr>
            <td colSpan={2}>Tax</td>
            <td>{formatMoney(order.tax)}</td>
          </tr>
          <tr>
            <td colSpan={2}>Shipping</td>
            <td>{formatMoney(order.shippingCost)}</td>
          </tr>
          <tr className="total">
            <td colSpan={2}>Total</td>
            <td data-testid="order-total">{formatMoney(order.total)}</td>
          </tr>
        </tfoot>
      </table>

      <div className="columns">
        <div>
          <h2>Payment</h2>
          <p data-testid="payment">
            {order.paymentMethod === 'CREDIT_LINE' ? 'Credit line' : 'Card'}: {order.payment ? order.payment.status.toLowerCase() : 'pending'}
            {order.payment?.failureReason && ` — ${order.payment.failureReason}`}
          </p>
          {order.shippingAddress && (
            <>
              <h2>Ship to</h2>
              <p>
                {order.shippingAddress.line1}, {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.country}
              </p>
            </>
          )}
        </div>
        <div>
          <h2>Delivery</h2>
          <DeliveryPanel delivery={delivery} orderStatus={order.status} />
        </div>
      </div>

      {CANCELLABLE.includes(order.status) && (
        <button type="button" className="danger" disabled={cancelling.loading} onClick={() => void cancel({ variables: { id: order.id, reason: 'Cancelled by the customer' } }).catch(() => undefined)}>
          {cancelling.loading ? 'Cancelling…' : 'Cancel order'}
        </button>
      )}
      {cancelling.error && <ErrorMessage error={cancelling.error} />}
    </section>
  );
}
