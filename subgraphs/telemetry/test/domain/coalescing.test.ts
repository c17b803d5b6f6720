import { BoundedQueue } from '@supergraph/service-kit';
import { COALESCE_MS, coalescedReadings } from '../../src/domain/coalesce';
import type { Reading } from '../../src/domain/reading';

const DEVICE = '00000000-0000-4000-8000-0000000000aa';
const reading = (metric: string, value: number, at = new Date(Date.UTC(2026, 0, 1) + value)): Reading => ({ deviceId: DEVICE, metric, value, at });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The per-subscriber rule, on its own: at most one reading per metric every 250 ms, the newest always last. */
describe('coalescing live readings', () => {
  it('passes one reading per metric per 250 ms during a burst, and ends with the newest of each', async () => {
    const batches = new BoundedQueue<Reading[]>({ limit: 100 });
    const stream = coalescedReadings(batches, () => true);
    const received: { reading: Reading; t: number }[] = [];
    const consuming = (async () => {
      for await (const r of stream) received.push({ reading: r, t: performance.now() });
    })();
    // 1,200 batches of two metrics over ~1.2 s: thousands of readings a second.
    let value = 0;
    const started = performance.now();
    while (performance.now() - started < 1200) {
      for (let i = 0; i < 5; i++) {
        value++;
        batches.push([reading('temperature', value), reading('humidity', value)]);
      }
      await sleep(1);
    }
    await sleep(COALESCE_MS + 50);
    await stream.return!();
    await consuming;

    for (const metric of ['temperature', 'humidity']) {
      const mine = received.filter((r) => r.reading.metric === metric);
      const gaps = mine.slice(1).map((r, i) => r.t - mine[i].t);
      // Timers may fire a millisecond early by rounding; never more.
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(COALESCE_MS - 2);
      expect(mine.length).toBeLessThanOrEqual(Math.ceil(1200 / COALESCE_MS) + 2);
      expect(mine.length).toBeGreaterThanOrEqual(4);
      expect(mine.at(-1)!.reading.value).toBe(value);
      const values = mine.map((r) => r.reading.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });

  it('passes a lone reading at once, drops a stale one, and keeps only the metrics asked for', async () => {
    const batches = new BoundedQueue<Reading[]>({ limit: 100 });
    const stream = coalescedReadings(batches, (metric) => metric !== 'noise');
    batches.push([reading('noise', 1), reading('temperature', 10)]);
    const first = await stream.next();
    expect(first.value).toMatchObject({ metric: 'temperature', value: 10 });
    batches.push([reading('temperature', 5)]);
    await sleep(COALESCE_MS + 30);
    batches.push([reading('temperature', 11)]);
    const started = performance.now();
    expect((await stream.next()).value).toMatchObject({ metric: 'temperature', value: 11 });
    expect(performance.now() - started).toBeLessThan(50);
    await stream.return!();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
