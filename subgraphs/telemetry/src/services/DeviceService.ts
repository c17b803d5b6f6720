import { apiKeyMatches, mintApiKey, parseApiKey, type Viewer } from '@supergraph/auth';
import { badUserInput, notFound } from '@supergraph/errors';
import { decodeCursor, encodeCursor, isUuid, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import { Device } from '../entities/Device';
import { devicesKey, type Loaders } from '../loaders';
import { canRead, deviceOf, requireCanManage, requirePerson, requireSelfOrAdmin, requireViewer } from './access';

export interface DeviceRegistration {
  device: Device;
  apiKey: string;
}

function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (!text || text.length > max) throw badUserInput(`${field.split('.').pop()} must be 1 to ${max} characters`, field);
  return text;
}

/** Devices: registration and keys (owner or admin), reading with authorization, and the key check the router asks for. */
export class DeviceService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** A device the viewer may read, or null (a field answers null rather than say whether it exists). */
  async byId(id: string): Promise<Device | null> {
    if (!isUuid(id)) throw badUserInput('id is not a device id', 'id');
    return this.readable(id);
  }

  async readable(id: string): Promise<Device | null> {
    const device = await this.loaders.deviceById.load(id);
    return device && canRead(this.viewer, device) ? device : null;
  }

  /** The device, or NOT_FOUND for one that does not exist or that the viewer may not read. */
  async requireReadable(id: string, field: string): Promise<Device> {
    requireViewer(this.viewer);
    if (!isUuid(id)) throw badUserInput(`${field} is not a device id`, field);
    const device = await this.readable(id);
    if (!device) throw notFound('Device not found', { [field]: id });
    return device;
  }

  /** `devices(first, after)`: the viewer's own, newest first (a device key: itself). */
  async mine(first: number | null | undefined, after: string | null | undefined) {
    const viewer = requireViewer(this.viewer);
    const size = pageSize(first);
    const cursor = after ? decodeCursor(after) : null;
    if (cursor && (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])))) throw badUserInput('Cursor is not valid', 'after');
    const query = this.runtime.dataSource.getRepository(Device).createQueryBuilder('d').where('d.owner_id = :ownerId', { ownerId: viewer.userId });
    // A device's key acts for its owner but sees only itself, not its siblings.
    const self = deviceOf(viewer);
    if (self) query.andWhere('d.id = :self', { self });
    if (cursor) query.andWhere('(d.created_at, d.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at: cursor[0], id: cursor[1] });
    // The cursor keeps PostgreSQL's microseconds: a JavaScript Date (milliseconds) would skip or repeat rows.
    query.addSelect(`to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at');
    const { entities, raw } = await query
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(size + 1)
      .getRawAndEntities<{ cursor_at: string }>();
    const edges = entities.slice(0, size).map((node, i) => {
      this.loaders.deviceById.prime(node.id, node);
      return { cursor: encodeCursor(raw[i].cursor_at, node.id), node };
    });
    return { edges, pageInfo: { hasNextPage: entities.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** `User.devices(first)`: batched over users. */
  ofOwner(userId: string, first: number | null | undefined): Promise<Device[]> {
    requireSelfOrAdmin(this.viewer, userId);
    return this.loaders.devicesByOwner.load(devicesKey(userId, pageSize(first)));
  }

  /** The device's id is its key's id: the router's key check finds the device by its primary key. */
  async register(input: { name: string; kind: string }): Promise<DeviceRegistration> {
    const person = requirePerson(this.viewer);
    const name = requireText(input.name, 'input.name', 100);
    const kind = requireText(input.kind, 'input.kind', 40);
    const key = mintApiKey('sgt');
    const repository = this.runtime.dataSource.getRepository(Device);
    const device = await repository.save(repository.create({ id: key.id, ownerId: person.userId, name, kind, keyPrefix: key.displayPrefix, keyHash: key.secretHash }));
    return { device, apiKey: key.secret };
  }

  /** A new key for the device (its id stays the device's id); the old one no longer matches. */
  async rotateKey(deviceId: string): Promise<DeviceRegistration> {
    const device = await this.managed(deviceId);
    const key = mintApiKey('sgt', device.id);
    Object.assign(device, { keyPrefix: key.displayPrefix, keyHash: key.secretHash });
    await this.runtime.dataSource.getRepository(Device).update({ id: device.id }, { keyPrefix: device.keyPrefix, keyHash: device.keyHash });
    return { device, apiKey: key.secret };
  }

  async revokeKey(deviceId: string): Promise<Device> {
    const device = await this.managed(deviceId);
    Object.assign(device, { keyPrefix: null, keyHash: null });
    await this.runtime.dataSource.getRepository(Device).update({ id: device.id }, { keyPrefix: null, keyHash: null });
    return device;
  }

  private async managed(deviceId: string): Promise<Device> {
    requirePerson(this.viewer);
    const device = await this.requireReadable(deviceId, 'deviceId');
    requireCanManage(this.viewer, device);
    return device;
  }
}

/** The router's question "whose key is this?" (POST /internal/api-keys/verify): the device's viewer, or null. */
export async function verifyDeviceKey(runtime: SubgraphRuntime, secret: string): Promise<Viewer | null> {
  const parsed = parseApiKey(secret);
  if (!parsed || parsed.prefix !== 'sgt') return null;
  const device = await runtime.dataSource.getRepository(Device).findOneBy({ id: parsed.id });
  if (!device?.keyHash || !apiKeyMatches(secret, device.keyHash)) return null;
  return { kind: 'apiKey', userId: device.ownerId, roles: [], apiKeyId: device.id, issuer: 'telemetry' };
}
