import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hasRole, type Role, type Viewer } from '@supergraph/auth';
import { badUserInput, forbidden, notFound } from '@supergraph/errors';
import type { DataSource } from 'typeorm';
import { ApiKey } from '../entities/ApiKey';
import type { Loaders } from '../loaders';
import { requireViewer } from './access';
import { isUuid, requireText } from './validation';

/**
 * Secrets look like `sgk_<key id, 32 hex>_<43 random base64url chars>`: the id finds the row in one
 * indexed lookup, the random part is compared by hash in constant time.
 */
const SECRET_PATTERN = /^sgk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest();

function toUuid(hex: string) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Don't write `last_used_at` on every request of a busy machine client. */
const LAST_USED_RESOLUTION_MS = 60_000;

export class ApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders | null,
    private readonly viewer: Viewer | null,
  ) {}

  async create(input: { name: string; role: Role }): Promise<{ apiKey: ApiKey; secret: string }> {
    const viewer = requireViewer(this.viewer);
    if (viewer.kind !== 'user') throw forbidden('API keys cannot create API keys');
    const name = requireText(input.name, 'input.name', { max: 100 });
    if (!hasRole(viewer, 'ADMIN') && !viewer.roles.includes(input.role)) {
      throw badUserInput('You can only grant a role you hold', 'input.role');
    }
    const repository = this.dataSource.getRepository(ApiKey);
    const id = crypto.randomUUID();
    const secret = `sgk_${id.replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
    const apiKey = await repository.save(repository.create({ id, userId: viewer.userId, name, role: input.role, prefix: secret.slice(0, 12), secretHash: sha256(secret).toString('hex') }));
    return { apiKey, secret };
  }

  async revoke(id: string): Promise<ApiKey> {
    const viewer = requireViewer(this.viewer);
    const repository = this.dataSource.getRepository(ApiKey);
    const apiKey = isUuid(id) ? await repository.findOneBy({ id }) : null;
    if (!apiKey || (apiKey.userId !== viewer.userId && !hasRole(viewer, 'ADMIN'))) throw notFound('API key not found', { id });
    if (!apiKey.revokedAt) {
      apiKey.revokedAt = new Date();
      await repository.update(apiKey.id, { revokedAt: apiKey.revokedAt });
    }
    return apiKey;
  }

  async listFor(userId: string): Promise<ApiKey[] | null> {
    if (!this.viewer || (this.viewer.userId !== userId && !hasRole(this.viewer, 'ADMIN'))) return null;
    return this.loaders ? this.loaders.apiKeysByUser.load(userId) : [];
  }

  /** The identity a secret stands for, or null (unknown, malformed or revoked). Used by the router. */
  async verify(secret: string): Promise<Viewer | null> {
    const match = SECRET_PATTERN.exec(secret);
    if (!match) return null;
    const repository = this.dataSource.getRepository(ApiKey);
    const apiKey = await repository.findOneBy({ id: toUuid(match[1]) });
    if (!apiKey || apiKey.revokedAt) return null;
    if (!timingSafeEqual(Buffer.from(apiKey.secretHash, 'hex'), sha256(secret))) return null;
    if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await repository.update(apiKey.id, { lastUsedAt: new Date() });
    }
    return { kind: 'apiKey', userId: apiKey.userId, roles: [apiKey.role], apiKeyId: apiKey.id };
  }
}
