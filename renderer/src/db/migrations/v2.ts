import type { Dexie } from 'dexie';
import { normalizeSearch, transcribe } from '../rows.ts';

/** A row as schema v2 stored it. */
interface V2Row {
  aktenzeichen: string;
  applicant: { familyName: string; givenName: string };
  searchTokens?: string[];
}

const SEPARATORS = /[\s.\-/,]+/u;

/** Every suffix of `text` that starts after a separator, so "32.10.05-2026/00042" is found by "00042". */
function suffixes(text: string): string[] {
  const out = [text];
  const re = new RegExp(SEPARATORS.source, 'gu');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const rest = text.slice(m.index + m[0].length);
    if (rest) out.push(rest);
  }
  return out;
}

/** Index tokens as schema v2 derived them (frozen here: migrations never change). */
export function searchTokensOf(v: V2Row): string[] {
  const tokens = new Set<string>();
  for (const source of [v.aktenzeichen, v.applicant.familyName, v.applicant.givenName]) {
    const trimmed = source.trim();
    if (!trimmed) continue;
    for (const variant of [normalizeSearch(trimmed), normalizeSearch(transcribe(trimmed))]) {
      for (const s of suffixes(variant)) tokens.add(s);
    }
  }
  return [...tokens];
}

/**
 * Version 2: multi-entry index over search tokens, so searching 100,000 Vorgänge by
 * Aktenzeichen or applicant name is an index range instead of a table scan (seconds in
 * IndexedDB). Existing rows get their tokens derived during the upgrade.
 */
export function v2(db: Dexie): void {
  db.version(2)
    .stores({ vorgaenge: 'id, [assigneeKey+frist], [orgUnitId+frist], frist, updatedAt, *searchTokens' })
    .upgrade(async (tx) => {
      await tx
        .table<V2Row, string>('vorgaenge')
        .toCollection()
        .modify((row) => {
          row.searchTokens = searchTokensOf(row);
        });
    });
}
