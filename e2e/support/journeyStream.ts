import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The journey's new stream: the demo stream without its live chat and without the "No thanks" edge, so the
 * marketers have a card to add and an edge to connect.
 */
export function journeyStream(): Record<string, any> {
  const doc = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../examples/demo.json'), 'utf8'));
  const live = doc.cards.find((c: any) => c.type === 'liveChat').id;
  doc.name = 'Journey: talk to sales';
  doc.cards = doc.cards.filter((c: any) => c.id !== live);
  doc.edges = doc.edges.filter((e: any) => e.to !== live && !(e.from === 'ask' && e.port === 'no'));
  return doc;
}
