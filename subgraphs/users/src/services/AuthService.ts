import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LessThan } from 'typeorm';
import { issueAccessToken, type Role } from '@supergraph/auth';
import { conflict, ErrorCode, unauthenticated } from '@supergraph/errors';
import { inTransaction, isUniqueViolation, type SubgraphRuntime } from '@supergraph/service-kit';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { RefreshToken } from '../entities/RefreshToken';
import { User } from '../entities/User';
import { announceUser } from './announcements';
import { assertStrongPassword, decoyHash, hashPassword, verifyPassword } from './passwords';
import { normalizeEmail, requireText } from './validation';

export interface AuthSettings {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

export const DEFAULT_AUTH_SETTINGS = { accessTokenTtlSeconds: 15 * 60, refreshTokenTtlDays: 30 };

/** Failed logins before an account is locked for LOCK_MINUTES (slows password guessing). */
const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export class AuthService {
  private readonly dataSource: DataSource;

  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly settings: AuthSettings,
  ) {
    this.dataSource = runtime.dataSource;
  }

  async register(input: { email: string; password: string; name: string }): Promise<AuthPayload> {
    const email = normalizeEmail(input.email);
    const name = requireText(input.name, 'input.name', { max: 100 });
    assertStrongPassword(input.password);
    const passwordHash = await hashPassword(input.password);
    try {
      const payload = await inTransaction(this.dataSource, async (manager) => {
        const user = await manager.save(manager.create(User, { email, name, passwordHash, roles: ['CUSTOMER'] satisfies Role[] }));
        await announceUser(this.runtime, manager, user);
        return this.startSession(manager, user);
      });
      this.runtime.eventsCommitted();
      return payload;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('An account with this email already exists', { field: 'input.email' });
      throw error;
    }
  }

  async login(input: { email: string; password: string }): Promise<AuthPayload> {
    const email = input.email.trim().toLowerCase();
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    if (!user) {
      await verifyPassword(input.password, await decoyHash());
      throw unauthenticated('Invalid email or password');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new GraphQLError('Too many failed logins; try again later', {
        extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000) },
      });
    }
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      const failed = user.failedLogins + 1;
      await this.dataSource.getRepository(User).update(user.id, {
        failedLogins: failed >= MAX_FAILED_LOGINS ? 0 : failed,
        lockedUntil: failed >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null,
      });
      throw unauthenticated('Invalid email or password');
    }
    return inTransaction(this.dataSource, async (manager) => {
      if (user.failedLogins || user.lockedUntil) await manager.update(User, user.id, { failedLogins: 0, lockedUntil: null });
      return this.startSession(manager, user);
    });
  }

  /** Spends `token` and returns a new pair. A spent or revoked token revokes its family. */
  async refresh(token: string): Promise<AuthPayload> {
    const outcome = await inTransaction(this.dataSource, async (manager) => {
      const current = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(token) })
        .getOne();
      if (!current || current.expiresAt <= new Date()) return { error: 'Refresh token is invalid or expired' } as const;
      if (current.spentAt || current.revokedAt) {
        await this.revokeFamily(manager, current.familyId);
        return { error: 'Refresh token was already used; the session has been revoked' } as const;
      }
      const user = await manager.findOneByOrFail(User, { id: current.userId });
      await manager.update(RefreshToken, current.id, { spentAt: new Date() });
      return { payload: await this.issue(manager, user, current.familyId) } as const;
    });
    // The family revocation above must commit, so the error is raised outside the transaction.
    if ('error' in outcome) throw unauthenticated(outcome.error);
    return outcome.payload;
  }

  /** Ends the session the refresh token belongs to. False when the token is unknown. */
  async logout(token: string): Promise<boolean> {
    const current = await this.dataSource.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(token) });
    if (!current) return false;
    await this.revokeFamily(this.dataSource.manager, current.familyId);
    return true;
  }

  private async revokeFamily(manager: EntityManager, familyId: string) {
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  private startSession(manager: EntityManager, user: User) {
    return this.issue(manager, user, randomUUID());
  }

  private async issue(manager: EntityManager, user: User, familyId: string): Promise<AuthPayload> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      tokenHash: sha256(refreshToken),
      familyId,
      userId: user.id,
      expiresAt: new Date(Date.now() + this.settings.refreshTokenTtlDays * 86_400_000),
    });
    const accessToken = await issueAccessToken(user, { secret: this.settings.jwtSecret, ttlSeconds: this.settings.accessTokenTtlSeconds });
    return { accessToken, refreshToken, expiresIn: this.settings.accessTokenTtlSeconds, user };
  }

  /** Housekeeping: drop refresh tokens that expired long ago. */
  async purgeExpired(olderThanDays = 7) {
    await this.dataSource.getRepository(RefreshToken).delete({ expiresAt: LessThan(new Date(Date.now() - olderThanDays * 86_400_000)) });
  }
}
