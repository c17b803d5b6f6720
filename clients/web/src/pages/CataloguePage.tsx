import { useQuery } from '@apollo/client/react';
import { ProductsDocument, type ProductFilter, type ProductSortField, type SortDirection } from '@supergraph/client-core';
import { useSearchParams } from 'react-router';
import { Filters } from '../components/Filters';
import { ProductCard } from '../components/ProductCard';
import { ErrorMessage, Loading } from '../components/Status';

const PAGE_SIZE = 12;

/** The filters live in the address (?q=&category=&min=&max=&stock=1&sort=PRICE:ASC): shareable, and Back works. */
function filterFrom(params: URLSearchParams): ProductFilter {
  const cents = (name: string) => (params.get(name) ? Math.round(Number(params.get(name)) * 100) : undefined);
  return {
    search: params.get('q') || undefined,
    categoryId: params.get('category') || undefined,
    minPrice: cents('min'),
    maxPrice: cents('max'),
    inStock: params.get('stock') === '1' || undefined,
  };
}

export function CataloguePage() {
  const [params] = useSearchParams();
  const [field, direction] = (params.get('sort') ?? 'CREATED_AT:DESC').split(':') as [ProductSortField, SortDirection];
  const { data, loading, error, fetchMore, refetch } = useQuery(ProductsDocument, {
    variables: { filter: filterFrom(params), sort: { field, direction }, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const products = data?.products;

  return (
    <div className="catalogue">
      <Filters />
      <section>
        {products && (
          <p className="count" data-testid="product-count">
            {products.totalCount} {products.totalCount === 1 ? 'product' : 'products'}
          </p>
        )}
        {error && <ErrorMessage error={error} retry={() => void refetch()} />}
        {products?.edges.length === 0 && <p className="empty">No products match these filters.</p>}
        <div className="grid">
          {products?.edges.map(({ node }) => (
            <ProductCard key={node.id} product={node} />
          ))}
        </div>
        {loading && <Loading what="Loading products" />}
        {products?.pageInfo.hasNextPage && !loading && (
          <button type="button" className="more" onClick={() => void fetchMore({ variables: { after: products.pageInfo.endCursor } })}>
            Load more
          </button>
        )}
      </section>
    </div>
  );
}
