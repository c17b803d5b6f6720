import { hasRole, type Viewer } from '@supergraph/auth';
import { badUserInput, forbidden, notFound } from '@supergraph/errors';
import { inTransaction } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { Address } from '../entities/Address';
import { User } from '../entities/User';
import type { Loaders } from '../loaders';
import { canManage, requireViewer } from './access';
import { isUuid, optionalText, requireText } from './validation';

const MAX_ADDRESSES = 20;

export class UserService {
  constructor(private readonly dataSource: DataSource, private readonly loaders: Loaders, private readonly viewer: Viewer | null) {}

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
    if (Object.keys(changes).length) await this.dataSource.getRepository(User).update(viewer.userId, changes);
    const user = await this.dataSource.getRepository(User).findOneBy({ id: viewer.userId });
    if (!user) throw notFound('User not found');
    return user;
  }

  async addAddress(input: {
    label?: string | null;
    line1: string;
    line2?: string | null;
    city: string;
    postalCode: string;
    country: string;
    isDefault?: boolean | null;
  }): Promise<Address> {
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
    return inTransaction(this.dataSource, async (manager) => {
      // Lock the user row so concurrent adds cannot exceed the limit or leave two defaults.
      await manager.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [viewer.userId]);
      const count = await manager.countBy(Address, { userId: viewer.userId });
      if (count >= MAX_ADDRESSES) throw badUserInput(`At most ${MAX_ADDRESSES} addresses per user`, 'input');
      const isDefault = !!input.isDefault || count === 0;
      if (isDefault) await manager.update(Address, { userId: viewer.userId }, { isDefault: false });
      return manager.save(manager.create(Address, { ...values, isDefault }));
    });
  }
}
