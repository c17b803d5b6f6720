import { hasRole, type Viewer } from '@supergraph/auth';
import { forbidden, unauthenticated } from '@supergraph/errors';
import type { Device } from '../entities/Device';

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The device a viewer is, when it is a device's own key (issued by telemetry); null for people and other keys. */
export function deviceOf(viewer: Viewer | null): string | null {
  return viewer?.kind === 'apiKey' && viewer.issuer === 'telemetry' && viewer.apiKeyId ? viewer.apiKeyId : null;
}

/** Reading a device, its latest values, its history and its live readings: its owner, admins, and the device itself. */
export function canRead(viewer: Viewer | null, device: Device): boolean {
  if (!viewer) return false;
  const self = deviceOf(viewer);
  if (self) return self === device.id;
  return viewer.userId === device.ownerId || hasRole(viewer, 'ADMIN');
}

/** Registering devices and managing their keys: people only (a key never mints keys). */
export function requirePerson(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.kind !== 'user') throw forbidden('Only a signed-in user may manage devices, not an API key');
  return signedIn;
}

/** Rotating or revoking a device's key: its owner and admins. */
export function requireCanManage(viewer: Viewer | null, device: Device): Viewer {
  const person = requirePerson(viewer);
  if (person.userId !== device.ownerId && !hasRole(person, 'ADMIN')) throw forbidden("Only the device's owner and admins may manage its key");
  return person;
}

/** `User.devices`: the user themself and admins. */
export function requireSelfOrAdmin(viewer: Viewer | null, userId: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (deviceOf(signedIn) || (signedIn.userId !== userId && !hasRole(signedIn, 'ADMIN'))) throw forbidden("Only the user and admins may list a user's devices");
  return signedIn;
}
