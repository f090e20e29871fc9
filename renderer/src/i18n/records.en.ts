import type { Translation } from './de.ts';
import type { recordsDe } from './records.de.ts';

/** English texts of the Aussonderung; the same keys as records.de.ts. */
export const recordsEn: Translation<typeof recordsDe> = {
  nav: 'Disposal',
  title: 'Disposal',
  intro:
    'Files whose retention period has ended are offered to the archive. The archive appraises each file (archive or destroy); after its import confirmation every file of the disposal is deleted here. Deletion records without personal data remain.',
  loading: 'Loading …',
  due_one: '{{count}} file whose retention has ended',
  due_other: '{{count}} files whose retention has ended',
  dueCaption: 'Files whose retention has ended',
  noneDue: 'No file that has not been offered yet has an ended retention period.',
  start_one: 'Offer to the archive ({{count}} file)',
  start_other: 'Offer to the archive ({{count}} files)',
  started_one: 'Disposal started: {{count}} file is offered to the archive.',
  started_other: 'Disposal started: {{count}} files are offered to the archive.',
  runs: 'Disposals',
  runsCaption: 'Disposals, newest first',
  noRuns: 'No disposal yet.',
  decided: 'A: {{a}} · V: {{v}}',
  col: {
    aktenzeichen: 'File number',
    kennzeichen: 'File plan',
    zda: 'Closed on',
    bis: 'Retained until',
    art: 'Pre-appraisal',
    started: 'Started',
    state: 'State',
    akten: 'Files',
    decided: 'Appraisal',
    deleted: 'Deleted',
  },
  art: { A: 'worth archiving', B: 'to be appraised', V: 'to be destroyed' },
  state: {
    angelegt: 'Created, offer being delivered',
    angeboten: 'Offered, awaiting the archive’s appraisal',
    bewertet: 'Appraised, handover running',
    uebergeben: 'Handed over, awaiting import confirmation',
    importiert: 'Imported, deletion running',
    abgeschlossen: 'Completed',
    fehler: 'Import failed at the archive',
  },
};
