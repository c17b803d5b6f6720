/** Topics orders emits and consumes (docs/writing-a-subgraph.md). */
export const OrderTopics = {
  placed: 'orders.order.placed',
  cancelled: 'orders.order.cancelled',
} as const;

export const ProductTopics = {
  upserted: 'products.product.upserted',
  stockReserved: 'products.stock.reserved',
  stockRejected: 'products.stock.rejected',
} as const;

export interface Money {
  amount: number;
  currency: string;
}

export interface OrderPlaced {
  orderId: string;
  customerId: string;
  items: { productId: string; quantity: number }[];
}

export interface OrderCancelled {
  orderId: string;
  customerId: string;
}

export interface ProductUpserted {
  productId: string;
  name: string;
  price: Money;
}

export interface StockReserved {
  orderId: string;
  items: { productId: string; quantity: number; unitPrice: Money }[];
}

export interface StockRejected {
  orderId: string;
  reason: string;
  items: { productId: string; requested: number; available: number }[];
}

/** Pub/sub channel of an order's status changes (every orders instance publishes, any may listen). */
export const statusChannel = (orderId: string) => `orders.order.statusChanged.${orderId}`;
