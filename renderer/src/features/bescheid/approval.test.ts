import { describe, expect, it } from 'vitest';
import { bescheidContentHash } from '../../../../shared/domain/index.ts';
import { submittedContentIntact } from './approval.ts';
import { CONTENT } from './test-data.ts';

describe('submittedContentIntact', () => {
  it('holds only for exactly the submitted content', async () => {
    const hash = await bescheidContentHash(CONTENT);
    expect(await submittedContentIntact({ content: CONTENT, submittedHash: hash })).toBe(true);
    expect(await submittedContentIntact({ content: { ...CONTENT, anrede: 'Hallo,' }, submittedHash: hash })).toBe(
      false,
    );
    expect(await submittedContentIntact({ content: CONTENT, submittedHash: null })).toBe(false);
  });
});
