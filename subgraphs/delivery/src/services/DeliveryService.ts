import type { Viewer } from '@supergraph/auth';
import { badUserInput, notFound } from '@supergraph/errors';
import { followEntity, inTransaction, isUuid, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { estimatedArrival, requireLatLng } from '../domain/geo';
import { DELIVERY_STATUSES, requireAcceptsLocation, requireTransition, type DeliveryStatus } from '../domain/stateMachine';
import { parseShippingQuoteInput, quote, requireZoneOf, type Money, type ShippingQuoteInput } from '../domain/zones';
import { Address } from '../entities/Address';
import { Delivery } from '../entities/Delivery';
import { ShippingQuote } from '../entities/ShippingQuote';
import { TrackingPoint } from '../entities/TrackingPoint';
import { trackingChannel, type DeliveryChanged } from '../events';
import type { Loaders } from '../loaders';
import { canRead, requireCanMove, requireCanRead, requireCanReportLocation, requireCourier, requireViewer } from './access';
import { announce, etaOf, recordStatus, releaseCourier } from './moves';
import { sweeperOf } from './sweeper';

/** Longest free text a courier may attach (a reason, a proof of delivery such as a signature's name or a photo reference). */
const MAX_TEXT = 1000;

/** A saved address reaches delivery's read model an instant after users saved it: wait that long, no longer. */
const ADDRESS_WAIT_MS = 1000;

/** Deliveries: reading with authorization, quotes, the courier's moves and reports, live tracking. */
export class DeliveryService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** A delivery the viewer may read, or null (a field answers null rather than say whether it exists). */
  async readable(delivery: Delivery | null): Promise<Delivery | null> {
    return delivery && canRead(this.viewer, delivery) ? delivery : null;
  }

  byOrder(orderId: string) {
    return this.loaders.deliveryByOrder.load(orderId).then((d) => this.readable(d));
  }

  byId(id: string) {
    return this.loaders.deliveryById.load(id).then((d) => this.readable(d));
  }

  /** The courier's own deliveries: open ones first (the work in hand), then newest. */
  async courierDeliveries(status: DeliveryStatus | null | undefined): Promise<Delivery[]> {
    const courier = requireCourier(this.viewer);
    const query = this.runtime.dataSource
      .getRepository(Delivery)
      .createQueryBuilder('d')
      .where('d.courier_id = :courierId', { courierId: courier.userId })
      .orderBy(`CASE WHEN d.status IN ('ASSIGNED', 'PICKED_UP', 'IN_TRANSIT') THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      // A day's work is a handful; the cap keeps a long career from becoming one huge answer.
      .take(100);
    if (status) query.andWhere('d.status = :status', { status });
    const rows = await query.getMany();
    for (const row of rows) this.loaders.deliveryById.prime(row.id, row);
    return rows;
  }

  /** The price of shipping to one of the viewer's addresses, or to a zone (anyone may ask that). */
  async shippingQuote(input: ShippingQuoteInput): Promise<Money> {
    const request = parseShippingQuoteInput(input);
    if ('zone' in request) return quote(request.zone, request.weightGrams);
    const viewer = requireViewer(this.viewer);
    const address = await this.ownAddress(viewer.userId, request.addressId);
    // Someone else's address and an unknown one get the same answer: nothing is revealed.
    if (!address) throw badUserInput('No such address', 'input.addressId');
    return quote(requireZoneOf(address), request.weightGrams);
  }

  private async ownAddress(userId: string, addressId: string): Promise<Address | null> {
    const repository = this.runtime.dataSource.getRepository(Address);
    const deadline = Date.now() + ADDRESS_WAIT_MS;
    for (;;) {
      const address = await repository.findOneBy({ id: addressId });
      if (address) return address.userId === userId ? address : null;
      if (Date.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * `updateDeliveryStatus`: the assigned courier or an admin, one legal step at a time. The move,
   * its history and its event commit together; the courier's load drops when it closes, and a
   * waiting delivery may then go to them.
   */
  async updateStatus(args: { id: string; status: DeliveryStatus; reason?: string | null; proofOfDelivery?: string | null }): Promise<Delivery> {
    const viewer = requireViewer(this.viewer);
    if (!isUuid(args.id)) throw badUserInput('id is not a delivery id', 'id');
    if (!(DELIVERY_STATUSES as readonly string[]).includes(args.status)) throw badUserInput('Unknown status', 'status');
    const reason = optionalText(args.reason, 'reason');
    const proof = optionalText(args.proofOfDelivery, 'proofOfDelivery');
    if (proof !== null && args.status !== 'DELIVERED') throw badUserInput('A proof of delivery goes with DELIVERED only', 'proofOfDelivery');
    if (reason !== null && args.status !== 'FAILED') throw badUserInput('A reason goes with FAILED only', 'reason');

    const delivery = await inTransaction(this.runtime.dataSource, async (manager) => {
      const delivery = await this.lockedForViewer(manager, args.id);
      requireCanMove(viewer, delivery);
      requireTransition(delivery.status, args.status, 'courier');
      const now = new Date();
      const closes = args.status === 'DELIVERED' || args.status === 'FAILED';
      const changes: Partial<Delivery> = { eta: closes ? null : await etaOf(manager, delivery, args.status, now) };
      if (args.status === 'DELIVERED') Object.assign(changes, { deliveredAt: now, proofOfDelivery: proof });
      if (args.status === 'FAILED') changes.failureReason = reason;
      if (closes) await releaseCourier(manager, delivery.courierId);
      return recordStatus(this.runtime, manager, delivery, args.status, changes, { by: viewer.userId, reason });
    });
    this.runtime.eventsCommitted();
    announce(this.runtime, delivery);
    if (delivery.status === 'DELIVERED' || delivery.status === 'FAILED') sweeperOf(this.runtime).wake();
    this.loaders.clearAll();
    return delivery;
  }

  /** `reportCourierLocation`: the assigned courier, while the delivery is theirs and under way. */
  async reportLocation(args: { deliveryId: string; lat: number; lng: number }): Promise<Delivery> {
    const viewer = requireViewer(this.viewer);
    if (!isUuid(args.deliveryId)) throw badUserInput('deliveryId is not a delivery id', 'deliveryId');
    const point = requireLatLng(args.lat, args.lng);
    const delivery = await inTransaction(this.runtime.dataSource, async (manager) => {
      const delivery = await this.lockedForViewer(manager, args.deliveryId, 'deliveryId');
      requireCanReportLocation(viewer, delivery);
      requireAcceptsLocation(delivery.status);
      const now = new Date();
      await manager.insert(TrackingPoint, { deliveryId: delivery.id, lat: point.lat, lng: point.lng, at: now });
      const eta = estimatedArrival({ status: delivery.status, lastPoint: point, destination: { lat: delivery.destLat, lng: delivery.destLng } }, now);
      await manager.update(Delivery, { id: delivery.id }, { eta, updatedAt: now });
      return Object.assign(delivery, { eta, updatedAt: now });
    });
    announce(this.runtime, delivery);
    this.loaders.clearAll();
    return delivery;
  }

  /** The delivery, locked until commit; NOT_FOUND when there is none or the viewer may not see it. */
  private async lockedForViewer(manager: EntityManager, id: string, field = 'id'): Promise<Delivery> {
    const delivery = await manager.findOne(Delivery, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!delivery) throw notFound('Delivery not found', { [field]: id });
    requireCanRead(this.viewer, delivery);
    return delivery;
  }

  /**
   * `deliveryTracking`: authorized once, here, from the delivery or (before payment, when there is
   * none yet) the quote's customer; then the delivery as it stands and again after each change.
   * Listening starts before the first read, so no change can fall between the two.
   */
  async follow(orderId: string): Promise<AsyncIterableIterator<Delivery>> {
    const viewer = requireViewer(this.viewer);
    if (!isUuid(orderId)) throw badUserInput('orderId is not a valid id', 'orderId');
    const messages = this.runtime.pubsub.subscribe<DeliveryChanged>(trackingChannel(orderId), { bufferSize: 100 });
    const load = () => this.runtime.dataSource.getRepository(Delivery).findOneBy({ orderId });
    try {
      const current = await load();
      const parties = current ?? (await this.quoteParties(orderId));
      // Missing or someone else's: the same answer, so that existence is not revealed.
      if (!parties) throw notFound('Delivery not found', { orderId });
      requireCanRead(viewer, parties);
      // An order not paid yet has no delivery: the stream waits for it. Every change (status,
      // location) sets updated_at, so an announcement of a change already shown is skipped.
      const reload = async () => {
        this.loaders.clearAll();
        return load();
      };
      return followEntity(current, messages, reload, (delivery, last) => delivery.updatedAt.getTime() > last.updatedAt.getTime());
    } catch (error) {
      await messages.return?.();
      throw error;
    }
  }

  private async quoteParties(orderId: string) {
    const quoted = await this.runtime.dataSource.getRepository(ShippingQuote).findOneBy({ orderId });
    return quoted ? { id: orderId, customerId: quoted.customerId, courierId: null } : null;
  }
}

function optionalText(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  const text = value.trim();
  if (!text || text.length > MAX_TEXT) throw badUserInput(`${field} must be 1 to ${MAX_TEXT} characters`, field);
  return text;
}
