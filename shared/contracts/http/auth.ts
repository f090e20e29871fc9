import { z } from 'zod';
import { isStorableText } from '../../domain/text.ts';
import { orgUnit, user } from '../../domain/user.ts';
import { endpoint } from './common.ts';

export const loginRequest = z
  .object({
    username: z.string().trim().min(1).max(64).refine(isStorableText, 'username contains unstorable text'),
    password: z.string().min(1).max(1024).refine(isStorableText, 'password contains unstorable text'),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequest>;

export const session = z.object({
  token: z.string().min(20),
  expiresAt: z.iso.datetime(),
  user,
  /** The user's org unit, with its display name. */
  orgUnit,
});
export type Session = z.infer<typeof session>;

export const authEndpoints = {
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Log in with username and password; returns a Bearer session token',
    auth: false,
    body: loginRequest,
    response: session,
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Revoke the current session token',
    auth: true,
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The user of the current session',
    auth: true,
    response: z.object({ user }),
  }),
};
