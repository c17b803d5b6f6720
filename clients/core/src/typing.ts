import { useMutation, useSubscription } from '@apollo/client/react';
import { SetTypingDocument, TypingDocument } from './gql/graphql';
import { useEffect, useRef, useState } from 'react';

// The API ends a `typing: true` by itself 5 s after the last one: refresh it sooner while still typing,
// and forget one locally a little later in case its end never arrives (a dropped socket).
const REFRESH_MS = 3_000;
const FORGET_MS = 6_000;

/** The names of the others typing in a room now. */
export function useTypingNames(roomId: string, viewerId: string): string[] {
  const [typing, setTyping] = useState<Record<string, string>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const forget = (userId: string) => setTyping(({ [userId]: _gone, ...rest }) => rest);
  useSubscription(TypingDocument, {
    variables: { roomId },
    onData: ({ data }) => {
      const event = data.data?.typing;
      if (!event || event.user.id === viewerId) return;
      clearTimeout(timers.current.get(event.user.id));
      if (!event.typing) return forget(event.user.id);
      setTyping((names) => ({ ...names, [event.user.id]: event.user.name }));
      timers.current.set(
        event.user.id,
        setTimeout(() => forget(event.user.id), FORGET_MS),
      );
    },
  });
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);
  return Object.values(typing);
}

/** `typing()` on every keystroke sends `setTyping(true)` at most every few seconds; `stopped()` ends it. */
export function useTypingSender(roomId: string) {
  const [setTyping] = useMutation(SetTypingDocument);
  const lastSent = useRef(0);
  const send = (typing: boolean) => void setTyping({ variables: { roomId, typing } }).catch(() => undefined);
  return {
    typing() {
      if (Date.now() - lastSent.current < REFRESH_MS) return;
      lastSent.current = Date.now();
      send(true);
    },
    stopped() {
      if (lastSent.current === 0) return;
      lastSent.current = 0;
      send(false);
    },
  };
}

/** "Ada is typing…", "Ada and Bo are typing…". */
export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  return names.length === 1 ? `${names[0]} is typing…` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}
