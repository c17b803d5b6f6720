import { useQuery } from '@apollo/client/react';
import { formatMoney, MyOrdersDocument } from '@supergraph/client-core';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../components/Status';

export function OrdersPage() {
  const { data, loading, error, fetchMore, refetch } = useQuery(MyOrdersDocument, { fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const orders = data?.me?.orders;

  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  if (!orders) return <Loading what="Loading your orders" />;
  if (orders.totalCount === 0)
    return (
      <p className="empty">
        No orders yet. <Link to="/">Browse the catalogue</Link>
      </p>
    );
  return (
    <section className="card">
      <h1>My orders</h1>
      <table className="lines">
        <thead>
          <tr>
            <th>Placed</th>
            <th>Items</th>
            <th>Status</th>
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {orders.edges.map(({ node }) => (
            <tr key={node.id} data-testid="order-row">
              <td>
                <Link to={`/orders/${node.id}`}>{new Date(node.createdAt).toLocaleString()}</Link>
              </td>
              <td>{node.items.map((item) => `${item.quantity} × ${item.product.name}`).join(', ')}</td>
              <td>
                <span className={`status status-${node.status}`}>{node.status.replace('_', ' ')}</span>
              </td>
              <td>{formatMoney(node.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loading && <Loading what="Loading orders" />}
      {orders.pageInfo.hasNextPage && !loading && (
        <button type="button" className="more" onClick={() => void fetchMore({ variables: { after: orders.pageInfo.endCursor } })}>
          Load more
        </button>
      )}
    </section>
  );
}
