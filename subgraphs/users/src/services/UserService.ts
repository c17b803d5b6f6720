import { hasRole, type Viewer } from '@supergraph/auth';
import { badUserInput, forbidden, notFound } from '@supergraph/errors';
import { inTransaction, type SubgraphRuntime } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { Address } from '../entities/Address';
import { User } from '../entities/User';
import type { Loaders } from '../loaders';
import { canManage, requireViewer } from './access';
import { announceAddress, announceUser } from './announcements';
import { isUuid, optionalText, requireText } from './validation';

const MAX_ADDRESSES = 20;

export class UserService {
  private readonly dataSource: DataSource;

  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {
    this.dataSource = runtime.dataSource;
  }

  me(): Promise<User | null> {
    return this.viewer ? this.loaders.userById.load(this.viewer.userId) : Promise.resolve(null);
  }

  async user(id: string): Promise<User | null> {
    requireViewer(this.viewer);
    if (!canManage(this.viewer, id)) throw forbidden('Only admins may look up other users');
    if (!isUuid(id)) return null;
    return this.loaders.userById.load(id);
  }

  /** Sensitive fields (email) are shown to the user, admins and operators. */
  canSeeEmail(user: User) {
    return canManage(this.viewer, user.id) || hasRole(this.viewer, 'OPERATOR');
  }

  async addresses(user: User): Promise<Address[] | null> {
    if (!canManage(this.viewer, user.id)) return null;
    return this.loaders.addressesByUser.load(user.id);
  }

  async updateProfile(input: { name?: string | null }): Promise<User> {
    const viewer = requireViewer(this.viewer);
    const changes: Partial<User> = {};
    if (input.name !== undefined && input.name !== null) changes.name = requireText(input.name, 'input.name', { max: 100 });
    const user = await inTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneBy(User, { id: viewer.userId });
      if (!user) throw notFound('User not found');
      if (changes.name === undefined || changes.name === user.name) return user;
      await manager.update(User, user.id, changes);
      Object.assign(user, changes);
      // Delivery's roster shows couriers by name.
      await announceUser(this.runtime, manager, user);
      return user;
    });
    this.runtime.eventsCommitted();
    return user;
  }

  async addAddress(input: { label?: string | null; line1: string; line2?: string | null; city: string; postalCode: string; country: string; isDefault?: boolean | null }): Promise<Address> {
    const viewer = requireViewer(this.viewer);
    const country = input.country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) throw badUserInput('Country must be an ISO 3166-1 alpha-2 code', 'input.country');
    const values = {
      userId: viewer.userId,
      label: optionalText(input.label, 'input.label', 50),
      line1: requireText(input.line1, 'input.line1'),
      line2: optionalText(input.line2, 'input.line2'),
      city: requireText(input.city, 'input.city', { max: 100 }),
      postalCode: requireText(input.postalCode, 'input.postalCode', { max: 20 }),
      country,
    };
    const address = await inTransaction(this.dataSource, async (manager) => {
      // Lock the user row so concurrent adds cannot exceed the limit or leave two defaults.
      await manager.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [viewer.userId]);
      const count = await manager.countBy(Address, { userId: viewer.userId });
      if (count >= MAX_ADDRESSES) throw badUserInput(`At most ${MAX_ADDRESSES} addresses per user`, 'input');
      const isDefault = !!input.isDefault || count === 0;
      if (isDefault) {
        // The previous default changes too: read models (orders' checkout) must stop taking it as the default.
        const previous = await manager.findBy(Address, { userId: viewer.userId, isDefault: true });
        await manager.update(Address, { userId: viewer.userId }, { isDefault: false });
        for (const old of previous) await announceAddress(this.runtime, manager, { ...old, isDefault: false });
      }
      const saved = await manager.save(manager.create(Address, { ...values, isDefault }));
      await announceAddress(this.runtime, manager, saved);
      return saved;
    });
    this.runtime.eventsCommitted();
    return address;
  }
}
