import { formatMoney, type ProductCardFragment } from '@supergraph/client-core';
import { Link } from 'react-router';
import { AddToCart } from './AddToCart';

export function Rating({ rating, count }: { rating: number | null | undefined; count: number }) {
  return <span className="rating">{rating == null ? 'No reviews yet' : `★ ${rating.toFixed(1)} (${count})`}</span>;
}

export function ProductCard({ product }: { product: ProductCardFragment }) {
  return (
    <article className="product card" data-testid="product">
      <Link to={`/products/${product.id}`} className="name">
        {product.name}
      </Link>
      <span className="muted">{product.category.name}</span>
      <strong className="price">{formatMoney(product.price)}</strong>
      <Rating rating={product.rating} count={product.reviewCount} />
      <span className={product.inStock ? 'stock' : 'stock out'}>{product.inStock ? `${product.stock} in stock` : 'Out of stock'}</span>
      <AddToCart productId={product.id} inStock={product.inStock} />
    </article>
  );
}
