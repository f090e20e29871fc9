import { z } from 'zod';

function isCalendarDate(s: string): boolean {
  // Date.parse rolls 2026-02-30 over to March; a round trip catches it.
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Calendar date without time, as used for Fristen and Wiedervorlagen (YYYY-MM-DD). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');
export type IsoDate = z.infer<typeof isoDate>;

/** Instant in ISO 8601 with time zone, e.g. 2026-11-23T10:00:00.000Z. */
export const isoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof isoDateTime>;

export const uuid = z.uuid();
