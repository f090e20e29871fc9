import type { Absence, Bescheid, Dokument, Note, User, VerfahrenDef, Vorgang } from '../domain/index.ts';
import type { MutatorTx } from './types.ts';

/** Deep copy of plain JSON data (entities are JSON by contract). */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * A MutatorTx over plain maps. Used by tests and by benchmarks that exercise mutators
 * without storage; it copies on read and write so callers cannot alias stored objects.
 */
export class MemoryTx implements MutatorTx {
  readonly vorgaenge = new Map<string, Vorgang>();
  readonly notes = new Map<string, Note>();
  readonly users = new Map<string, User>();
  readonly verfahren = new Map<string, VerfahrenDef>();
  readonly dokumente = new Map<string, Dokument>();
  readonly blobs = new Set<string>();
  readonly absences = new Map<string, Absence>();
  readonly bescheide = new Map<string, Bescheid>();

  async getVorgang(id: string): Promise<Vorgang | undefined> {
    const v = this.vorgaenge.get(id);
    return v && copy(v);
  }
  async putVorgang(v: Vorgang): Promise<void> {
    this.vorgaenge.set(v.id, copy(v));
  }
  async getNote(id: string): Promise<Note | undefined> {
    const n = this.notes.get(id);
    return n && copy(n);
  }
  async putNote(n: Note): Promise<void> {
    this.notes.set(n.id, copy(n));
  }
  async getUser(id: string): Promise<User | undefined> {
    return this.users.get(id);
  }
  async getVerfahren(id: string): Promise<VerfahrenDef | undefined> {
    return this.verfahren.get(id);
  }
  async getDokument(id: string): Promise<Dokument | undefined> {
    const d = this.dokumente.get(id);
    return d && copy(d);
  }
  async putDokument(d: Dokument): Promise<void> {
    this.dokumente.set(d.id, copy(d));
  }
  async hasBlob(sha256: string): Promise<boolean> {
    return this.blobs.has(sha256);
  }
  async getAbsence(id: string): Promise<Absence | undefined> {
    const a = this.absences.get(id);
    return a && copy(a);
  }
  async putAbsence(a: Absence): Promise<void> {
    this.absences.set(a.id, copy(a));
  }
  async absencesOf(userId: string): Promise<Absence[]> {
    return [...this.absences.values()].filter((a) => a.userId === userId).map(copy);
  }
  async getBescheid(id: string): Promise<Bescheid | undefined> {
    const b = this.bescheide.get(id);
    return b && copy(b);
  }
  async putBescheid(b: Bescheid): Promise<void> {
    this.bescheide.set(b.id, copy(b));
  }
}
