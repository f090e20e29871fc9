import { z } from 'zod';
import { aussonderungsart } from '../../domain/aktenplan.ts';
import { isoDate, isoDateTime } from '../../domain/ids.ts';
import { endpoint } from './common.ts';

/**
 * The Aussonderung (docs/e-akte.md, "Aussonderung"): the records manager (role records, or
 * admin) sees the Akten whose retention has ended, offers them to the archive and follows
 * each Aussonderung through the archive's answers to the deletion. Metadata only: no names,
 * no Antragsdaten.
 */

export const faelligeAkte = z.object({
  akteId: z.uuid(),
  aktenzeichen: z.string(),
  kennzeichen: z.string(),
  orgUnitId: z.string(),
  zdaAm: isoDate,
  aufbewahrungBis: isoDate,
  aussonderungsart,
});
export type FaelligeAkte = z.infer<typeof faelligeAkte>;

export const AUSSONDERUNG_STATES = [
  /** Written, the 0501 not yet delivered. */
  'angelegt',
  /** The 0501 is with the archive; its 0502 is awaited. */
  'angeboten',
  /** The archive decided; the 0503 is being delivered. */
  'bewertet',
  /** The 0503 is with the archive; its 0506 is awaited. */
  'uebergeben',
  /** The archive confirmed the import: the Akten are being deleted here. */
  'importiert',
  /** Every Akte deleted; the deletion records remain. */
  'abgeschlossen',
  /** The archive reported a failed import; nothing was deleted. */
  'fehler',
] as const;
export const aussonderungState = z.enum(AUSSONDERUNG_STATES);
export type AussonderungState = z.infer<typeof aussonderungState>;

export const aussonderungSummary = z.object({
  prozessId: z.uuid(),
  state: aussonderungState,
  veranlasstVon: z.string(),
  akten: z.number().int().nonnegative(),
  archivieren: z.number().int().nonnegative(),
  vernichten: z.number().int().nonnegative(),
  geloescht: z.number().int().nonnegative(),
  grund: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AussonderungSummary = z.infer<typeof aussonderungSummary>;

export const aussonderungOverview = z.object({
  faellig: z.array(faelligeAkte),
  aussonderungen: z.array(aussonderungSummary),
});
export type AussonderungOverview = z.infer<typeof aussonderungOverview>;

export const aussonderungEndpoints = {
  aussonderungOverview: endpoint({
    method: 'GET',
    path: '/api/aussonderung',
    summary: 'Akten whose retention has ended (not yet offered) and the Aussonderungen, newest first',
    auth: true,
    response: aussonderungOverview,
  }),
  aussonderungStart: endpoint({
    method: 'POST',
    path: '/api/aussonderung',
    summary: 'Offers every Akte whose retention has ended to the archive (Anbieteverzeichnis 0501)',
    auth: true,
    body: z.object({}).strict(),
    response: aussonderungSummary,
  }),
};
