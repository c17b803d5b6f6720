import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Order } from '../entities/Order';
import type { OrderItem } from '../entities/OrderItem';
import type { OrderStatusChange } from '../entities/OrderStatusChange';
import { historyByOrder } from './historyByOrder';
import { itemsByOrder } from './itemsByOrder';
import { orderById } from './orderById';

/** Per-request loaders (made in createContext): a page of orders with items and history costs three queries. */
export function createLoaders(dataSource: DataSource) {
  const loaders = {
    orderById: new DataLoader<string, Order | null>(orderById(dataSource)),
    itemsByOrder: new DataLoader<string, OrderItem[]>(itemsByOrder(dataSource)),
    historyByOrder: new DataLoader<string, OrderStatusChange[]>(historyByOrder(dataSource)),
    /** Forgets everything loaded: a subscription's context lives across events and must not answer from an earlier one. */
    clearAll() {
      loaders.orderById.clearAll();
      loaders.itemsByOrder.clearAll();
      loaders.historyByOrder.clearAll();
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
