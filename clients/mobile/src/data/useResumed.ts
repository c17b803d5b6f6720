import { useEffect, useRef } from 'react';

/** Runs `effect` each time `resumes` (the session's count of returns to the foreground) counts up, not on the first render. */
export function useResumed(resumes: number, effect: () => void) {
  const seen = useRef(resumes);
  const latest = useRef(effect);
  latest.current = effect;
  useEffect(() => {
    if (resumes === seen.current) return;
    seen.current = resumes;
    latest.current();
  }, [resumes]);
}
