import DataLoader from 'dataloader';
import { byKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Review } from '../entities/Review';
import { isUuid } from '../services/validation';

/** Reviews by id (`Review` references). */
export const reviewById = (dataSource: DataSource) =>
  new DataLoader<string, Review | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    return byKeys(ids, valid.length ? await dataSource.getRepository(Review).findBy({ id: In(valid) }) : [], (r) => r.id);
  });
