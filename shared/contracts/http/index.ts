import { adminEndpoints } from './admin.ts';
import { aussonderungEndpoints } from './aussonderung.ts';
import { authEndpoints } from './auth.ts';
import { authorityEndpoints } from './authority.ts';
import { bescheidEndpoints } from './bescheid.ts';
import { blobEndpoints } from './blobs.ts';
import { intakeEndpoints } from './intake.ts';
import { journalEndpoints } from './journal.ts';
import { metaEndpoints } from './meta.ts';
import { searchEndpoints } from './search.ts';
import { syncEndpoints } from './sync.ts';

export * from './admin.ts';
export * from './aussonderung.ts';
export * from './auth.ts';
export * from './authority.ts';
export * from './bescheid.ts';
export * from './blobs.ts';
export * from './common.ts';
export * from './intake.ts';
export * from './journal.ts';
export * from './meta.ts';
export * from './search.ts';
export * from './sync.ts';

/** Every endpoint of the HTTP API, by name. */
export const endpoints = {
  ...metaEndpoints,
  ...authEndpoints,
  ...syncEndpoints,
  ...authorityEndpoints,
  ...journalEndpoints,
  ...blobEndpoints,
  ...bescheidEndpoints,
  ...intakeEndpoints,
  ...adminEndpoints,
  ...aussonderungEndpoints,
  ...searchEndpoints,
} as const;
export type EndpointName = keyof typeof endpoints;
