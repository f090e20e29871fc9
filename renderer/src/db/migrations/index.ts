import type { Dexie } from 'dexie';
import { v1 } from './v1.ts';
import { v2 } from './v2.ts';

/** Numbered Dexie schema versions, oldest first; never edit a released one, append a new one. */
export const MIGRATIONS: readonly ((db: Dexie) => void)[] = [v1, v2];

export const SCHEMA_VERSION = MIGRATIONS.length;
