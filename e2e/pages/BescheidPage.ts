import { expect, type Download, type Locator, type Page } from '@playwright/test';
import type { BescheidDecision } from '../../shared/domain/index.ts';

/** The editor's text fields, in the letter's order (features/bescheid/form.ts TEXT_FIELDS). */
export type BescheidField =
  | 'recipient'
  | 'betreff'
  | 'anrede'
  | 'tenor'
  | 'begruendung'
  | 'gebuehren'
  | 'rechtsbehelfsbelehrung'
  | 'schlussformel';

export const FIELD_LABEL: Record<BescheidField, string> = {
  recipient: 'Anschrift',
  betreff: 'Betreff',
  anrede: 'Anrede',
  tenor: 'Tenor',
  begruendung: 'Begründung',
  gebuehren: 'Gebühren',
  rechtsbehelfsbelehrung: 'Rechtsbehelfsbelehrung',
  schlussformel: 'Schlussformel',
};

export const DECISION_LABEL: Record<BescheidDecision, string> = {
  bewilligung: 'Bewilligung',
  teilweise_bewilligung: 'Teilweise Bewilligung',
  ablehnung: 'Ablehnung',
};

/** The autosave indicator's states (data-state of `bescheid-save-state`). */
export type SaveState = 'storing' | 'invalid' | 'unsaved' | 'pending' | 'saved' | 'failed';

export interface VerificationResult {
  /** The panel's verdict: "Das Siegel ist gültig." */
  valid: boolean;
  checks: { valid: boolean; unchanged: boolean; chain: boolean };
  /** "Stadt Musterstadt … (Zertifikat Nr. …)" */
  signer: string;
  time: string;
}

/**
 * The Bescheid of a Vorgang (tab "Bescheid" of the workspace: start from a Textvorlage, edit,
 * submit, approve or return as the lead, download and check the sealed PDF) and the lead's
 * Freigabe queue (`#/freigaben`). German UI texts.
 */
export class BescheidPage {
  readonly page: Page;
  readonly tab: Locator;
  readonly start: Locator;
  readonly editor: Locator;
  readonly saveState: Locator;
  /** Why submitting is disabled: unresolved placeholders and other problems. */
  readonly blocked: Locator;
  readonly unresolved: Locator;
  readonly submitButton: Locator;
  /** The state's message (eingereicht, freigegeben, gesiegelt). */
  readonly status: Locator;
  readonly returnComment: Locator;
  readonly feedback: Locator;
  readonly preview: Locator;
  readonly previewFrame: Locator;
  readonly freigabe: Locator;
  /** The note shown instead of approve/return to anyone the 4-eyes rule excludes. */
  readonly freigabeBlocked: Locator;
  readonly verification: Locator;
  /** The dispatch section of a sealed Bescheid (form, then the recorded dispatch). */
  readonly dispatch: Locator;
  /** The recorded dispatch: "Versandt am 23.11.2026 per Post". */
  readonly dispatchStatus: Locator;
  readonly queue: Locator;

  constructor(page: Page) {
    this.page = page;
    this.tab = page.getByRole('tab', { name: /^Bescheid/ });
    this.start = page.getByTestId('bescheid-start');
    this.editor = page.getByTestId('bescheid-editor');
    this.saveState = page.getByTestId('bescheid-save-state');
    this.blocked = page.getByTestId('bescheid-blocked');
    this.unresolved = page.getByTestId('bescheid-unresolved');
    this.submitButton = page.getByRole('button', { name: 'Zur Freigabe einreichen' });
    this.status = page.getByTestId('bescheid-status');
    this.returnComment = page.getByTestId('bescheid-return-comment');
    this.feedback = page.getByTestId('bescheid-feedback');
    this.preview = page.getByTestId('bescheid-preview');
    this.previewFrame = page.getByTestId('bescheid-preview-frame');
    this.freigabe = page.getByTestId('freigabe');
    this.freigabeBlocked = page.getByTestId('freigabe-blocked');
    this.verification = page.getByTestId('bescheid-verification');
    this.dispatch = page.getByTestId('bescheid-dispatch');
    this.dispatchStatus = page.getByTestId('bescheid-dispatch-status');
    this.queue = page.getByTestId('freigabe-queue');
  }

  /** Opens the workspace's Bescheid tab (the Vorgang must be open). */
  async openTab(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await expect(this.page.getByTestId('bescheid')).toBeVisible();
  }

  // ---- Starting a draft ----

  async chooseDecision(decision: BescheidDecision): Promise<void> {
    await this.start.getByRole('radio', { name: DECISION_LABEL[decision], exact: true }).check();
  }

  /** Picks a Textvorlage by its German name, or the first one offered for the decision. */
  async chooseVorlage(name?: string): Promise<void> {
    const select = this.start.getByLabel('Textvorlage');
    await expect(select).toBeEnabled();
    if (name !== undefined) {
      await select.selectOption({ label: name });
      return;
    }
    const first = await select.locator('option:not([value=""])').first().getAttribute('value');
    if (first === null) throw new Error('no Textvorlage offered for the decision');
    await select.selectOption(first);
  }

  /** Sets the fee by hand (amount as typed, e.g. "25,00"), in the start form or the editor. */
  async setFee(amount: string, reason: string): Promise<void> {
    const fee = this.page.getByTestId('bescheid-fee');
    const override = fee.getByLabel('Gebühr abweichend festsetzen');
    if (!(await override.isChecked())) await override.check();
    await fee.getByLabel('Gebühr in Euro').fill(amount);
    await fee.getByLabel('Begründung der abweichenden Gebühr').fill(reason);
    await fee.getByLabel('Begründung der abweichenden Gebühr').blur();
  }

