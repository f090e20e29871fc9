import {
  gebuehrenRegistry,
  vorlagenRegistry,
  type GebuehrenRegistry,
  type NamedJson,
  type VorlagenLoadError,
  type VorlagenRegistry,
} from '../../../../shared/bescheid/template/index.ts';
import { err, ok, verfahrenDef, type Result, type VerfahrenDef } from '../../../../shared/domain/index.ts';
import gebuehrenJson from '../../../../resources/bescheid/gebuehren.json';

/**
 * The shipped Textvorlagen, Textbausteine, fee rules and the Verfahren definitions they were
 * checked against, bundled with the renderer (they are data under resources/, the same files the
 * server loads), so drafting works offline.
 */
const VORLAGEN = import.meta.glob<unknown>('../../../../resources/bescheid/vorlagen/*.json', {
  eager: true,
  import: 'default',
});
const BAUSTEINE = import.meta.glob<unknown>('../../../../resources/bescheid/bausteine/*.json', {
  eager: true,
  import: 'default',
});
const VERFAHREN = import.meta.glob<unknown>('../../../../resources/verfahren/*.json', {
  eager: true,
  import: 'default',
});

export interface BescheidRegistries {
  readonly vorlagen: VorlagenRegistry;
  readonly gebuehren: GebuehrenRegistry;
  /** The Verfahren definitions the Vorlagen were validated against. */
  readonly verfahren: ReadonlyMap<string, VerfahrenDef>;
}

/** Files in name order with names relative to resources/, as the messages name them. */
function named(files: Record<string, unknown>): NamedJson[] {
  return Object.entries(files)
    .map(([path, json]) => ({ name: path.replace(/^.*\/resources\//, ''), json }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function load(): Result<BescheidRegistries, VorlagenLoadError> {
  const verfahren: VerfahrenDef[] = [];
  const issues: VorlagenLoadError['issues'][number][] = [];
  for (const file of named(VERFAHREN)) {
    const parsed = verfahrenDef.safeParse(file.json);
    if (parsed.success) verfahren.push(parsed.data);
    else
      issues.push({
        code: 'invalid_vorlage',
        message: `${file.name}: invalid Verfahren definition`,
        messageDe: `${file.name}: ungültige Verfahrensdefinition`,
      });
  }
  if (issues.length > 0) return err({ ...(issues[0] as VorlagenLoadError['issues'][number]), issues });
  const vorlagen = vorlagenRegistry({ verfahren, vorlagen: named(VORLAGEN), bausteine: named(BAUSTEINE) });
  if (!vorlagen.ok) return vorlagen;
  const gebuehren = gebuehrenRegistry({ name: 'bescheid/gebuehren.json', json: gebuehrenJson }, verfahren);
  if (!gebuehren.ok) return gebuehren;
  return ok({
    vorlagen: vorlagen.value,
    gebuehren: gebuehren.value,
    verfahren: new Map(verfahren.map((v) => [v.id, v])),
  });
}

let loaded: Result<BescheidRegistries, VorlagenLoadError> | undefined;

/** Validates and compiles the shipped resources once; an error names every broken file. */
export function bescheidRegistries(): Result<BescheidRegistries, VorlagenLoadError> {
  loaded ??= load();
  return loaded;
}
