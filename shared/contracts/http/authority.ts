import { z } from 'zod';
import { authoritySchema } from '../../bescheid/authority.ts';
import { endpoint } from './common.ts';

export const authorityResponse = z.object({
  /** null: this server has no authority configured (no --behoerde, not demo); nothing can be drafted. */
  authority: authoritySchema.nullable(),
});
export type AuthorityResponse = z.infer<typeof authorityResponse>;

export const authorityEndpoints = {
  authority: endpoint({
    method: 'GET',
    path: '/api/authority',
    summary: 'The authority this server works for: Behörde data of the Textvorlagen, letterhead, Behördenkennung',
    auth: true,
    response: authorityResponse,
  }),
};