  /** "Entwurf erstellen": renders the Textvorlage into the editor. */
  async createDraft(): Promise<void> {
    await this.start.getByRole('button', { name: 'Entwurf erstellen' }).click();
    await expect(this.editor).toBeVisible();
  }

  /** Decision, Textvorlage (first offered unless named), create: the editor is open afterwards. */
  async startDraft(decision: BescheidDecision, vorlage?: string): Promise<void> {
    await this.chooseDecision(decision);
    await this.chooseVorlage(vorlage);
    await this.createDraft();
  }

  // ---- Editing ----

  field(field: BescheidField): Locator {
    return this.editor.getByLabel(FIELD_LABEL[field], { exact: true });
  }

  /** Replaces a field's text (or appends to it) and leaves the field, which saves at once. */
  async editSection(field: BescheidField, text: string, options: { append?: boolean } = {}): Promise<void> {
    const input = this.field(field);
    const value = options.append ? `${await input.inputValue()}${text}` : text;
    await input.fill(value);
    await input.blur();
    await expect(input).toHaveValue(value);
  }

  /** Waits until the indicator shows the state ("saved" needs the server's confirmation). */
  async expectSaveState(state: SaveState | RegExp): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-state', state);
  }

  /** The placeholder paths the unresolved list names, in order. */
  async unresolvedPaths(): Promise<string[]> {
    const items = this.unresolved.locator('[data-path]');
    return items.evaluateAll((els) => els.map((e) => e.getAttribute('data-path') ?? ''));
  }

  /** Submits for Freigabe and waits for "Eingereicht – wartet auf Freigabe". */
  async submit(): Promise<void> {
    await expect(this.submitButton).toBeEnabled();
    await this.submitButton.click();
    await expect(this.status).toContainText('Eingereicht – wartet auf Freigabe');
  }

  // ---- Freigabe (lead) ----

  async gotoQueue(): Promise<void> {
    await this.page.goto('/#/freigaben');
    await expect(this.queue).toBeVisible();
  }

  queueRow(aktenzeichen: string): Locator {
    return this.queue
      .getByTestId('freigabe-row')
      .filter({ has: this.page.getByRole('rowheader', { name: aktenzeichen, exact: true }) });
  }

  /** Opens a queued Bescheid: its text read-only, the preview, and approve/return. */
  async openFromQueue(aktenzeichen: string): Promise<void> {
    await this.queueRow(aktenzeichen)
      .getByRole('button', { name: `Bescheid zu ${aktenzeichen} prüfen` })
      .click();
    await expect(this.page.getByTestId('freigabe-detail')).toBeVisible();
  }

  /** Approves the submitted version (confirming the dialog), in the queue or the Vorgang's tab. */
  async approve(): Promise<void> {
    await this.freigabe.getByRole('button', { name: 'Freigeben' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Bescheid freigeben' });
    await dialog.getByRole('button', { name: 'Freigeben' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(this.page.getByTestId('freigabe-outcome').or(this.status)).toContainText(/freigegeben|Freigegeben/);
  }

  /** Returns the submitted Bescheid with the (mandatory) comment. */
  async returnWithComment(comment: string): Promise<void> {
    await this.freigabe.getByRole('button', { name: 'Zurückgeben' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Bescheid zurückgeben' });
    await dialog.getByLabel('Kommentar für die Sachbearbeitung').fill(comment);
    await dialog.getByRole('button', { name: 'Zurückgeben' }).click();
    await expect(dialog).toHaveCount(0);
  }

  // ---- Sealed ----

  /** Waits for the sealed state (the server seals after the Freigabe; the pull brings it). */
  async expectSealed(): Promise<void> {
    await expect(this.page.getByTestId('bescheid')).toHaveAttribute('data-state', 'gesiegelt');
    await expect(this.page.getByTestId('bescheid-download')).toBeVisible();
  }

  /** Downloads the sealed PDF (web mode: a browser download). */
  async downloadSealed(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'PDF herunterladen' }).click(),
    ]);
    return download;
  }

  /**
   * Records the postal dispatch (the only channel so far) on `date` (YYYY-MM-DD; default: the
   * prefilled today) and waits for "Versandt am … per Post".
   */
  async recordDispatch(date?: string): Promise<void> {
    await expect(this.dispatch.getByRole('radio', { name: 'Post (gedruckt)' })).toBeChecked();
    await expect(this.dispatch.getByRole('radio', { name: 'Digitales Postfach' })).toBeDisabled();
    if (date !== undefined) await this.dispatch.getByLabel('Versanddatum').fill(date);
    await this.dispatch.getByRole('button', { name: 'Versand vermerken' }).click();
    await expect(this.dispatchStatus).toHaveText(/^Versandt am \d{2}\.\d{2}\.\d{4} per Post$/);
  }

  /** Runs the in-app seal check and reads the panel. */
  async verificationResult(): Promise<VerificationResult> {
    await this.page.getByRole('button', { name: 'Siegel prüfen' }).click();
    await expect(this.verification).toHaveAttribute('data-state', /^(valid|invalid)$/);
    const check = async (name: 'valid' | 'unchanged' | 'chain') =>
      (await this.verification.locator(`[data-check="${name}"]`).getAttribute('data-ok')) === 'true';
    return {
      valid: (await this.verification.getAttribute('data-state')) === 'valid',
      checks: { valid: await check('valid'), unchanged: await check('unchanged'), chain: await check('chain') },
      signer: (await this.page.getByTestId('bescheid-verification-signer').textContent()) ?? '',
      time: (await this.page.getByTestId('bescheid-verification-time').textContent()) ?? '',
    };
  }
}
