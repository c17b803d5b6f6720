// Compile-time tests of the generated types (checked by `npm run typecheck:all`; nothing here runs):
// every `@ts-expect-error` line must fail to compile, so a wrong field or variable would be caught.
import { createClient, ingestReadings, isSupergraphError, type BackupAlertCause, type OrderStatus, type ReadingRejectionCode } from '../src/index.js';

const sdk = createClient({ url: 'http://127.0.0.1:4000/graphql' });

export async function typed() {
  const { products } = await sdk.products({ filter: { search: 'coffee', inStock: true }, sort: { field: 'PRICE', direction: 'ASC' }, first: 5 });
  const price: number = products.edges[0].node.price.amount;
  // @ts-expect-error the catalogue's nodes have no `sku`
  void products.edges[0].node.sku;
  // @ts-expect-error prices are Money objects, not numbers
  const wrong: number = products.edges[0].node.price;
  // @ts-expect-error `search` is a string
  await sdk.products({ filter: { search: 42 } });
  // @ts-expect-error not a sort field of ProductSort
  await sdk.products({ sort: { field: 'POPULARITY' } });
  // @ts-expect-error no such variable
  await sdk.products({ limit: 5 });
  // @ts-expect-error `order` needs its id
  await sdk.order();
  // @ts-expect-error `checkout` needs an idempotency key
  await sdk.checkout({ input: { paymentMethod: 'CARD', cardToken: 'tok_visa' } });
  const { checkout } = await sdk.checkout({ input: { idempotencyKey: 'key-12345', paymentMethod: 'CARD', cardToken: 'tok_visa' } });
  const status: OrderStatus = checkout.status;
  // @ts-expect-error not an OrderStatus
  const shipped: OrderStatus = 'SENT';
  for await (const { orderStatusChanged } of sdk.orderStatusChanged({ orderId: checkout.id })) {
    // @ts-expect-error orderStatusChanged carries an Order, which has no `trackingPoints`
    void orderStatusChanged.trackingPoints;
    if (orderStatusChanged.status === 'DELIVERED') break;
  }
  // @ts-expect-error subscriptions take their variables only
  sdk.deliveryTracking({ orderId: checkout.id }, { signal: undefined });
  try {
    await sdk.cancelOrder({ id: checkout.id });
  } catch (error) {
    if (isSupergraphError(error, 'CONFLICT', 'NOT_FOUND')) {
      const code: 'CONFLICT' | 'NOT_FOUND' = error.code;
      // @ts-expect-error narrowed to the codes asked for
      const other: 'FORBIDDEN' = error.code;
      void [code, other];
    }
  }
  return [price, wrong, status, shipped];
}

export async function typedTelemetryAndBackups() {
  const { ingestTelemetry } = await sdk.ingestTelemetry({ readings: [{ deviceId: 'd1', metric: 'temperature', value: 21.5, at: '2026-12-02T07:00:00Z' }] });
  const code: ReadingRejectionCode | undefined = ingestTelemetry.rejections[0]?.code;
  // @ts-expect-error a reading needs its time
  await sdk.ingestTelemetry({ readings: [{ deviceId: 'd1', metric: 'temperature', value: 21.5 }] });
  // @ts-expect-error not a BucketSize
  await sdk.telemetry({ deviceId: 'd1', metric: 'temperature', from: '', to: '', bucket: 'WEEK' });
  const summary = await ingestReadings(sdk, [], { batchSize: 1000 });
  const accepted: number = summary.accepted;
  const { backupReport } = await sdk.backupReport({ agentId: 'a1', from: '', to: '' });
  // Long is a decimal string: sums beyond 2^53 stay exact.
  const bytes: string = backupReport.totalBytes;
  // @ts-expect-error not a number
  const asNumber: number = backupReport.totalBytes;
  // @ts-expect-error reportBackupJob takes no agent id: the key says which agent it is
  await sdk.reportBackupJob({ input: { agentId: 'a1', status: 'FAILED', startedAt: '', finishedAt: '' } });
  for await (const { backupAlertRaised } of sdk.backupAlertRaised()) {
    const cause: BackupAlertCause = backupAlertRaised.cause;
    void cause;
    break;
  }
  return [code, accepted, bytes, asNumber];
}
