import { BoundedQueue } from '../src/boundedQueue';

/** The queue behind every subscription stream (router fan-out, subgraph pub/sub). */
describe('BoundedQueue', () => {
  it('keeps only the newest `limit` values for a consumer that is behind, in order', async () => {
    const queue = new BoundedQueue<number>({ limit: 3 });
    for (let i = 1; i <= 10; i++) queue.push(i);
    queue.end();
    const seen: number[] = [];
    for await (const value of queue) seen.push(value);
    expect(seen).toEqual([8, 9, 10]);
  });

  it('hands a value straight to a waiting consumer, and delivers what is queued before ending', async () => {
    const queue = new BoundedQueue<string>({ limit: 10 });
    const first = queue.next();
    queue.push('a');
    expect(await first).toEqual({ value: 'a', done: false });
    queue.push('b');
    queue.end('last');
    queue.push('ignored');
    expect([await queue.next(), await queue.next(), await queue.next()]).toEqual([
      { value: 'b', done: false },
      { value: 'last', done: false },
      { value: undefined, done: true },
    ]);
  });

  it('runs onReturn once when the consumer leaves, and wakes a pending next()', async () => {
    const onReturn = jest.fn();
    const queue = new BoundedQueue<number>({ limit: 10, onReturn });
    queue.push(1);
    const seen: number[] = [];
    const pending = (async () => {
      for await (const value of queue) seen.push(value);
    })();
    await new Promise((r) => setImmediate(r));
    await queue.return();
    await queue.return();
    await pending;
    queue.push(2);
    expect(seen).toEqual([1]);
    expect(onReturn).toHaveBeenCalledTimes(1);
    await expect(queue.throw(new Error('x'))).rejects.toThrow('x');
    expect(onReturn).toHaveBeenCalledTimes(1);
  });
});
