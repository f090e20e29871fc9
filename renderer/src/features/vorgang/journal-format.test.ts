import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/index.ts';
import { actionLabel, newestFirst, offlineCapturedAt, summaryLines, type JournalTexts } from './journal-format.ts';

function texts(lang: 'de' | 'en'): JournalTexts {
  const i18n = createI18n(lang);
  return {
    t: i18n.t,
    lang,
    userName: (id) => ({ u1: 'Anna Amsel', u2: 'Bert Buche' })[id] ?? 'Unbekannte Person',
    itemLabel: (id) => (id === 'vollstaendig' ? 'Antrag vollständig' : id),
    dokumentName: (id) => (id === 'd1' ? 'Lageplan.pdf' : undefined),
  };
}
const de = texts('de');

describe('journal summaries', () => {
  it('words status, assignee and date changes', () => {
    expect(summaryLines('changeStatus', { from: 'eingegangen', to: 'in_bearbeitung' }, de)).toEqual([
      'Status: Eingegangen → In Bearbeitung',
    ]);
    expect(summaryLines('takeOver', { from: 'u1', to: 'u2' }, de)).toEqual(['Bearbeiter*in: Anna Amsel → Bert Buche']);
    expect(summaryLines('assign', { from: 'u2', to: null }, de)).toEqual(['Bearbeiter*in: Bert Buche → Teamkorb']);
    expect(summaryLines('setWiedervorlage', { from: null, to: '2026-12-01' }, de)).toEqual([
      'Wiedervorlage: — → 01.12.2026',
    ]);
    expect(
      summaryLines('requestNachforderung', { frist: '2026-12-10', from: 'in_bearbeitung', to: 'wartet' }, de),
    ).toEqual(['Status: In Bearbeitung → Wartet', 'Frist: 10.12.2026']);
  });

  it('words the recorded dispatch of a Bescheid', () => {
    const summary = { channel: 'post', date: '2026-11-23', from: 'bescheid_erstellt', to: 'versandt' };
    expect(actionLabel('recordDispatch', summary, de.t)).toBe('Versand vermerken');
    expect(summaryLines('recordDispatch', summary, de)).toEqual([
      'Status: Bescheid erstellt → Versandt',
      'Versandweg: Post (gedruckt)',
      'Datum: 23.11.2026',
    ]);
    expect(summaryLines('recordDispatch', summary, texts('en'))).toEqual([
      'Status: Decision issued → Sent',
      'Channel: Post (printed)',
      'Date: 23/11/2026',
    ]);
  });

  it('words z.d.A. and Wiederaufnahme with the reason in words', () => {
    const zda = { grund: 'ruecknahme', from: 'in_bearbeitung', to: 'abgeschlossen' };
    expect(actionLabel('verfuegeZda', zda, de.t)).toBe('z.d.A. verfügen');
    expect(summaryLines('verfuegeZda', zda, de)).toEqual([
      'Status: In Bearbeitung → Abgeschlossen (z.d.A.)',
      'Abschluss: Rücknahme des Antrags',
    ]);
    const reopened = { begruendung: 'Widerspruch', from: 'abgeschlossen', to: 'in_bearbeitung' };
    expect(actionLabel('wiederaufnehmen', reopened, de.t)).toBe('Wiederaufnahme');
    expect(summaryLines('wiederaufnehmen', reopened, texts('en'))).toEqual([
      'Status: Closed (filed) → In progress',
      'Justification: Widerspruch',
    ]);
  });

  it('words the Freigabe round and the seal of a Bescheid, with short hashes and no ids', () => {
    const hash = 'ab12cd34'.repeat(8);
    const submit = { bescheidId: 'b1', contentHash: hash, from: 'entscheidungsreif', to: 'zur_freigabe' };
    expect(summaryLines('submitBescheid', submit, de)).toEqual([
      'Status: Entscheidungsreif → Zur Freigabe',
      `Inhalts-Hash: ${hash.slice(0, 8)}…${hash.slice(-8)}`,
    ]);
    const returned = { bescheidId: 'b1', comment: 'Begründung ergänzen', from: 'zur_freigabe', to: 'zurueckgegeben' };
    expect(summaryLines('returnBescheid', returned, de)).toEqual([
      'Status: Zur Freigabe → Zurückgegeben',
      'Kommentar: Begründung ergänzen',
    ]);
    const seal = { bescheidId: 'b1', contentHash: hash, pdfSha256: hash, dokumentId: 'd1', approvedBy: 'u2' };
    expect(actionLabel('sealBescheid', seal, de.t)).toBe('Bescheid gesiegelt');
    expect(summaryLines('sealBescheid', seal, de)).toEqual([
      'Freigegeben von: Bert Buche',
      `Inhalts-Hash: ${hash.slice(0, 8)}…${hash.slice(-8)}`,
      `SHA-256 der PDF: ${hash.slice(0, 8)}…${hash.slice(-8)}`,
      'Dokument: Lageplan.pdf',
    ]);
    expect(actionLabel('rejected', { mutation: 'sealBescheid', code: 'stale_content' }, de.t)).toContain(
      'Bescheid gesiegelt',
    );
  });

  it('words Prüfliste decisions, overrides and withdrawals', () => {
    expect(summaryLines('decidePruefItem', { itemId: 'vollstaendig', decision: 'not_ok', note: 'fehlt' }, de)).toEqual([
      'Prüfpunkt: Antrag vollständig',
      'Entscheidung: nicht in Ordnung',
      'Vermerk: fehlt',
    ]);
    expect(summaryLines('overridePruefRule', { itemId: 'grenze', decision: null, reason: null }, de)).toEqual([
      'Prüfpunkt: grenze',
      'Entscheidung: zurückgenommen',
    ]);
  });

  it('words documents and notes without ids', () => {
    const sha = 'ab'.repeat(32);
    expect(
      summaryLines('addDokument', { dokumentId: 'd1', sha256: sha, size: 2048, mediaType: 'application/pdf' }, de),
    ).toEqual(['Dokument: Lageplan.pdf', 'Dateityp: PDF', 'Größe: 2 KB', 'SHA-256: abababab…abababab']);
    expect(summaryLines('addNote', { noteId: 'n1', textLength: 1 }, de)).toEqual(['Text: 1 Zeichen']);
    expect(summaryLines('deleteNote', { noteId: 'n1', previousText: 'Rückruf am Montag' }, de)).toEqual([
      'Bisheriger Text: Rückruf am Montag',
    ]);
  });

  it('names a rejection by the refused mutation and its reason', () => {
    const summary = { mutation: 'changeStatus', code: 'pruefliste_incomplete' };
    expect(actionLabel('rejected', summary, de.t)).toBe('Abgelehnt: Status ändern');
    expect(summaryLines('rejected', summary, de)).toEqual([
      'Grund: Die Prüfliste ist noch nicht vollständig bearbeitet.',
    ]);
  });

  it('shows members it does not know as plain text, never as JSON', () => {
    const lines = summaryLines('futureAction', { count: 3, flags: [true, false], nested: { a: 'x' } }, de);
    expect(lines).toEqual(['count: 3', 'flags: ja, nein', 'nested: a: x']);
    expect(lines.join('')).not.toMatch(/[{}"]/);
    expect(actionLabel('futureAction', {}, de.t)).toBe('Unbekannte Änderung (futureAction)');
  });

  it('speaks English too', () => {
    const en = texts('en');
    expect(summaryLines('changeStatus', { from: 'wartet', to: 'in_bearbeitung' }, en)).toEqual([
      'Status: Waiting → In progress',
    ]);
  });
});

describe('journal times and order', () => {
  it('shows the device time only when it differs from the server time by more than a minute', () => {
    const serverTime = '2026-11-23T10:00:00.000Z';
    expect(offlineCapturedAt({ serverTime, deviceTime: null })).toBeNull();
    expect(offlineCapturedAt({ serverTime, deviceTime: '2026-11-23T09:59:30.000Z' })).toBeNull();
    expect(offlineCapturedAt({ serverTime, deviceTime: '2026-11-23T08:15:00.000Z' })).toBe('2026-11-23T08:15:00.000Z');
  });

  it('lists the newest event first', () => {
    expect(newestFirst([{ seq: 1 }, { seq: 3 }, { seq: 2 }]).map((e) => e.seq)).toEqual([3, 2, 1]);
  });
});
