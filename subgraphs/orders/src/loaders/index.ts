import DataLoader from 'dataloader';
import { byKeys, groupByKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Order } from '../entities/Order';
import { OrderItem } from '../entities/OrderItem';
import { OrderStatusChange } from '../entities/OrderStatusChange';
import { isUuid } from '../services/validation';

/** Per-request loaders: the items and history of a page of orders cost one query each. */
export function createLoaders(dataSource: DataSource) {
  return {
    orderById: new DataLoader<string, Order | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      return byKeys(ids, valid.length ? await dataSource.getRepository(Order).findBy({ id: In(valid) }) : [], (o) => o.id);
    }),
    itemsByOrder: new DataLoader<string, OrderItem[]>(async (orderIds) =>
      groupByKeys(orderIds, await dataSource.getRepository(OrderItem).find({ where: { orderId: In([...orderIds]) }, order: { productId: 'ASC' } }), (i) => i.orderId),
    ),
    historyByOrder: new DataLoader<string, OrderStatusChange[]>(async (orderIds) =>
      groupByKeys(orderIds, await dataSource.getRepository(OrderStatusChange).find({ where: { orderId: In([...orderIds]) }, order: { seq: 'ASC' } }), (c) => c.orderId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
