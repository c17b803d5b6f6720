import { useMutation } from '@apollo/client/react';
import { AddToCartDocument } from '@supergraph/client-core';
import { Link } from 'react-router';
import { useAppSession } from '../session';
import { ErrorMessage } from './Status';

export function AddToCart({ productId, inStock, quantity = 1 }: { productId: string; inStock: boolean; quantity?: number }) {
  const { state } = useAppSession();
  const [add, { loading, error, data, reset }] = useMutation(AddToCartDocument);
  if (!state) return <Link to="/login">Sign in to buy</Link>;
  if (!inStock) return null;
  return (
    <div className="add-to-cart">
      <button type="button" className="primary" disabled={loading} onClick={() => void add({ variables: { productId, quantity } }).catch(() => undefined)}>
        {loading ? 'Adding…' : 'Add to cart'}
      </button>
      {data && !loading && (
        <span className="added" role="status">
          Added · <Link to="/cart">view cart</Link>
        </span>
      )}
      {error && <ErrorMessage error={error} retry={reset} />}
    </div>
  );
}
