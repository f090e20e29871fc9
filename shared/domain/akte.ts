import { z } from 'zod';
import { aktenplanKennzeichen, aussonderungsart } from './aktenplan.ts';
import { isoDate, isoDateTime } from './ids.ts';
import type { VorgangStatus } from './status.ts';
import type { Vorgang } from './vorgang.ts';

/**
 * An Akte (file) of the E-Akte: Aktenplan → Akte → Vorgang → Dokument (docs/e-akte.md). Every
 * Vorgang is filed in its Fallakte, opened at intake under its Verfahren's Aktenplaneinheit;
 * its Dokumente are filed the moment they are written (they are immutable rows), in the order
 * of their `createdAt`. The Akte records the lifecycle: laufend, then zu den Akten (z.d.A.)
 * with the end of its retention.
 */

/** How a Vorgang was concluded: by its dispatched Bescheid, or without one for a reason. */
export const ABSCHLUSS_GRUENDE = ['bescheid_versandt', 'ruecknahme', 'erledigung_anderweitig'] as const;
export const abschlussGrund = z.enum(ABSCHLUSS_GRUENDE);
export type AbschlussGrund = z.infer<typeof abschlussGrund>;

export const abschluss = z
  .object({
    /** German calendar day of the z.d.A. */
    am: isoDate,
    grund: abschlussGrund,
    /** Required for an Abschluss without Bescheid; the clerk's words, kept in the Akte only. */
    begruendung: z.string().max(1000).nullable(),
    verfuegtVon: z.string().min(1).max(64),
  })
  .strict();
export type Abschluss = z.infer<typeof abschluss>;

/**
 * Where the Akte stands in the authority's DMS (FVDaten.SGOAblegen.0605, docs/e-akte.md):
 * `ausstehend` once delivered, `empfangen` after the DMS's receipt (0629), `abgelegt` with the
 * DMS's ID after its import confirmation (0630), `fehler` with the DMS's reason.
 */
export const DMS_STATES = ['ausstehend', 'empfangen', 'abgelegt', 'fehler'] as const;
export const dmsAblage = z
  .object({
    state: z.enum(DMS_STATES),
    prozessId: z.uuid(),
    /** The DMS's ID of the filed Akte (from its 0630). */
    dmsId: z.string().max(255).nullable(),
    /** The DMS's codes and texts when it refused; system text, no personal data. */
    grund: z.string().max(1000).nullable(),
    at: isoDateTime,
  })
  .strict();
export type DmsAblage = z.infer<typeof dmsAblage>;

export const AKTE_STATUSES = ['laufend', 'zda'] as const;
export const akteStatus = z.enum(AKTE_STATUSES);
export type AkteStatus = z.infer<typeof akteStatus>;

export const akte = z
  .object({
    id: z.uuid(),
    /** The Vorgang of this Fallakte: the Akte follows its scope. */
    vorgangId: z.uuid(),
    aktenzeichen: z.string().min(1).max(64),
    kennzeichen: aktenplanKennzeichen,
    /** Opening day (the Vorgang's receipt). */
    eroeffnetAm: isoDate,
    status: akteStatus,
    abschluss: abschluss.nullable(),
    /**
     * Fixed at z.d.A. from the Aktenplaneinheit: the retention's last day and what happens then.
     * Null while laufend, and for Akten closed before the E-Akte existed (to be assessed).
     */
    aufbewahrungBis: isoDate.nullable(),
    aussonderungsart: aussonderungsart.nullable(),
    /** Null until the Akte is delivered to a DMS (only where one is connected). */
    dms: dmsAblage.nullable().default(null),
    version: z.number().int().nonnegative(),
    updatedAt: isoDateTime,
  })
  .strict();
export type Akte = z.infer<typeof akte>;

/** A Vorgang that was verfügt z.d.A.: read-only for everyone until a lead's Wiederaufnahme. */
export function isClosed(v: Pick<Vorgang, 'status'>): boolean {
  return v.status === 'abgeschlossen';
}

/** A Vorgang handed to another authority (Abgabe): read-only for good, it is leaving. */
export function isHandedOver(v: Pick<Vorgang, 'status'>): boolean {
  return v.status === 'abgegeben';
}

/** Whether nobody may change the Vorgang any more (z.d.A. or Abgabe). */
export function isReadOnly(v: Pick<Vorgang, 'status'>): boolean {
  return isClosed(v) || isHandedOver(v);
}

/** Statuses from which a Vorgang may be concluded without a Bescheid (none is in flight). */
export const ABSCHLUSS_OHNE_BESCHEID_FROM: readonly VorgangStatus[] = [
  'eingegangen',
  'in_bearbeitung',
  'wartet',
  'entscheidungsreif',
  'zurueckgegeben',
];

export type ZdaBlocker =
  /** Already concluded. */
  | 'closed'
  /** With `bescheid_versandt` the Bescheid must have been dispatched. */
  | 'not_dispatched'
  /** A Bescheid is on its way (submitted, approved, sealed): finish or return it first. */
  | 'bescheid_in_progress'
  /** A reason other than the Bescheid needs the clerk's Begründung. */
  | 'begruendung_missing'
  /** An open Wiedervorlage says someone still means to look at it. */
  | 'wiedervorlage_open';

/**
 * Why this Vorgang cannot be verfügt z.d.A. with this reason (null: it can). The one rule for
 * the workspace's button and the command; the client also waits until nothing for the
 * Vorgang is in its outbox, which only it can know.
 */
export function zdaBlocker(
  v: Pick<Vorgang, 'status' | 'wiedervorlage'>,
  grund: AbschlussGrund,
  begruendung: string | null,
): ZdaBlocker | null {
  if (isClosed(v)) return 'closed';
  if (grund === 'bescheid_versandt') {
    if (v.status !== 'versandt') return 'not_dispatched';
  } else {
    if (!ABSCHLUSS_OHNE_BESCHEID_FROM.includes(v.status)) return 'bescheid_in_progress';
    if (begruendung === null || begruendung.trim() === '') return 'begruendung_missing';
  }
  if (v.wiedervorlage !== null) return 'wiedervorlage_open';
  return null;
}
