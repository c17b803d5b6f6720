// From nothing to a live subscription: browse the catalogue, sign in, buy the cheapest product in
// stock with a test card, then follow the order live until it is paid.
//
//   npm start                                   # in the repository: the API on http://127.0.0.1:4000/graphql
//   npx tsx examples/live-order.ts              # SUPERGRAPH_URL=... to point it elsewhere
import { createClient, isSupergraphError } from '@supergraph/sdk';

const url = process.env.SUPERGRAPH_URL ?? 'http://127.0.0.1:4000/graphql';

async function main() {
  const anonymous = createClient({ url });
  const { products } = await anonymous.products({ filter: { inStock: true }, sort: { field: 'PRICE', direction: 'ASC' }, first: 1 });
  const product = products.edges[0].node;
  console.log(`Buying ${product.name} for ${product.price.amount / 100} ${product.price.currency}`);

  const { login } = await anonymous.login({ input: { email: 'customer@example.com', password: 'Demo-Password-1' } });
  let refreshToken = login.refreshToken;
  const sdk = createClient({
    url,
    token: login.accessToken,
    // Access tokens live 15 minutes; the SDK calls this when one is refused and retries once.
    onTokenExpired: async () => {
      const { refreshToken: renewed } = await anonymous.refreshToken({ token: refreshToken });
      refreshToken = renewed.refreshToken;
      return renewed.accessToken;
    },
  });

  try {
    await sdk.addToCart({ productId: product.id, quantity: 1 });
    const { checkout } = await sdk.checkout({ input: { idempotencyKey: `example-${Date.now()}`, paymentMethod: 'CARD', cardToken: 'tok_visa' } });
    console.log(`Order ${checkout.id} is ${checkout.status}`);

    for await (const { orderStatusChanged: order } of sdk.orderStatusChanged({ orderId: checkout.id })) {
      console.log(`Order ${order.id} is ${order.status}${order.total ? `, total ${order.total.amount / 100} ${order.total.currency}` : ''}`);
      if (['PAID', 'REJECTED', 'PAYMENT_FAILED', 'CANCELLED'].includes(order.status)) break;
    }
  } catch (error) {
    if (isSupergraphError(error)) console.error(`The API said ${error.code}${error.field ? ` about ${error.field}` : ''}: ${error.message}`);
    throw error;
  } finally {
    await Promise.all([sdk.close(), anonymous.close()]);
  }
}

main().catch(() => (process.exitCode = 1));
