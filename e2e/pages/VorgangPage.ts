import { expect, type Download, type Locator, type Page } from '@playwright/test';
import type { PrueflisteDecision, VorgangStatus } from '../../shared/domain/index.ts';
import { SyncStatus } from './SyncStatus.ts';

export type VorgangPane = 'antragsdaten' | 'dokumente' | 'pruefliste' | 'notizen' | 'journal';

/** Tab names start with these (Dokumente, Notizen and Prüfliste add a count in brackets). */
export const PANE_LABEL: Record<VorgangPane, string> = {
  antragsdaten: 'Antragsdaten',
  dokumente: 'Dokumente',
  pruefliste: 'Prüfliste',
  notizen: 'Notizen',
  journal: 'Journal',
};

export const STATUS_LABEL: Record<VorgangStatus, string> = {
  eingegangen: 'Eingegangen',
  in_bearbeitung: 'In Bearbeitung',
  wartet: 'Wartet',
  entscheidungsreif: 'Entscheidungsreif',
  zur_freigabe: 'Zur Freigabe',
  freigegeben: 'Freigegeben',
  zurueckgegeben: 'Zurückgegeben',
  bescheid_erstellt: 'Bescheid erstellt',
  versandt: 'Versandt',
  abgeschlossen: 'Abgeschlossen (z.d.A.)',
  abgegeben: 'An andere Behörde abgegeben',
};

export const DECISION_LABEL: Record<PrueflisteDecision, string> = {
  ok: 'in Ordnung',
  not_ok: 'nicht in Ordnung',
  n_a: 'nicht zutreffend',
};

const SAVED = 'Gespeichert. Die Änderung wird mit dem Server abgeglichen.';

/**
 * The Vorgang workspace: overview and actions on top (claim, take over, hand over, status,
 * Nachforderung, Wiedervorlage), then the panes as tabs (Antragsdaten, Dokumente, Prüfliste,
 * Notizen, Journal). Each pane has its own feedback region next to its actions.
 */
export class VorgangPage {
  readonly page: Page;
  readonly sync: SyncStatus;
  readonly root: Locator;
  readonly aktenzeichen: Locator;
  readonly status: Locator;
  readonly assignee: Locator;
  readonly wiedervorlage: Locator;
  readonly nachforderung: Locator;
  /** Feedback of the header actions (claim, status, Wiedervorlage, …). */
  readonly feedback: Locator;
  readonly claimButton: Locator;
  readonly wiedervorlageDate: Locator;
  readonly wiedervorlageNote: Locator;
  readonly setWiedervorlageButton: Locator;
  /** Why `entscheidungsreif` is disabled (names the open Prüfliste items). */
  readonly statusBlocked: Locator;
  readonly back: Locator;
  readonly tabs: Locator;
  readonly dialog: Locator;
  readonly prueflisteSummary: Locator;
  readonly documentRows: Locator;
  readonly journalVerification: Locator;
  readonly notes: Locator;

  constructor(page: Page) {
    this.page = page;
    this.sync = new SyncStatus(page);
    this.root = page.getByTestId('vorgang');
    this.aktenzeichen = page.getByRole('heading', { level: 1 });
    this.status = page.getByTestId('vorgang-status');
    this.assignee = page.getByTestId('vorgang-assignee');
    this.wiedervorlage = page.getByTestId('vorgang-wiedervorlage');
    this.nachforderung = page.getByTestId('vorgang-nachforderung');
    this.feedback = page.getByTestId('vorgang-feedback');
    this.claimButton = page.getByRole('button', { name: 'Übernehmen', exact: true });
    this.wiedervorlageDate = page.getByLabel('Datum der Wiedervorlage');
    this.wiedervorlageNote = page.getByLabel('Notiz zur Wiedervorlage (optional)');
    this.setWiedervorlageButton = page.getByRole('button', { name: 'Wiedervorlage setzen' });
    this.statusBlocked = page.getByTestId('status-blocked');
    this.back = page.getByRole('link', { name: 'Zurück zum Posteingang' });
    this.tabs = page.getByRole('tablist', { name: 'Bereiche des Vorgangs' });
    this.dialog = page.getByRole('dialog');
    this.prueflisteSummary = page.getByTestId('pruefliste-summary');
    this.documentRows = page.getByTestId('dokument-row');
    this.journalVerification = page.getByTestId('journal-verification');
    this.notes = page.getByTestId('note');
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/#/vorgang/${encodeURIComponent(id)}`);
    await expect(this.root).toHaveAttribute('data-vorgang-id', id);
  }

