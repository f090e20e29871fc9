import { z } from 'zod';
import { isoDate, isoDateTime } from './ids.ts';
import { vorgangStatus } from './status.ts';
import { emptyPrueflisteState, prueflisteState } from './pruefliste/state.ts';

export const applicant = z.object({
  givenName: z.string().max(200),
  familyName: z.string().min(1).max(200),
  street: z.string().max(200),
  postalCode: z.string().max(10),
  city: z.string().max(200),
  email: z.string().max(254).optional(),
});
export type Applicant = z.infer<typeof applicant>;

export const wiedervorlage = z.object({
  date: isoDate,
  note: z.string().max(500).optional(),
});
export type Wiedervorlage = z.infer<typeof wiedervorlage>;

/**
 * A request to the applicant for missing documents. The Vorgang waits (`wartet`) until a
 * document arrives or the Frist ends; then it is back in the inbox, flagged.
 */
export const nachforderung = z.object({
  frist: isoDate,
  requestedAt: isoDateTime,
  /** What was asked for; free text, kept out of the journal. */
  text: z.string().min(1).max(2000),
});
export type Nachforderung = z.infer<typeof nachforderung>;

/** How a sealed Bescheid leaves the authority. Only `post` can be recorded so far; `postfach` is planned. */
export const VERSAND_CHANNELS = ['post', 'postfach'] as const;
export const versandChannel = z.enum(VERSAND_CHANNELS);
export type VersandChannel = z.infer<typeof versandChannel>;

/** The recorded dispatch of the sealed Bescheid (recordDispatch): the Vorgang is `versandt` from then on. */
export const versand = z.object({
  channel: versandChannel,
  /** The German calendar day the Bescheid was handed to the post (or sent). */
  date: isoDate,
  recordedAt: isoDateTime,
  recordedBy: z.string().min(1).max(64),
});
export type Versand = z.infer<typeof versand>;

/** Antragsdaten: structured values keyed by the Verfahren's field ids. */
export const antragsdaten = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type Antragsdaten = z.infer<typeof antragsdaten>;

export const vorgang = z.object({
  id: z.uuid(),
  aktenzeichen: z.string().min(1).max(64),
  verfahrenId: z.string().min(1).max(64),
  status: vorgangStatus,
  applicant,
  antragsdaten,
  receivedAt: isoDateTime,
  frist: isoDate,
  assigneeId: z.string().max(64).nullable(),
  orgUnitId: z.string().min(1).max(64),
  wiedervorlage: wiedervorlage.nullable(),
  nachforderung: nachforderung.nullable().default(null),
  versand: versand.nullable().default(null),
  /** Version of the Verfahren's Prüfliste template at intake; the Vorgang keeps it. Null: no Prüfliste. */
  prueflisteVersion: z.number().int().positive().nullable().default(null),
  pruefliste: prueflisteState.default(emptyPrueflisteState),
  /** Incremented by every accepted change on the server. */
  version: z.number().int().nonnegative(),
  updatedAt: isoDateTime,
});
export type Vorgang = z.infer<typeof vorgang>;

export const note = z.object({
  id: z.uuid(),
  vorgangId: z.uuid(),
  authorId: z.string().min(1).max(64),
  /** Empty once deleted: the previous text lives on only in the journal. */
  text: z.string().max(10_000),
  createdAt: isoDateTime,
  updatedAt: isoDateTime.nullable().default(null),
  deletedAt: isoDateTime.nullable().default(null),
});
export type Note = z.infer<typeof note>;

export function applicantName(a: Applicant): string {
  return a.givenName ? `${a.familyName}, ${a.givenName}` : a.familyName;
}
