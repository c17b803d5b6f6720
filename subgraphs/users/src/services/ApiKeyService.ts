import { apiKeyMatches, hasRole, mintApiKey, parseApiKey, type Role, type Viewer } from '@supergraph/auth';
import { badUserInput, forbidden, notFound } from '@supergraph/errors';
import type { DataSource } from 'typeorm';
import { ApiKey } from '../entities/ApiKey';
import type { Loaders } from '../loaders';
import { requireViewer } from './access';
import { isUuid, requireText } from './validation';

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
    const { id, secret, secretHash, displayPrefix } = mintApiKey('sgk');
    const apiKey = await repository.save(repository.create({ id, userId: viewer.userId, name, role: input.role, prefix: displayPrefix, secretHash }));
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
    const parsed = parseApiKey(secret);
    if (parsed?.issuer !== 'users') return null;
    const repository = this.dataSource.getRepository(ApiKey);
    const apiKey = await repository.findOneBy({ id: parsed.id });
    if (!apiKey || apiKey.revokedAt || !apiKeyMatches(secret, apiKey.secretHash)) return null;
    if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await repository.update(apiKey.id, { lastUsedAt: new Date() });
    }
    return { kind: 'apiKey', userId: apiKey.userId, roles: [apiKey.role], apiKeyId: apiKey.id, issuer: 'users' };
  }
}
