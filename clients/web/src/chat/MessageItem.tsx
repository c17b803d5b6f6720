import { useMutation } from '@apollo/client/react';
import { EditMessageDocument, type MessageFieldsFragment } from '@supergraph/client-core';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/Status';

/** One message; its content is plain text (React escapes it), never markup. The viewer's own can be edited. */
export function MessageItem({ message, mine }: { message: MessageFieldsFragment; mine: boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);
  const [edit, saving] = useMutation(EditMessageDocument);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (draft === message.content) return setEditing(false);
    await edit({ variables: { input: { messageId: message.id, content: draft } } });
    setEditing(false);
  }

  return (
    <li className={mine ? 'message mine' : 'message'} data-testid="message">
      <div className="meta">
        <strong>{mine ? 'You' : (message.sender?.name ?? 'Someone')}</strong> <span className="muted">{sentAt(message.createdAt)}</span>
        {message.editedAt && <span className="muted"> (edited)</span>}
        {mine && !editing && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setDraft(message.content);
              setEditing(true);
            }}
          >
            Edit
          </button>
        )}
      </div>
      {editing ? (
        <form className="edit" onSubmit={(event) => void save(event).catch(() => undefined)}>
          <input aria-label="Edit message" value={draft} maxLength={4000} onChange={(event) => setDraft(event.target.value)} autoFocus />
          <button type="submit" className="primary" disabled={saving.loading || !draft.trim()}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
          {saving.error && <ErrorMessage error={saving.error} />}
        </form>
      ) : (
        <p className="content" data-testid="message-content">
          {message.content}
        </p>
      )}
    </li>
  );
}

/** The time for today's messages, the date and time for older ones. */
function sentAt(createdAt: string): string {
  const at = new Date(createdAt);
  return at.toDateString() === new Date().toDateString() ? at.toLocaleTimeString() : at.toLocaleString();
}
