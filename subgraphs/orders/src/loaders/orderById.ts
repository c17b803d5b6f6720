import { byKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Order } from '../entities/Order';

/** Orders by id, one query per batch; a malformed id is simply not found (never reaches SQL). */
export const orderById =
  (dataSource: DataSource) =>
  async (ids: readonly string[]): Promise<(Order | null)[]> => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await dataSource.getRepository(Order).findBy({ id: In(valid) }) : [];
    return byKeys(ids, rows, (order) => order.id);
  };
