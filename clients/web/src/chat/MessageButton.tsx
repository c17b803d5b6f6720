import { useMutation } from '@apollo/client/react';
import { CreateRoomDocument, RoomsDocument } from '@supergraph/client-core';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../components/Status';

/** Opens the direct conversation with someone (the API returns the existing one if there is one). */
export function MessageButton({ userId, name }: { userId: string; name: string }) {
  const navigate = useNavigate();
  const [createRoom, { loading, error }] = useMutation(CreateRoomDocument, { refetchQueries: [RoomsDocument] });

  async function open() {
    const { data } = await createRoom({ variables: { input: { type: 'DIRECT', participantIds: [userId] } } });
    if (data) await navigate(`/chat/${data.createRoom.id}`);
  }

  return (
    <>
      <button type="button" className="link" disabled={loading} onClick={() => void open().catch(() => undefined)}>
        Message {name}
      </button>
      {error && <ErrorMessage error={error} />}
    </>
  );
}
