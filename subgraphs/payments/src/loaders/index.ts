import DataLoader from 'dataloader';
import { byKeys, groupByKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource, type EntityTarget, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { CreditLine } from '../entities/CreditLine';
import { Installment } from '../entities/Installment';
import { InstallmentPlan } from '../entities/InstallmentPlan';
import { Payment } from '../entities/Payment';
import { Refund } from '../entities/Refund';

/**
 * One row per key (`where` on a unique column), N keys in one query; a malformed uuid never reaches
 * SQL. `where` and `keyOf` name the column for each entity, so TypeORM checks the filter's type.
 */
function oneBy<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, where: (keys: string[]) => FindOptionsWhere<T>, keyOf: (row: T) => string, uuidKeys = true) {
  return new DataLoader<string, T | null>(async (keys) => {
    const valid = uuidKeys ? keys.filter(isUuid) : [...keys];
    const rows = valid.length ? await dataSource.getRepository(entity).findBy(where(valid)) : [];
    return byKeys(keys, rows, keyOf);
  });
}

/** Every row of each key (one-to-many), N keys in one query. */
function manyBy<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, where: (keys: string[]) => FindOptionsWhere<T>, keyOf: (row: T) => string, order: FindOptionsOrder<T>) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await dataSource.getRepository(entity).find({ where: where([...keys]), order });
    return groupByKeys(keys, rows, keyOf);
  });
}

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  return {
    paymentById: oneBy(
      dataSource,
      Payment,
      (ids) => ({ id: In(ids) }),
      (payment) => payment.id,
    ),
    paymentByOrder: oneBy(
      dataSource,
      Payment,
      (orderIds) => ({ orderId: In(orderIds) }),
      (payment) => payment.orderId,
    ),
    refundsByPayment: manyBy(
      dataSource,
      Refund,
      (paymentIds) => ({ paymentId: In(paymentIds) }),
      (refund) => refund.paymentId,
      { createdAt: 'ASC', id: 'ASC' },
    ),
    planByPayment: oneBy(
      dataSource,
      InstallmentPlan,
      (paymentIds) => ({ paymentId: In(paymentIds) }),
      (plan) => plan.paymentId,
    ),
    plansByCreditLine: manyBy(
      dataSource,
      InstallmentPlan,
      (lineIds) => ({ creditLineId: In(lineIds) }),
      (plan) => plan.creditLineId,
      { createdAt: 'ASC', id: 'ASC' },
    ),
    installmentsByPlan: manyBy(
      dataSource,
      Installment,
      (planIds) => ({ planId: In(planIds) }),
      (installment) => installment.planId,
      { number: 'ASC' },
    ),
    creditLineById: oneBy(
      dataSource,
      CreditLine,
      (ids) => ({ id: In(ids) }),
      (line) => line.id,
    ),
    // User ids are the users subgraph's business: any string may be one.
    creditLineByCustomer: oneBy(
      dataSource,
      CreditLine,
      (customerIds) => ({ customerId: In(customerIds) }),
      (line) => line.customerId,
      false,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
