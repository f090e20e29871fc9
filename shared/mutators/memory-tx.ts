import type { Umlauf } from '../domain/umlauf.ts';
import type { Akte } from '../domain/akte.ts';
import type { AktenplanEinheit } from '../domain/aktenplan.ts';
import type { Absence, Bescheid, Dokument, Note, User, VerfahrenDef, Vorgang } from '../domain/index.ts';
import type { EntityValue, WritableEntity } from '../sync/entities.ts';
import type { BlobUse, MutatorTx } from './types.ts';

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
  readonly orgUnits = new Set<string>();
  readonly akten = new Map<string, Akte>();
  readonly umlaeufe = new Map<string, Umlauf>();
  readonly aktenplan = new Map<string, AktenplanEinheit>();

  readonly #tables: { readonly [E in WritableEntity]: Map<string, EntityValue<E>> } = {
    vorgang: this.vorgaenge,
    note: this.notes,
    dokument: this.dokumente,
    absence: this.absences,
    bescheid: this.bescheide,
    akte: this.akten,
    umlauf: this.umlaeufe,
  };

  async get<E extends WritableEntity>(entity: E, id: string): Promise<EntityValue<E> | undefined> {
    const table: Map<string, EntityValue<E>> = this.#tables[entity];
    const row = table.get(id);
    return row && copy(row);
  }
  async put<E extends WritableEntity>(entity: E, value: EntityValue<E>): Promise<void> {
    const table: Map<string, EntityValue<E>> = this.#tables[entity];
    table.set(value.id, copy(value));
  }
  async getUser(id: string): Promise<User | undefined> {
    return this.users.get(id);
  }
  async getVerfahren(id: string): Promise<VerfahrenDef | undefined> {
    return this.verfahren.get(id);
  }
  async getAktenplanEinheit(kennzeichen: string): Promise<AktenplanEinheit | undefined> {
    return this.aktenplan.get(kennzeichen);
  }
  async blobUsable(sha256: string): Promise<BlobUse> {
    return this.blobs.has(sha256) ? 'ok' : 'missing';
  }
  async orgUnitExists(id: string): Promise<boolean> {
    return this.orgUnits.has(id);
  }
  async absencesOf(userId: string): Promise<Absence[]> {
    return [...this.absences.values()].filter((a) => a.userId === userId).map(copy);
  }
}
