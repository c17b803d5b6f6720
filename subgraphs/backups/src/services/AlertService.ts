import type { Viewer } from '@supergraph/auth';
import { conflict, notFound } from '@supergraph/errors';
import { inTransaction, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import { uuid } from '../domain/inputs';
import { BackupAlert, type AlertStatus } from '../entities/BackupAlert';
import { ALL_ALERTS_CHANNEL, ownerAlertChannel, type AlertRaised } from '../events';
import { canRead, requirePerson, seesAll } from './access';
import { alertFeed } from './alertFeed';
import { decodePosition, newestFirst, type AlertPage } from './paging';

/** Alerts: listing, acknowledging, and following them live. Raising and resolving: alerts.ts. */
export class AlertService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly viewer: Viewer | null,
  ) {}

  /** `backupAlerts`: the viewer's (admins and operators: everyone's), newest first. */
  async list(status: AlertStatus | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<AlertPage> {
    const viewer = requirePerson(this.viewer);
    const size = pageSize(first);
    const position = decodePosition('alerts', after);
    const query = this.runtime.dataSource.getRepository(BackupAlert).createQueryBuilder('al');
    if (!seesAll(viewer)) query.andWhere('al.owner_id = :ownerId', { ownerId: viewer.userId });
    if (status) query.andWhere('al.status = :status', { status });
    return newestFirst('alerts', query, 'al', 'raised_at', size, position);
  }

  /** `acknowledgeBackupAlert`: someone is on it. Acknowledging twice changes nothing; a resolved alert is a CONFLICT. */
  async acknowledge(id: string): Promise<BackupAlert> {
    const viewer = requirePerson(this.viewer);
    uuid(id, 'id');
    return inTransaction(this.runtime.dataSource, async (manager) => {
      const alert = await manager.findOne(BackupAlert, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!alert || !canRead(viewer, alert.ownerId)) throw notFound('Backup alert not found', { id });
      if (alert.status === 'RESOLVED') throw conflict('The alert is resolved already', { status: alert.status });
      if (alert.status === 'OPEN') {
        Object.assign(alert, { status: 'ACKNOWLEDGED', acknowledgedAt: new Date(), acknowledgedBy: viewer.userId });
        await manager.update(BackupAlert, { id }, { status: alert.status, acknowledgedAt: alert.acknowledgedAt, acknowledgedBy: alert.acknowledgedBy });
      }
      return alert;
    });
  }

  /** `backupAlertRaised`: each alert raised or escalated from now on, as committed. */
  follow(): AsyncIterableIterator<BackupAlert> {
    const viewer = requirePerson(this.viewer);
    const channel = seesAll(viewer) ? ALL_ALERTS_CHANNEL : ownerAlertChannel(viewer.userId);
    const repository = this.runtime.dataSource.getRepository(BackupAlert);
    return alertFeed(this.runtime.pubsub.subscribe<AlertRaised>(channel, { bufferSize: 100 }), (id) => repository.findOneBy({ id }));
  }
}
