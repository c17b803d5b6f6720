import { useMutation, useQuery } from '@apollo/client/react';
import { CartDocument, formatMoney, RemoveFromCartDocument, UpdateCartItemDocument } from '@supergraph/client-core';
import { Link } from 'react-router';
import { cartSubtotal } from '../cart';
import { ErrorMessage, Loading } from '../components/Status';

export function CartPage() {
  const { data, loading, error, refetch } = useQuery(CartDocument, { fetchPolicy: 'cache-and-network' });
  const [update, updating] = useMutation(UpdateCartItemDocument);
  const [remove, removing] = useMutation(RemoveFromCartDocument);
  const changeError = updating.error ?? removing.error;

  if (loading && !data) return <Loading what="Loading your cart" />;
  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  const items = data?.cart.items ?? [];
  if (items.length === 0)
    return (
      <p className="empty">
        Your cart is empty. <Link to="/">Browse the catalogue</Link>
      </p>
    );

  const { currency } = items[0].product.price;
  return (
    <section className="card">
      <h1>Your cart</h1>
      <table className="lines">
        <thead>
          <tr>
            <th>Product</th>
            <th>Price</th>
            <th>Quantity</th>
            <th>Total</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map(({ product, quantity }) => (
            <tr key={product.id} data-testid="cart-line">
              <td>
                <Link to={`/products/${product.id}`}>{product.name}</Link>
              </td>
              <td>{formatMoney(product.price)}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  max={100}
                  aria-label={`Quantity of ${product.name}`}
                  defaultValue={quantity}
                  onBlur={(event) => Number(event.target.value) !== quantity && void update({ variables: { productId: product.id, quantity: Number(event.target.value) } }).catch(() => undefined)}
                />
              </td>
              <td>{formatMoney({ amount: product.price.amount * quantity, currency })}</td>
              <td>
                <button type="button" className="link" onClick={() => void remove({ variables: { productId: product.id } }).catch(() => undefined)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {changeError && <ErrorMessage error={changeError} />}
      <p className="subtotal">
        Subtotal <strong>{formatMoney(cartSubtotal(items))}</strong> <span className="muted">(tax and shipping at checkout)</span>
      </p>
      <Link to="/checkout" className="button primary">
        Checkout
      </Link>
    </section>
  );
}
