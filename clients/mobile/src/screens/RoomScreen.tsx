import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import {
  addMessageToRoom,
  MarkRoomReadDocument,
  MessageAddedDocument,
  newClientMessageId,
  others,
  PresenceChangedDocument,
  RoomDocument,
  roomTitle,
  SendMessageDocument,
  typingText,
  UnreadCountsDocument,
  useTypingNames,
  useTypingSender,
} from '@supergraph/client-core';
import { useEffect, useRef, useState } from 'react';
import { FlatList, StyleSheet, Text, TextInput, View } from 'react-native';
import { PresenceDot } from '../chat/presence';
import { useNavigation } from '../navigation';
import { useResumed } from '../data/useResumed';
import { useSession } from '../session/SessionProvider';
import { Button } from '../ui/Button';
import { colors, common } from '../ui/theme';

/** One conversation, newest message at the bottom, live: messages, typing and the others' presence. */
export function RoomScreen({ roomId }: { roomId: string }) {
  const { back } = useNavigation();
  const { state, resumes } = useSession();
  const viewerId = state?.user.id ?? '';
  const { data, error, refetch } = useQuery(RoomDocument, { variables: { id: roomId }, fetchPolicy: 'cache-and-network' });
  const typingNames = useTypingNames(roomId, viewerId);
  const added = useSubscription(MessageAddedDocument, {
    variables: { roomId },
    onData: ({ client, data: event }) => {
      if (event.data) addMessageToRoom(client.cache, event.data.messageAdded);
    },
  });
  // Back in the foreground: what was said meanwhile was not delivered on the (maybe closed) socket.
  useResumed(resumes, () => {
    added.restart();
    void refetch().catch(() => undefined);
  });
  const room = data?.room;
  const people = room ? others(room, viewerId) : [];
  useSubscription(PresenceChangedDocument, { variables: { userIds: people.map((user) => user.id) }, skip: people.length === 0 });
  // What is on screen is read: on opening, and as others' messages arrive.
  const [markRead] = useMutation(MarkRoomReadDocument, { variables: { roomId }, refetchQueries: [UnreadCountsDocument] });
  const lastId = room?.lastMessage?.id;
  useEffect(() => {
    if (lastId) void markRead().catch(() => undefined);
  }, [lastId, markRead]);

  return (
    <View style={common.screen} testID={`room-screen-${roomId}`}>
      <View style={[common.row, { paddingHorizontal: 16, paddingTop: 12 }]}>
        <Button title="‹ Back" kind="secondary" onPress={back} />
        {room && (
          <View style={styles.header}>
            {people.length === 1 && <PresenceDot presence={people[0].presence} />}
            <Text style={[common.body, { fontWeight: '700' }]}>{roomTitle(room, viewerId)}</Text>
          </View>
        )}
      </View>
      {error && <Text style={common.error}>{error.message}</Text>}
      {/* Newest first from the API; an inverted list shows it at the bottom. */}
      <FlatList
        inverted
        data={room?.messages.edges.map((edge) => edge.node) ?? []}
        keyExtractor={(message) => message.id}
        renderItem={({ item }) => {
          const mine = item.sender?.id === viewerId;
          return (
            <View testID={`message-${item.id}`} style={[styles.bubble, mine ? styles.mine : styles.theirs]}>
              {!mine && <Text style={common.muted}>{item.sender?.name}</Text>}
              <Text style={[common.body, mine && { color: '#fff' }]}>{item.content}</Text>
            </View>
          );
        }}
      />
      <Text testID="typing" style={[common.muted, styles.typing]}>
        {typingText(typingNames)}
      </Text>
      <Composer roomId={roomId} />
    </View>
  );
}

/** The message keeps its clientMessageId until the API has it, so a retry after a dropped connection is not sent twice. */
function Composer({ roomId }: { roomId: string }) {
  const client = useApolloClient();
  const [content, setContent] = useState('');
  const clientMessageId = useRef(newClientMessageId());
  const typing = useTypingSender(roomId);
  const [send, { loading, error }] = useMutation(SendMessageDocument);
  const submit = async () => {
    const result = await send({ variables: { input: { roomId, content, clientMessageId: clientMessageId.current } } }).catch(() => null);
    if (!result?.data) return;
    addMessageToRoom(client.cache, result.data.sendMessage);
    typing.stopped();
    clientMessageId.current = newClientMessageId();
    setContent('');
  };
  return (
    <View style={styles.composer}>
      {error && <Text style={[common.error, { paddingHorizontal: 0 }]}>{error.message}</Text>}
      <View style={common.row}>
        <TextInput
          testID="composer-input"
          style={[common.input, styles.input]}
          value={content}
          placeholder="Message"
          maxLength={4000}
          onChangeText={(text) => {
            setContent(text);
            if (text) typing.typing();
            else typing.stopped();
          }}
        />
        <Button testID="composer-send" title="Send" busy={loading} disabled={!content.trim()} onPress={() => void submit()} />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  header: { flexDirection: 'row', alignItems: 'center', flex: 1, marginLeft: 12 },
  bubble: { maxWidth: '80%', borderRadius: 14, paddingHorizontal: 12, paddingVertical: 8, marginHorizontal: 16, marginVertical: 4 },
  mine: { alignSelf: 'flex-end', backgroundColor: colors.accent },
  theirs: { alignSelf: 'flex-start', backgroundColor: colors.card, borderWidth: StyleSheet.hairlineWidth, borderColor: colors.border },
  typing: { paddingHorizontal: 16, minHeight: 20 },
  composer: { paddingHorizontal: 16, paddingTop: 4, borderTopWidth: StyleSheet.hairlineWidth, borderColor: colors.border, backgroundColor: colors.card },
  input: { flex: 1, marginRight: 8, marginBottom: 8, marginTop: 8 },
});
