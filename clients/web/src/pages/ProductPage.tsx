import { useQuery } from '@apollo/client/react';
import { formatMoney, ProductDocument } from '@supergraph/client-core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AddToCart } from '../components/AddToCart';
import { Rating } from '../components/ProductCard';
import { ErrorMessage, Loading } from '../components/Status';

export function ProductPage() {
  const { id = '' } = useParams();
  const [quantity, setQuantity] = useState(1);
  const { data, loading, error, refetch } = useQuery(ProductDocument, { variables: { id } });
  if (loading) return <Loading what="Loading the product" />;
  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  const product = data?.product;
  if (!product) return <p className="empty">This product does not exist (any more).</p>;
  return (
    <article className="card detail">
      <Link to="/">← Catalogue</Link>
      <h1>{product.name}</h1>
      <p className="muted">{product.category.name}</p>
      <p>{product.description}</p>
      <p className="price">{formatMoney(product.price)}</p>
      <Rating rating={product.rating} count={product.reviewCount} />
      <p className={product.inStock ? 'stock' : 'stock out'}>{product.inStock ? `${product.stock} in stock` : 'Out of stock'}</p>
      {product.inStock && (
        <label className="quantity">
          Quantity
          <input type="number" min={1} max={Math.min(100, product.stock)} value={quantity} onChange={(event) => setQuantity(Math.max(1, Number(event.target.value) || 1))} />
        </label>
      )}
      <AddToCart productId={product.id} inStock={product.inStock} quantity={quantity} />
    </article>
  );
}
