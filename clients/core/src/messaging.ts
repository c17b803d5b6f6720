import type { ApolloCache, Reference } from '@apollo/client';
import type { MessageFieldsFragment, NotificationFieldsFragment } from './gql/graphql';
import { MessageFieldsFragmentDoc, NotificationFieldsFragmentDoc } from './gql/graphql';

interface Edge {
  __typename: string;
  cursor: string;
  node: Reference;
}
interface Connection {
  edges: Edge[];
  totalCount?: number;
}

/**
 * A sender's own id for one message (`SendMessageInput.clientMessageId`): made once per message
 * and reused by every retry of it, so the API returns the first message instead of a second.
 * `crypto.randomUUID` exists only in secure browser contexts and not in React Native: then time and randomness.
 */
export function newClientMessageId(): string {
  const uuid = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto?.randomUUID;
  if (uuid) return uuid.call((globalThis as { crypto?: unknown }).crypto);
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Puts a message first (newest) in its room's cached pages once, and makes it the room's last
 * message. True when the room did not show it yet (not its last message nor in its pages), so a
 * caller counts it unread once however many ways it arrived (subscription results are in the cache
 * before their handlers run, so "is the message cached" cannot tell).
 */
export function addMessageToRoom(cache: ApolloCache, message: MessageFieldsFragment): boolean {
  const ref = cache.writeFragment({ fragment: MessageFieldsFragmentDoc, fragmentName: 'MessageFields', data: message });
  if (!ref) return false;
  let isNew = true;
  cache.modify<{ lastMessage: Reference | null; messages: Connection | undefined }>({
    id: cache.identify({ __typename: 'Room', id: message.room.id }),
    fields: {
      lastMessage: (last, { readField, isReference }) => {
        if (!isReference(last)) return ref;
        if (readField('id', last) === message.id) isNew = false;
        return Date.parse(String(readField('createdAt', last))) > Date.parse(message.createdAt) ? last : ref;
      },
      messages: (existing, { readField }) => {
        const connection = existing as Connection | undefined;
        if (connection?.edges.some((edge) => readField('id', edge.node) === message.id)) isNew = false;
        return prepend(connection, ref, 'MessageEdge', readField);
      },
    },
  });
  return isNew;
}

/** Puts a new notification first in every cached inbox (all, unread only) and counts it unread for the viewer. */
export function addNotification(cache: ApolloCache, notification: NotificationFieldsFragment, viewerId: string): void {
  const ref = cache.writeFragment({ fragment: NotificationFieldsFragmentDoc, fragmentName: 'NotificationFields', data: notification });
  if (!ref) return;
  let isNew = true;
  cache.modify<{ notifications: Connection | undefined }>({
    fields: {
      notifications: (existing, { readField }) => {
        const connection = existing as Connection | undefined;
        if (connection?.edges.some((edge) => readField('id', edge.node) === notification.id)) isNew = false;
        return prepend(connection, ref, 'NotificationEdge', readField);
      },
    },
  });
  if (isNew && !notification.read) {
    cache.modify({ id: cache.identify({ __typename: 'User', id: viewerId }), fields: { unreadNotificationCount: (count: number) => count + 1 } });
  }
}

type ReadField = (field: string, from: Reference) => unknown;

function prepend(existing: Connection | undefined, ref: Reference, typename: string, readField: ReadField): Connection | undefined {
  if (!existing) return existing;
  const id = readField('id', ref);
  if (existing.edges.some((edge) => readField('id', edge.node) === id)) return existing;
  // The cursor of an item that came live is unknown; "load more" pages from the far end (pageInfo.endCursor), not from it.
  const edge = { __typename: typename, cursor: '', node: ref };
  return { ...existing, edges: [edge, ...existing.edges], ...(existing.totalCount === undefined ? {} : { totalCount: existing.totalCount + 1 }) };
}
