// Compile-time tests of the generated types (checked by `npm run typecheck:all`; nothing here runs):
// every `@ts-expect-error` line must fail to compile, so a wrong field or variable would be caught.
import { createClient, isSupergraphError, type OrderStatus } from '../src/index.js';

const sdk = createClient({ url: 'http://127.0.0.1:4000/graphql' });

export async function typed() {
  const { products } = await sdk.products({ filter: { search: 'coffee', inStock: true }, sort: { field: 'PRICE', direction: 'ASC' }, first: 5 });
  const price: number = products.edges[0].node.price.amount;
  // @ts-expect-error the catalogue's nodes have no `sku`
  void products.edges[0].node.sku;
  // @ts-expect-error prices are Money objects, not numbers
  const wrong: number = products.edges[0].node.price;
  // @ts-expect-error `search` is a string
  await sdk.products({ filter: { search: 42 } });
  // @ts-expect-error not a sort field of ProductSort
  await sdk.products({ sort: { field: 'POPULARITY' } });
  // @ts-expect-error no such variable
  await sdk.products({ limit: 5 });
  // @ts-expect-error `order` needs its id
  await sdk.order();
  // @ts-expect-error `checkout` needs an idempotency key
  await sdk.checkout({ input: { paymentMethod: 'CARD', cardToken: 'tok_visa' } });
  const { checkout } = await sdk.checkout({ input: { idempotencyKey: 'key-12345', paymentMethod: 'CARD', cardToken: 'tok_visa' } });
  const status: OrderStatus = checkout.status;
  // @ts-expect-error not an OrderStatus
  const shipped: OrderStatus = 'SENT';
  for await (const { orderStatusChanged } of sdk.orderStatusChanged({ orderId: checkout.id })) {
    // @ts-expect-error orderStatusChanged carries an Order, which has no `trackingPoints`
    void orderStatusChanged.trackingPoints;
    if (orderStatusChanged.status === 'DELIVERED') break;
  }
  // @ts-expect-error subscriptions take their variables only
  sdk.deliveryTracking({ orderId: checkout.id }, { signal: undefined });
  try {
    await sdk.cancelOrder({ id: checkout.id });
  } catch (error) {
    if (isSupergraphError(error, 'CONFLICT', 'NOT_FOUND')) {
      const code: 'CONFLICT' | 'NOT_FOUND' = error.code;
      // @ts-expect-error narrowed to the codes asked for
      const other: 'FORBIDDEN' = error.code;
      void [code, other];
    }
  }
  return [price, wrong, status, shipped];
}
