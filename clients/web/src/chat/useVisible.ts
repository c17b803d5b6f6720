import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
};

/** Whether this tab is in front (messages are read only when someone can see them). */
export const useVisible = () => useSyncExternalStore(subscribe, () => document.visibilityState === 'visible');
