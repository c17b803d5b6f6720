import type { Resolvers } from '../__generated__/resolvers-types';
import { DateTime } from '@supergraph/service-kit';
import { orderStatusChanged } from './orderStatusChanged';

const money = (amount: number | null, currency: string | null) => (amount === null || currency === null ? null : { amount, currency });

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    cart: (_, __, { carts }) => carts.cart(),
    order: (_, { id }, { orders }) => orders.order(id),
  },
  Mutation: {
    addToCart: (_, { productId, quantity }, { carts }) => carts.add(productId, quantity),
    updateCartItem: (_, { productId, quantity }, { carts }) => carts.update(productId, quantity),
    removeFromCart: (_, { productId }, { carts }) => carts.remove(productId),
    checkout: (_, { input }, { orders }) => orders.checkout(input),
    cancelOrder: (_, { id, reason }, { orders }) => orders.cancel(id, reason),
  },
  Subscription: {
    orderStatusChanged,
  },
  Cart: {
    itemCount: (cart) => cart.items.reduce((sum, item) => sum + item.quantity, 0),
  },
  CartItem: {
    product: (item) => ({ __typename: 'Product', id: item.productId }) as never,
  },
  User: {
    orders: (user, { first, after, status }, { orders }) => orders.ordersOf(user.id, first, after, status) as never,
  },
  OrderConnection: {
    totalCount: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
  },
  Order: {
    // References carry the caller's identity too: someone else's order resolves to null.
    __resolveReference: async ({ id }, { loaders, viewer }) => {
      const order = await loaders.orderById.load(id);
      return order && (viewer?.userId === order.customerId || viewer?.roles.some((r) => r === 'ADMIN' || r === 'OPERATOR')) ? order : null;
    },
    customer: (order) => ({ __typename: 'User', id: order.customerId }) as never,
    items: (order, _, { loaders }) => loaders.itemsByOrder.load(order.id),
    subtotal: (order) => money(order.subtotal, order.currency),
    tax: (order) => money(order.tax, order.currency),
    shippingCost: (order) => money(order.shippingCost, order.currency),
    total: (order) => money(order.total, order.currency),
    statusHistory: (order, _, { loaders }) => loaders.historyByOrder.load(order.id),
  },
  OrderItem: {
    product: (item) => ({ __typename: 'Product', id: item.productId }) as never,
    unitPrice: (item) => money(item.unitPrice, item.currency),
    lineTotal: (item) => money(item.unitPrice === null ? null : item.unitPrice * item.quantity, item.currency),
  },
};
