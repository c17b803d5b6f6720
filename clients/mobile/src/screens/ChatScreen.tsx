import { useQuery } from '@apollo/client/react';
import { others, roomTitle, RoomsDocument } from '@supergraph/client-core';
import { FlatList, Pressable, RefreshControl, StyleSheet, Text, View } from 'react-native';
import { PresenceDot } from '../chat/presence';
import { useNavigation } from '../navigation';
import { useSession } from '../session/SessionProvider';
import { colors, common } from '../ui/theme';

/** The viewer's conversations, most recent first, with their unread counts. */
export function ChatScreen() {
  const { navigate } = useNavigation();
  const viewerId = useSession().state?.user.id ?? '';
  const { data, loading, error, refetch } = useQuery(RoomsDocument, { variables: { first: 20 }, fetchPolicy: 'cache-and-network' });
  return (
    <View style={common.screen}>
      <Text style={common.title}>Chat</Text>
      {error && <Text style={common.error}>{error.message}</Text>}
      <FlatList
        data={data?.rooms.edges.map((edge) => edge.node) ?? []}
        keyExtractor={(room) => room.id}
        refreshControl={<RefreshControl refreshing={loading && !data} onRefresh={() => void refetch()} />}
        ListEmptyComponent={loading ? null : <Text style={[common.muted, { padding: 16 }]}>No conversations yet.</Text>}
        renderItem={({ item: room }) => (
          <Pressable testID={`room-${room.id}`} style={common.card} onPress={() => navigate({ name: 'room', roomId: room.id })}>
            <View style={common.row}>
              <View style={styles.title}>
                {room.type === 'DIRECT' && <PresenceDot presence={others(room, viewerId)[0]?.presence} />}
                <Text style={[common.body, { fontWeight: room.unreadCount > 0 ? '700' : '400' }]}>{roomTitle(room, viewerId)}</Text>
              </View>
              {room.unreadCount > 0 && <Text style={styles.unread}>{room.unreadCount}</Text>}
            </View>
            {room.lastMessage && (
              <Text style={common.muted} numberOfLines={1}>
                {room.lastMessage.sender?.id === viewerId ? 'You' : room.lastMessage.sender?.name}: {room.lastMessage.content}
              </Text>
            )}
          </Pressable>
        )}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  title: { flexDirection: 'row', alignItems: 'center', flex: 1 },
  unread: { color: '#fff', backgroundColor: colors.accent, borderRadius: 10, minWidth: 20, paddingHorizontal: 6, textAlign: 'center', fontWeight: '700', overflow: 'hidden' },
});
