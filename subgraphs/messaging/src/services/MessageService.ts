import type { Viewer } from '@supergraph/auth';
import { badUserInput, conflict, forbidden, notFound } from '@supergraph/errors';
import { inTransaction, isUuid, type SubgraphRuntime } from '@supergraph/service-kit';
import { Message } from '../entities/Message';
import { Reaction } from '../entities/Reaction';
import { messageAddedChannel, messageUpdatedChannel, type MessagePayload, type MessageUpdated } from '../events';
import type { Loaders } from '../loaders';
import { MESSAGE_COLUMNS, toMessage } from '../loaders/rows';
import { userReference, type ReactionView } from '../views';
import { isParticipant, requireParticipant, requireViewer } from './access';
import { requireContent, requireLabel } from './content';

export interface SendMessageInput {
  roomId: string;
  content: string;
  clientMessageId?: string | null;
}

/** Sending, editing and reacting to messages, reading them, and following a room live. */
export class MessageService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** A message of a room the viewer is in, or null. */
  async readable(id: string): Promise<Message | null> {
    if (!this.viewer || !isUuid(id)) return null;
    const message = await this.loaders.messageById.load(id);
    return message && (await isParticipant(this.loaders, this.viewer.userId, message.roomId)) ? message : null;
  }

  /**
   * `sendMessage`: the unique (sender, clientMessageId) makes a retry return the first message
   * (ON CONFLICT DO NOTHING, then read it), never a second one, however the two race. The sender has
   * read their own message, and everyone following the room gets it once it is committed.
   */
  async send(input: SendMessageInput): Promise<Message> {
    const viewer = requireViewer(this.viewer);
    const content = requireContent(input.content, 'input.content');
    const clientMessageId = input.clientMessageId == null ? null : requireLabel(input.clientMessageId, 'input.clientMessageId', 100);
    await requireParticipant(this.loaders, viewer, input.roomId, 'input.roomId');
    const { message, sent } = await inTransaction(this.runtime.dataSource, async (manager) => {
      const rows: Record<string, unknown>[] = await manager.query(
        `INSERT INTO message (room_id, sender_id, content, client_message_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sender_id, client_message_id) WHERE client_message_id IS NOT NULL DO NOTHING RETURNING ${MESSAGE_COLUMNS}`,
        [input.roomId, viewer.userId, content, clientMessageId],
      );
      if (!rows.length) {
        const [first] = await manager.query<Record<string, unknown>[]>(`SELECT ${MESSAGE_COLUMNS} FROM message WHERE sender_id = $1 AND client_message_id = $2`, [viewer.userId, clientMessageId]);
        return { message: toMessage(first), sent: false };
      }
      const message = toMessage(rows[0]);
      await manager.query(`UPDATE room_member SET last_read_seq = GREATEST(last_read_seq, $3) WHERE room_id = $1 AND user_id = $2`, [input.roomId, viewer.userId, message.seq]);
      return { message, sent: true };
    });
    if (!sent && message.roomId !== input.roomId) throw conflict('This clientMessageId was already used for a message in another room', { field: 'input.clientMessageId' });
    if (sent) await this.runtime.pubsub.publish<MessagePayload>(messageAddedChannel(message.roomId), toPayload(message));
    this.loaders.clearAll();
    return message;
  }

  /** `editMessage`: the sender only; other participants get FORBIDDEN, strangers NOT_FOUND. */
  async edit(input: { messageId: string; content: string }): Promise<Message> {
    const viewer = requireViewer(this.viewer);
    const content = requireContent(input.content, 'input.content');
    const message = await this.requireReadable(input.messageId, 'input.messageId');
    if (message.senderId !== viewer.userId) throw forbidden('Only the sender may edit a message', { messageId: message.id });
    const [rows] = await this.runtime.dataSource.query<[Record<string, unknown>[], number]>(`UPDATE message SET content = $2, edited_at = now() WHERE id = $1 RETURNING ${MESSAGE_COLUMNS}`, [
      message.id,
      content,
    ]);
    return this.updated(toMessage(rows[0]));
  }

  /** `reactToMessage`: any participant, one reaction per emoji and user; `remove` takes it back. */
  async react(input: { messageId: string; emoji: string; remove?: boolean | null }): Promise<Message> {
    const viewer = requireViewer(this.viewer);
    const emoji = requireLabel(input.emoji, 'input.emoji', 16);
    if (/\s/.test(emoji)) throw badUserInput('An emoji has no whitespace', 'input.emoji');
    const message = await this.requireReadable(input.messageId, 'input.messageId');
    await inTransaction(this.runtime.dataSource, async (manager) => {
      if (input.remove) await manager.delete(Reaction, { messageId: message.id, userId: viewer.userId, emoji });
      else await manager.createQueryBuilder().insert().into(Reaction).values({ messageId: message.id, userId: viewer.userId, emoji }).orIgnore().execute();
    });
    return this.updated(message);
  }

  async reactions(message: Message): Promise<ReactionView[]> {
    const byEmoji = new Map<string, string[]>();
    for (const r of await this.loaders.reactionsByMessage.load(message.id)) byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), r.userId]);
    return [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds }));
  }

  /** Participants other than the sender whose read mark is at or past the message. */
  async readBy(message: Message) {
    const members = await this.loaders.membersByRoom.load(message.roomId);
    return members.filter((m) => m.userId !== message.senderId && m.lastReadSeq >= message.seq).map((m) => userReference(m.userId));
  }

  /** `messageAdded`: the room's new messages, in the order they were committed, for its participants only. */
  async followAdded(roomId: string): Promise<AsyncIterableIterator<Message>> {
    await requireParticipant(this.loaders, this.viewer, roomId, 'roomId');
    const payloads = this.runtime.pubsub.subscribe<MessagePayload>(messageAddedChannel(roomId), { bufferSize: 1000 });
    return mapStream(payloads, async (p) => fromPayload(p));
  }

  /** `messageUpdated`: edits and reactions, each message re-read as committed. */
  async followUpdated(roomId: string): Promise<AsyncIterableIterator<Message>> {
    await requireParticipant(this.loaders, this.viewer, roomId, 'roomId');
    const updates = this.runtime.pubsub.subscribe<MessageUpdated>(messageUpdatedChannel(roomId), { bufferSize: 1000 });
    return mapStream(updates, async ({ messageId }) => {
      this.loaders.clearAll();
      return this.loaders.messageById.load(messageId);
    });
  }

  private async requireReadable(id: string, field: string): Promise<Message> {
    if (!isUuid(id)) throw badUserInput(`${field} is not a message id`, field);
    const message = await this.readable(id);
    if (!message) throw notFound('Message not found', { [field]: id });
    return message;
  }

  private async updated(message: Message): Promise<Message> {
    await this.runtime.pubsub.publish<MessageUpdated>(messageUpdatedChannel(message.roomId), { messageId: message.id });
    this.loaders.clearAll();
    return message;
  }
}

const toPayload = (m: Message): MessagePayload => ({ ...m, createdAt: m.createdAt.toISOString(), editedAt: m.editedAt?.toISOString() ?? null });
const fromPayload = (p: MessagePayload): Message => Object.assign(new Message(), p, { createdAt: new Date(p.createdAt), editedAt: p.editedAt ? new Date(p.editedAt) : null });

/** Each item of `source` turned into a value (skipped when null); `return()` ends the source at once. */
export function mapStream<S, T>(source: AsyncIterableIterator<S>, map: (item: S) => Promise<T | null>): AsyncIterableIterator<T> {
  return {
    async next() {
      for (;;) {
        const item = await source.next();
        if (item.done) return { value: undefined, done: true };
        const value = await map(item.value);
        if (value !== null) return { value, done: false };
      }
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
