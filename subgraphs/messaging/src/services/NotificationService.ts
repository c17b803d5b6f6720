import type { Viewer } from '@supergraph/auth';
import { badUserInput, notFound } from '@supergraph/errors';
import { isUuid, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import type { Notification } from '../entities/Notification';
import { notificationChannel, type NotificationAdded } from '../events';
import type { Loaders } from '../loaders';
import { requireSelfOrAdmin, requireViewer } from './access';
import { connectionOf, seqOfCursor } from './connections';
import { mapStream } from './MessageService';

export interface InboxArgs {
  unreadOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/** A user's inbox: reading it (the user and admins), marking entries read, following new ones. */
export class NotificationService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** `notifications(...)` and `User.notifications(...)`: one query for a page of users. */
  async inbox(userId: string, args: InboxArgs) {
    requireSelfOrAdmin(this.viewer, userId);
    const page = await this.loaders.notificationPages.load({ ownerId: userId, first: pageSize(args.first), beforeSeq: seqOfCursor(args.after), unreadOnly: !!args.unreadOnly });
    return connectionOf(page.rows, (n) => n.seq, page.hasNextPage, page.totalCount);
  }

  mine(args: InboxArgs) {
    return this.inbox(requireViewer(this.viewer).userId, args);
  }

  unreadCount(userId: string): Promise<number> {
    requireSelfOrAdmin(this.viewer, userId);
    return this.loaders.unreadNotificationsByUser.load(userId);
  }

  /** The viewer's own notification, or null. */
  async readable(id: string): Promise<Notification | null> {
    if (!this.viewer || !isUuid(id)) return null;
    const notification = await this.loaders.notificationById.load(id);
    return notification && notification.userId === this.viewer.userId ? notification : null;
  }

  /** Only the owner; someone else's gets NOT_FOUND, as a missing one. Marking twice keeps the first time. */
  async markRead(id: string): Promise<Notification> {
    requireViewer(this.viewer);
    if (!isUuid(id)) throw badUserInput('id is not a notification id', 'id');
    const notification = await this.readable(id);
    if (!notification) throw notFound('Notification not found', { id });
    await this.runtime.dataSource.query(`UPDATE notification SET read_at = now() WHERE id = $1 AND read_at IS NULL`, [id]);
    this.loaders.clearAll();
    return (await this.loaders.notificationById.load(id))!;
  }

  /** `notificationAdded`: the viewer's new notifications as they are made. */
  follow(): AsyncIterableIterator<Notification> {
    const viewer = requireViewer(this.viewer);
    const added = this.runtime.pubsub.subscribe<NotificationAdded>(notificationChannel(viewer.userId), { bufferSize: 100 });
    return mapStream(added, async ({ notificationId }) => {
      this.loaders.clearAll();
      return this.loaders.notificationById.load(notificationId);
    });
  }
}
