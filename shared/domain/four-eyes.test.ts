import { describe, expect, it } from 'vitest';
import { approvalBlocker, mayApprove } from './four-eyes.ts';
import type { User } from './user.ts';

const user = (id: string, roles: User['roles'], orgUnitId = 'ou-1') => ({ id, roles, orgUnitId });
const clerk = user('clerk', ['clerk']);
const lead = user('lead', ['clerk', 'lead']);
const b = { orgUnitId: 'ou-1', authorId: 'clerk', editorIds: ['clerk', 'colleague'] };

describe('approvalBlocker (four eyes)', () => {
  it('lets a lead of the org unit who neither wrote nor edited the draft decide', () => {
    expect(approvalBlocker(lead, b)).toBeNull();
    expect(mayApprove(lead, b)).toBe(true);
  });

  it('names the author, an editor, a clerk and a lead of another unit, most specific first', () => {
    expect(approvalBlocker(clerk, b)).toBe('author');
    expect(approvalBlocker({ ...lead, id: 'clerk' }, b)).toBe('author');
    expect(approvalBlocker({ ...lead, id: 'colleague' }, b)).toBe('editor');
    expect(approvalBlocker(user('other', ['clerk']), b)).toBe('not_lead');
    expect(approvalBlocker({ ...lead, orgUnitId: 'ou-2' }, b)).toBe('other_unit');
    expect(mayApprove(clerk, b)).toBe(false);
  });

  it('never lets a lead approve a Bescheid they edited', () => {
    expect(approvalBlocker(lead, { ...b, editorIds: ['clerk', 'lead'] })).toBe('editor');
  });
});