  async expectSaved(): Promise<void> {
    await expect(this.feedback).toHaveText(SAVED);
  }

  async claim(): Promise<void> {
    await this.claimButton.click();
    await this.expectSaved();
  }

  /** Takes the Vorgang over from the colleague named on the button, confirming the dialog. */
  async takeOver(fromName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Von ${fromName} übernehmen` }).click();
    await this.dialog.getByRole('button', { name: 'Vorgang übernehmen' }).click();
    await expect(this.dialog).toHaveCount(0);
    await this.expectSaved();
  }

  /** Hands the Vorgang to a colleague ("Abgeben an …", or "Zuweisen an …" for an unassigned one). */
  async handOver(toName: string): Promise<void> {
    await this.page.getByRole('button', { name: /^(Abgeben|Zuweisen) an …$/ }).click();
    await this.dialog.getByLabel('An wen?').selectOption({ label: toName });
    await this.dialog.getByRole('button', { name: /^(Abgeben|Zuweisen)$/ }).click();
    await expect(this.dialog).toHaveCount(0);
    await this.expectSaved();
  }

  async returnToTeam(): Promise<void> {
    await this.page.getByRole('button', { name: 'Zurück in den Teamkorb' }).click();
    await this.expectSaved();
  }

  changeStatusButton(to: VorgangStatus): Locator {
    return this.page.getByRole('button', { name: `Status ändern zu „${STATUS_LABEL[to]}“` });
  }

  async changeStatus(to: VorgangStatus): Promise<void> {
    await this.changeStatusButton(to).click();
    await this.expectSaved();
  }

  /** Sets the Wiedervorlage; `date` as YYYY-MM-DD. */
  async setWiedervorlage(date: string, note?: string): Promise<void> {
    await this.wiedervorlageDate.fill(date);
    if (note !== undefined) await this.wiedervorlageNote.fill(note);
    await this.setWiedervorlageButton.click();
    await this.expectSaved();
  }

  async expectWiedervorlage(germanDate: string): Promise<void> {
    await expect(this.wiedervorlage).toHaveText(`Wiedervorlage am ${germanDate}`);
  }

  /** Asks the applicant for documents; `frist` as YYYY-MM-DD (after today). The Vorgang then waits. */
  async requestNachforderung(frist: string, text: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Nachfordern …' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Unterlagen nachfordern' });
    await dialog.getByLabel('Frist für die Unterlagen').fill(frist);
    await dialog.getByLabel('Welche Unterlagen fehlen?').fill(text);
    await dialog.getByRole('button', { name: 'Nachforderung speichern' }).click();
    await expect(dialog).toHaveCount(0);
    await this.expectSaved();
  }

  async endNachforderung(): Promise<void> {
    await this.page.getByRole('button', { name: 'Nachforderung beenden' }).click();
    await this.expectSaved();
  }

  // ---- Panes ----

  tab(pane: VorgangPane): Locator {
    return this.tabs.getByRole('tab', { name: new RegExp(`^${PANE_LABEL[pane]}`) });
  }

  pane(pane: VorgangPane): Locator {
    return this.page.getByTestId(`pane-${pane}`);
  }

  async openPane(pane: VorgangPane): Promise<Locator> {
    await this.tab(pane).click();
    await expect(this.tab(pane)).toHaveAttribute('aria-selected', 'true');
    await expect(this.pane(pane)).toBeVisible();
    return this.pane(pane);
  }

  paneFeedback(pane: 'dokumente' | 'pruefliste' | 'notizen' | 'journal'): Locator {
    const id = { dokumente: 'dokumente', pruefliste: 'pruefliste', notizen: 'notes', journal: 'journal' }[pane];
    return this.page.getByTestId(`${id}-feedback`);
  }

  // ---- Prüfliste ----

  pruefItem(itemId: string): Locator {
    return this.page.getByTestId(`pruef-item-${itemId}`);
  }

  /** Decides a manual item; "nicht in Ordnung" needs a note. */
  async decideManual(itemId: string, decision: PrueflisteDecision, note?: string): Promise<void> {
    await this.openPane('pruefliste');
    const item = this.pruefItem(itemId);
    await item.getByRole('radio', { name: DECISION_LABEL[decision], exact: true }).check();
    if (note !== undefined) await item.getByLabel('Vermerk').fill(note);
    await item.getByRole('button', { name: 'Entscheidung speichern' }).click();
    await expect(this.paneFeedback('pruefliste')).toHaveText(SAVED);
    await expect(item.getByRole('radio', { name: DECISION_LABEL[decision], exact: true })).toBeChecked();
  }

  /** Replaces a rule item's result with a decision and its (mandatory) reason. */
  async overrideRule(itemId: string, decision: PrueflisteDecision, reason: string): Promise<void> {
    await this.openPane('pruefliste');
    await this.pruefItem(itemId).getByRole('button', { name: 'Übersteuern …' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Regelergebnis übersteuern' });
    await dialog.getByRole('radio', { name: DECISION_LABEL[decision], exact: true }).check();
    await dialog.getByLabel('Begründung').fill(reason);
    await dialog.getByRole('button', { name: 'Übersteuerung speichern' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(this.paneFeedback('pruefliste')).toHaveText(SAVED);
    await expect(this.pruefItem(itemId).getByTestId('rule-override')).toHaveAttribute('data-decision', decision);
  }

  // ---- Dokumente ----

  /** Adds files through the pane's file input (web mode); waits until the pane reports them added. */
  async uploadFile(path: string | string[]): Promise<void> {
    const pane = await this.openPane('dokumente');
    await pane.getByLabel('Dateien auswählen').setInputFiles(path);
    await expect(this.paneFeedback('dokumente')).toContainText('hinzugefügt');
  }

  documentRow(name: string): Locator {
    return this.documentRows.filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** Starts the download of a document and returns it (web mode: a browser download). */
  async downloadDocument(name: string): Promise<Download> {
    await this.openPane('dokumente');
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.documentRow(name)
        .getByRole('button', { name: `${name} herunterladen` })
        .click(),
    ]);
    return download;
  }

  /** Opens the preview dialog of a PDF or image document. */
  async previewDocument(name: string): Promise<Locator> {
    await this.openPane('dokumente');
    await this.documentRow(name)
      .getByRole('button', { name: `Vorschau von ${name}` })
      .click();
    const dialog = this.page.getByRole('dialog', { name: `Vorschau von ${name}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  // ---- Notizen ----

  async addNote(text: string): Promise<void> {
    await this.openPane('notizen');
    await this.page.getByLabel('Neue Notiz').fill(text);
    await this.page.getByRole('button', { name: 'Notiz hinzufügen' }).click();
    await expect(this.paneFeedback('notizen')).toHaveText(SAVED);
  }

  note(text: string): Locator {
    return this.notes.filter({ hasText: text });
  }

  async editNote(oldText: string, newText: string): Promise<void> {
    await this.openPane('notizen');
    await this.note(oldText).getByRole('button', { name: 'Bearbeiten' }).click();
    await this.page.getByLabel('Notiz bearbeiten').fill(newText);
    await this.page.getByRole('button', { name: 'Änderung speichern' }).click();
    await expect(this.paneFeedback('notizen')).toHaveText(SAVED);
  }

  async deleteNote(text: string): Promise<void> {
    await this.openPane('notizen');
    await this.note(text).getByRole('button', { name: 'Löschen' }).click();
    await this.page
      .getByRole('dialog', { name: 'Notiz löschen?' })
      .getByRole('button', { name: 'Notiz löschen' })
      .click();
    await expect(this.paneFeedback('notizen')).toHaveText(SAVED);
  }

  // ---- Journal ----

  /** Opens the journal (which fetches it) and returns its entries, newest first; pending ones carry data-pending. */
  async journalEntries(): Promise<Locator> {
    const pane = await this.openPane('journal');
    await expect(pane.getByRole('button', { name: 'Aktualisieren' })).toBeEnabled();
    return pane.getByTestId('journal-entry');
  }

  async refreshJournal(): Promise<void> {
    const pane = await this.openPane('journal');
    await pane.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect(pane.getByRole('button', { name: 'Aktualisieren' })).toBeEnabled();
  }
}
