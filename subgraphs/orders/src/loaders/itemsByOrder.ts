import { groupByKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { OrderItem } from '../entities/OrderItem';

/** The lines of many orders in one query. */
export const itemsByOrder =
  (dataSource: DataSource) =>
  async (orderIds: readonly string[]): Promise<OrderItem[][]> => {
    const rows = await dataSource.getRepository(OrderItem).find({ where: { orderId: In([...orderIds]) }, order: { orderId: 'ASC', productId: 'ASC' } });
    return groupByKeys(orderIds, rows, (item) => item.orderId);
  };
