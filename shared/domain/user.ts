import { z } from 'zod';

/** `registry`: the intake connector; `records`: the records manager (Aussonderung). */
export const ROLES = ['clerk', 'lead', 'registry', 'records', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const orgUnit = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
});
export type OrgUnit = z.infer<typeof orgUnit>;

/** A user as other users and clients see it (never carries credentials). */
export const user = z.object({
  id: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  roles: z.array(role).min(1),
  orgUnitId: z.string().min(1).max(64),
});
export type User = z.infer<typeof user>;

export function hasRole(u: Pick<User, 'roles'>, r: Role): boolean {
  return u.roles.includes(r);
}
