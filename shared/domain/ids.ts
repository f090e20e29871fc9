import { z } from 'zod';

/** Calendar date without time, as used for Fristen and Wiedervorlagen (YYYY-MM-DD). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date');
export type IsoDate = z.infer<typeof isoDate>;

/** Instant in ISO 8601 with time zone, e.g. 2026-11-23T10:00:00.000Z. */
export const isoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof isoDateTime>;

export const uuid = z.uuid();
