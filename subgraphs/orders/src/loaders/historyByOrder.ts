import { groupByKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { OrderStatusChange } from '../entities/OrderStatusChange';

/** The status history of many orders in one query, oldest change first. */
export const historyByOrder =
  (dataSource: DataSource) =>
  async (orderIds: readonly string[]): Promise<OrderStatusChange[][]> => {
    const rows = await dataSource.getRepository(OrderStatusChange).find({ where: { orderId: In([...orderIds]) }, order: { seq: 'ASC' } });
    return groupByKeys(orderIds, rows, (change) => change.orderId);
  };
