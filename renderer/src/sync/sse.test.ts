import { describe, expect, it } from 'vitest';
import { createSseParser, type ServerSentEvent } from './sse.ts';

function parseChunks(chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const feed = createSseParser((e) => events.push(e));
  for (const c of chunks) feed(c);
  return events;
}

describe('createSseParser', () => {
  it('parses named events, ignoring comments and unknown fields', () => {
    expect(parseChunks([': hello\n\nevent: poke\nid: 3\ndata: {"cursor":"12"}\n\n'])).toEqual([
      { event: 'poke', data: '{"cursor":"12"}' },
    ]);
  });

  it('reassembles events split across chunks, also between \\r and \\n', () => {
    expect(parseChunks(['eve', 'nt: poke\r', '\ndata: a\r', '\n\r', '\nevent: poke\rdata: b\r\r\n'])).toEqual([
      { event: 'poke', data: 'a' },
      { event: 'poke', data: 'b' },
    ]);
  });

  it('joins multi-line data, defaults the event name and skips events without data', () => {
    expect(parseChunks(['data: one\ndata:two\n\nevent: empty\n\n'])).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('does not dispatch an unterminated event', () => {
    expect(parseChunks(['event: poke\ndata: x\n'])).toEqual([]);
  });
});
