import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSchema, topics, topicNames, withTopicsTable } from '@supergraph/contracts';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'events.md');

describe('docs/events.md', () => {
  it('has the topics table the contracts generate (run `npm run docs:events`)', () => {
    const committed = readFileSync(DOC, 'utf8');
    expect(committed).toBe(withTopicsTable(committed));
  });

  it('lists every topic with its producer, consumers and every payload field', () => {
    const table = readFileSync(DOC, 'utf8');
    for (const name of topicNames) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row).toContain(`| ${topics[name].emittedBy} |`);
      for (const consumer of topics[name].consumedBy) expect(row).toContain(consumer);
      expect(row).toContain(describeSchema(topics[name].payload).replace(/\|/g, '\\|'));
    }
    expect(describeSchema(topics['orders.order.placed'].payload)).toBe(
      '{ orderId: uuid, customerId: non-empty string, items: [{ productId: uuid, quantity: int > 0 }] (≥ 1), ' +
        'shipping: { addressId: uuid, line1: non-empty string, city: non-empty string, postalCode: non-empty string, country: string /^[A-Z]{2}$/ }, weightGrams: int > 0 }',
    );
  });
});
