import { describe, expect, it } from 'vitest';
import { bescheidContentHash } from '../../../../shared/domain/index.ts';
import { clerk, colleague, lead } from '../../../test/fixtures.ts';
import { approvalBlocker, submittedContentIntact } from './approval.ts';
import { CONTENT, makeBescheid } from './test-data.ts';

describe('approvalBlocker (4-eyes display rules)', () => {
  const b = makeBescheid({ authorId: clerk.id, editorIds: [clerk.id, colleague.id], orgUnitId: 'ou-1' });

  it('lets a lead of the org unit who neither wrote nor edited the draft approve', () => {
    expect(approvalBlocker(lead, b)).toBeNull();
  });

  it('names the author, an editor, a clerk and a lead of another unit', () => {
    expect(approvalBlocker(clerk, b)).toBe('author');
    expect(approvalBlocker({ ...lead, id: clerk.id }, b)).toBe('author');
    expect(approvalBlocker({ ...lead, id: colleague.id }, b)).toBe('editor');
    expect(approvalBlocker({ ...colleague, id: 'u-other' }, b)).toBe('not_lead');
    expect(approvalBlocker({ ...lead, orgUnitId: 'ou-2' }, b)).toBe('other_unit');
  });

  it('never lets a lead approve a Bescheid they edited, even as a lead', () => {
    expect(approvalBlocker(lead, { ...b, editorIds: [clerk.id, lead.id] })).toBe('editor');
  });
});

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
