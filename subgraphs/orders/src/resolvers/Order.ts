import type { OrderConnectionResolvers, OrderItemResolvers, OrderResolvers } from '../__generated__/resolvers-types';
import { productReference, userReference } from '../references';
import { lineTotal } from '../services/pricing';

/** Money is null until products has fixed the prices (no currency yet). */
const money = (amount: number | null, currency: string | null) => (amount === null || currency === null ? null : { amount, currency });

export const Order: OrderResolvers = {
  __resolveReference: ({ id }, { orders }) => orders.reference(id),
  customer: (order) => userReference(order.customerId),
  items: (order, _, { loaders }) => loaders.itemsByOrder.load(order.id),
  statusHistory: (order, _, { loaders }) => loaders.historyByOrder.load(order.id),
  subtotal: (order) => money(order.subtotal, order.currency),
  tax: (order) => money(order.tax, order.currency),
  shippingCost: (order) => money(order.shippingCost, order.currency),
  total: (order) => money(order.total, order.currency),
  shippingAddress: (order) =>
    order.shipLine1 && order.shipCity && order.shipPostalCode && order.shipCountry
      ? { line1: order.shipLine1, city: order.shipCity, postalCode: order.shipPostalCode, country: order.shipCountry }
      : null,
};

export const OrderItem: OrderItemResolvers = {
  product: (item) => productReference(item.productId),
  unitPrice: (item) => money(item.unitPrice, item.currency),
  lineTotal: (item) => money(item.unitPrice === null ? null : lineTotal(item.unitPrice, item.quantity), item.currency),
};

export const OrderConnection: OrderConnectionResolvers = {
  totalCount: (page) => page.totalCount(),
};
