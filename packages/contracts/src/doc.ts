import { z } from 'zod';
import { topics, topicNames } from './topics';

type JsonSchema = {
  type?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  minLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};

/** A compact, readable shape of a payload schema: `{ orderId: uuid, items: [{ quantity: int > 0 }] }`. */
export function describeSchema(schema: z.ZodType): string {
  return describe(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema);
}

function describe(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(describe).join(' | ');
  switch (s.type) {
    case 'object': {
      const required = new Set(s.required ?? []);
      const fields = Object.entries(s.properties ?? {}).map(([name, field]) => `${name}${required.has(name) ? '' : '?'}: ${describe(field)}`);
      return `{ ${fields.join(', ')} }`;
    }
    case 'array':
      return `[${describe(s.items ?? {})}]${s.minItems ? ` (≥ ${s.minItems})` : ''}`;
    case 'integer':
    case 'number': {
      const name = s.type === 'integer' ? 'int' : 'number';
      if (s.exclusiveMinimum !== undefined) return `${name} > ${s.exclusiveMinimum}`;
      // z.number().int() alone carries the safe-integer range, which says nothing to a reader.
      if (s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER) return `${name} ≥ ${s.minimum}`;
      return name;
    }
    case 'string':
      if (s.format) return s.format;
      if (s.pattern) return `string /${s.pattern}/`;
      return s.minLength ? 'non-empty string' : 'string';
    default:
      return s.type ?? 'any';
  }
}

/** The topics table of docs/events.md. */
export function renderTopicsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = topicNames.map((name) => {
    const topic = topics[name];
    const consumers = topic.consumedBy.length ? topic.consumedBy.join(', ') : '(none yet)';
    return `| \`${name}\` | ${topic.emittedBy} | ${consumers} | ${cell(topic.summary)} | \`${cell(describeSchema(topic.payload))}\` |`;
  });
  return ['| topic | emitted by | consumed by | when | payload fields |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export const TOPICS_START = '<!-- topics:start (generated from packages/contracts by `npm run docs:events`; do not edit) -->';
export const TOPICS_END = '<!-- topics:end -->';

/** `doc` with its generated section replaced by the current table. */
export function withTopicsTable(doc: string): string {
  const start = doc.indexOf(TOPICS_START);
  const end = doc.indexOf(TOPICS_END);
  if (start < 0 || end < start) throw new Error('docs/events.md has lost its topics:start/topics:end markers');
  return `${doc.slice(0, start + TOPICS_START.length)}\n${renderTopicsTable()}\n${doc.slice(end)}`;
}
