import type { Dexie } from 'dexie';
import { v1 } from './v1.ts';
import { v2 } from './v2.ts';
import { v3 } from './v3.ts';
import { v4 } from './v4.ts';
import { v5 } from './v5.ts';
import { v6 } from './v6.ts';
import { v7 } from './v7.ts';
import { v8 } from './v8.ts';
import { v9 } from './v9.ts';
import { v10 } from './v10.ts';

/** Numbered Dexie schema versions, oldest first; never edit a released one, append a new one. */
export const MIGRATIONS: readonly ((db: Dexie) => void)[] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10];

export const SCHEMA_VERSION = MIGRATIONS.length;
