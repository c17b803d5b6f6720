import type { CartFieldsFragment } from '@supergraph/client-core';

/** The cart's value at today's prices (the order fixes prices, tax and shipping when it is confirmed). */
export function cartSubtotal(items: CartFieldsFragment['items']) {
  return { amount: items.reduce((sum, item) => sum + item.product.price.amount * item.quantity, 0), currency: items[0]?.product.price.currency ?? 'USD' };
}
