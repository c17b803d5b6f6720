import { useMutation } from '@apollo/client/react';
import { addMessageToRoom, newClientMessageId, SendMessageDocument, useTypingSender } from '@supergraph/client-core';
import { useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/Status';

/**
 * Writes and sends a message. One `clientMessageId` per draft: a double click or a retry after a
 * failure sends the same id, and the API returns the first message instead of making a second.
 * Changing the text makes it a new message with a new id.
 */
export function Composer({ roomId }: { roomId: string }) {
  const [draft, setDraft] = useState('');
  const clientMessageId = useRef<string | null>(null);
  const typing = useTypingSender(roomId);
  const [send, sending] = useMutation(SendMessageDocument, { update: (cache, { data }) => data && addMessageToRoom(cache, data.sendMessage) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    clientMessageId.current ??= newClientMessageId();
    typing.stopped();
    await send({ variables: { input: { roomId, content: draft, clientMessageId: clientMessageId.current } } });
    clientMessageId.current = null;
    setDraft('');
  }

  return (
    <form className="composer" onSubmit={(event) => void submit(event).catch(() => undefined)}>
      <textarea
        aria-label="Message"
        placeholder="Write a message"
        value={draft}
        maxLength={4000}
        rows={2}
        onChange={(event) => {
          setDraft(event.target.value);
          clientMessageId.current = null;
          if (event.target.value) typing.typing();
          else typing.stopped();
        }}
        onKeyDown={(event) => {
          // Enter sends, Shift+Enter is a new line.
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
        onBlur={() => typing.stopped()}
      />
      <button type="submit" className="primary" disabled={!draft.trim()}>
        Send
      </button>
      {sending.error && <ErrorMessage error={sending.error} />}
    </form>
  );
}
