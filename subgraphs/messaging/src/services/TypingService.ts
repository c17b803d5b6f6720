import type { Viewer } from '@supergraph/auth';
import { BoundedQueue, type SubgraphRuntime } from '@supergraph/service-kit';
import { typingChannel, type TypingPayload } from '../events';
import type { Loaders } from '../loaders';
import type { TypingView } from '../views';
import { requireParticipant, requireViewer } from './access';

/** `typing: true` lapses this long after the last one (clients refresh it while the user types). */
export const TYPING_TTL_MS = 5000;

/** Typing indicators: nothing stored, only pub/sub; each subscriber times the lapse itself. */
export class TypingService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  async set(roomId: string, typing: boolean): Promise<boolean> {
    const viewer = requireViewer(this.viewer);
    await requireParticipant(this.loaders, viewer, roomId, 'roomId');
    await this.runtime.pubsub.publish<TypingPayload>(typingChannel(roomId), { userId: viewer.userId, typing });
    return true;
  }

  /**
   * `typing(roomId)`: others starting and stopping. A start is shown once while it is refreshed; a
   * stop comes when they say so or when TYPING_TTL_MS pass without a refresh. Every instance
   * receives the same messages and times the same lapse, so subscribers on any router agree.
   */
  async follow(roomId: string): Promise<AsyncIterableIterator<TypingView>> {
    const viewer = requireViewer(this.viewer);
    await requireParticipant(this.loaders, viewer, roomId, 'roomId');
    const messages = this.runtime.pubsub.subscribe<TypingPayload>(typingChannel(roomId), { bufferSize: 1000 });
    const timers = new Map<string, NodeJS.Timeout>();
    const out = new BoundedQueue<TypingView>({
      limit: 1000,
      onReturn: () => {
        for (const timer of timers.values()) clearTimeout(timer);
        timers.clear();
        void messages.return?.();
      },
    });
    const stop = (userId: string) => {
      clearTimeout(timers.get(userId));
      if (timers.delete(userId)) out.push({ roomId, userId, typing: false });
    };
    void (async () => {
      for await (const { userId, typing } of messages) {
        if (userId === viewer.userId) continue;
        if (!typing) {
          stop(userId);
          continue;
        }
        if (!timers.has(userId)) out.push({ roomId, userId, typing: true });
        clearTimeout(timers.get(userId));
        timers.set(
          userId,
          setTimeout(() => stop(userId), TYPING_TTL_MS),
        );
      }
    })();
    return out;
  }
}
