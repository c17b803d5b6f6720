import DataLoader from 'dataloader';
import { byKeys, groupByKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Delivery } from '../entities/Delivery';
import { TrackingPoint } from '../entities/TrackingPoint';

// A malformed id cannot exist; leaving it out keeps it from reaching SQL as a cast error.
const uuids = (keys: readonly string[]) => keys.filter(isUuid);

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  const loaders = {
    /** `Delivery.__resolveReference`: N ids, one query. */
    deliveryById: new DataLoader<string, Delivery | null>(async (ids) => {
      const valid = uuids(ids);
      return byKeys(ids, valid.length ? await dataSource.getRepository(Delivery).findBy({ id: In(valid) }) : [], (row) => row.id);
    }),
    /** `Order.delivery` for a page of orders: one query. */
    deliveryByOrder: new DataLoader<string, Delivery | null>(async (orderIds) => {
      const valid = uuids(orderIds);
      return byKeys(orderIds, valid.length ? await dataSource.getRepository(Delivery).findBy({ orderId: In(valid) }) : [], (row) => row.orderId);
    }),
    /** `Delivery.trackingPoints` of many deliveries, oldest first: one query. */
    pointsByDelivery: new DataLoader<string, TrackingPoint[]>(async (deliveryIds) => {
      const rows = await dataSource.getRepository(TrackingPoint).find({ where: { deliveryId: In([...deliveryIds]) }, order: { seq: 'ASC' } });
      return groupByKeys(deliveryIds, rows, (row) => row.deliveryId);
    }),
    /** Forgets everything loaded: a subscription's context lives across events and must not answer from an earlier one. */
    clearAll() {
      loaders.deliveryById.clearAll();
      loaders.deliveryByOrder.clearAll();
      loaders.pointsByDelivery.clearAll();
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
