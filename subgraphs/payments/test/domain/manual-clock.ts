import type { Clock } from '../../src/domain/charging';

/** A clock that only moves when told to (or when the runner sleeps), and records the sleeps. */
export function manualClock(start = 0): Clock & { advance(ms: number): void; sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
}
