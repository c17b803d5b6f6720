import { hasRole, type Viewer } from '@supergraph/auth';
import { forbidden, unauthenticated } from '@supergraph/errors';

/** Who may do what with agents, policies, jobs and alerts, in one place. */

/** A backup agent's own key: it reports jobs and nothing else. */
export const isAgentKey = (viewer: Viewer | null) => viewer?.kind === 'apiKey' && viewer.issuer === 'backups';

/** Keys issued by backups or telemetry carry their owner's user id, but act only as their machine. */
const isMachine = (viewer: Viewer) => viewer.kind === 'apiKey' && !!viewer.issuer && viewer.issuer !== 'users';

/** A person (or a partner's server with a users key): owners act through these. */
export function requirePerson(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  if (isMachine(viewer)) throw forbidden('A machine key may not do this');
  return viewer;
}

/** Admins and operators see every owner's agents, alerts and reports. */
export const seesAll = (viewer: Viewer) => hasRole(viewer, 'ADMIN', 'OPERATOR');

export const canRead = (viewer: Viewer | null, ownerId: string) => !!viewer && !isMachine(viewer) && (viewer.userId === ownerId || seesAll(viewer));

/** Changing an agent (its key): its owner or an admin. */
export const canManage = (viewer: Viewer, ownerId: string) => viewer.userId === ownerId || hasRole(viewer, 'ADMIN');

/** The agent a job report is for: the key's own. */
export function requireAgentKey(viewer: Viewer | null): string {
  if (!viewer) throw unauthenticated('Agents report with their API key (x-api-key)');
  if (!isAgentKey(viewer) || !viewer.apiKeyId) throw forbidden("Only a backup agent's key may report jobs");
  return viewer.apiKeyId;
}
