export const ROLES = ['CUSTOMER', 'ADMIN', 'COURIER', 'OPERATOR', 'PARTNER'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as the router established it. `kind: 'apiKey'` is a machine client
 * (backup agent, telemetry device, partner server) acting for the user who owns the key.
 */
export interface Viewer {
  kind: 'user' | 'apiKey';
  userId: string;
  roles: Role[];
  apiKeyId?: string;
  /** For an API key: the subgraph that issued it (`users`, `backups`, `telemetry`); `apiKeyId` is its id there. */
  issuer?: string;
}

export function hasRole(viewer: Viewer | null | undefined, ...roles: Role[]): boolean {
  return !!viewer && viewer.roles.some((role) => roles.includes(role));
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
