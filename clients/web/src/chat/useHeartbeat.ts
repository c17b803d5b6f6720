import { useMutation } from '@apollo/client/react';
import { HeartbeatDocument } from '@supergraph/client-core';
import { useEffect } from 'react';

// The API holds a heartbeat for 60 s: renewing at half that keeps the status without gaps.
const HEARTBEAT_MS = 30_000;

/** Tells messaging the viewer is ONLINE while this tab is visible and AWAY while it is hidden. */
export function useHeartbeat(signedIn: boolean) {
  const [heartbeat] = useMutation(HeartbeatDocument);
  useEffect(() => {
    if (!signedIn) return;
    const beat = () => void heartbeat({ variables: { status: document.visibilityState === 'visible' ? 'ONLINE' : 'AWAY' } }).catch(() => undefined);
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    document.addEventListener('visibilitychange', beat);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', beat);
    };
  }, [signedIn, heartbeat]);
}
