import type { z } from 'zod';
import type { BescheidDecision } from '../../domain/bescheid.ts';
import { err, ok, type Result } from '../../domain/errors.ts';
import type { FieldDef, VerfahrenDef } from '../../domain/verfahren.ts';
import { walkNodes, type Template } from './ast.ts';
import { checkTemplate, type PathLookup } from './check.ts';
import { CONTEXT_PATHS, pathInfo } from './context.ts';
import { templateError, within, type TemplateError } from './errors.ts';
import { TEMPLATE_LIMITS } from './limits.ts';
import { parseTemplate } from './parse.ts';
import type { BlockSet, ContextObject } from './render.ts';
import { renderSections, type CompiledVorlage, type RenderedVorlage } from './sections.ts';
import { bausteinFileSchema, vorlageSchema, type Vorlage } from './vorlage.ts';

/** A JSON document as read by the caller, with its file name for messages. */
export interface NamedJson {
  readonly name: string;
  readonly json: unknown;
}

export interface VorlagenSources {
  /** The validated Verfahren definitions (resources/verfahren): their fields are the `antrag.*` paths. */
  readonly verfahren: readonly VerfahrenDef[];
  /** resources/bescheid/vorlagen/*.json */
  readonly vorlagen: readonly NamedJson[];
  /** resources/bescheid/bausteine/*.json */
  readonly bausteine: readonly NamedJson[];
}

export interface VorlagenRegistry {
  /** In the order of the files. */
  readonly vorlagen: readonly Vorlage[];
  readonly blocks: BlockSet;
  get(vorlageId: string): Vorlage | undefined;
  /** The Vorlagen of a Verfahren, optionally of one decision: what the editor offers. */
  list(verfahrenId: string, decision?: BescheidDecision): Vorlage[];
  /** Renders a whole Textvorlage into Betreff, Anrede and the letter's sections. */
  render(vorlageId: string, context: ContextObject): Result<RenderedVorlage, TemplateError>;
}

/** Every problem of every file; `issues` lists them one by one. */
export interface VorlagenLoadError extends TemplateError {
  readonly issues: readonly TemplateError[];
}

/** How many issues the summary message names; `issues` has all. */
const SUMMARY_ISSUES = 10;

/**
 * Validates Textvorlagen and Textbausteine (already read and JSON-parsed by the caller: shared
 * code reads no files) and compiles them once. Checks the schema, the template syntax, that every
 * path exists in the context or among the fields of the Vorlage's Verfahren, that formatters and
 * comparisons fit the path's type, that every included Textbaustein exists, and that includes
 * neither cycle nor nest deeper than TEMPLATE_LIMITS.maxIncludeDepth.
 */
export function vorlagenRegistry(sources: VorlagenSources): Result<VorlagenRegistry, VorlagenLoadError> {
  const issues: TemplateError[] = [];
  const blocks = loadBausteine(sources.bausteine, issues);
  checkIncludeGraph(blocks, issues);
  const hasBlock = (name: string) => blocks.has(name);
  for (const b of blocks.values()) {
    // Antragsdaten paths depend on the Verfahren: checked for each Vorlage that includes the block.
    const lookup: PathLookup = (path) => (isAntragPath(path) ? 'skip' : CONTEXT_PATHS.get(path));
    b.paragraphs.forEach((t, i) => {
      for (const e of checkTemplate(t, lookup, hasBlock)) issues.push(within(`${b.file}: ${b.id} paragraphs[${i}]`, e));
    });
  }

  const compiled = new Map<string, CompiledVorlage>();
  const vorlagen: Vorlage[] = [];
  const ids = new Set<string>();
  for (const file of sources.vorlagen) {
    const parsed = vorlageSchema.safeParse(file.json);
    if (!parsed.success) {
      issues.push(...schemaIssues(file.name, parsed.error));
      continue;
    }
    const v = parsed.data;
    if (ids.has(v.id)) {
      issues.push(invalid(`${file.name}: id`, `Doppelte Vorlagen-Id „${v.id}“`, `Duplicate Vorlage id "${v.id}"`));
      continue;
    }
    ids.add(v.id);
    const verfahren = sources.verfahren.find((d) => d.id === v.verfahrenId);
    if (verfahren === undefined) {
      issues.push(
        invalid(
          `${file.name}: verfahrenId`,
          `Unbekanntes Verfahren „${v.verfahrenId}“`,
          `Unknown Verfahren "${v.verfahrenId}"`,
        ),
      );
      continue;
    }
    const entry = compileVorlage(
      file.name,
      v,
      verfahren.groups.flatMap((g) => g.fields),
      blocks,
      issues,
    );
    if (entry !== undefined) {
      compiled.set(v.id, entry);
      vorlagen.push(v);
    }
  }

  if (issues.length > 0) {
    const shown = issues.slice(0, SUMMARY_ISSUES);
    const more = issues.length - shown.length;
    const de = shown.map((e) => e.messageDe).join('; ') + (more > 0 ? `; und ${more} weitere` : '');
    const en = shown.map((e) => e.message).join('; ') + (more > 0 ? `; and ${more} more` : '');
    return err({
      ...templateError('invalid_vorlage', {
        de: `Textvorlagen ungültig (${issues.length} Fehler): ${de}`,
        en: `Invalid Textvorlagen (${issues.length} problems): ${en}`,
      }),
      issues,
    });
  }

  const blockSet: BlockSet = new Map([...blocks].map(([id, b]) => [id, b.template]));
  return ok({
    vorlagen,
    blocks: blockSet,
    get: (id) => compiled.get(id)?.vorlage,
    list: (verfahrenId, decision) =>
      vorlagen.filter((v) => v.verfahrenId === verfahrenId && (decision === undefined || v.decision === decision)),
    render: (id, context) => {
      const entry = compiled.get(id);
      if (entry === undefined) {
        return err(
          templateError('unknown_vorlage', { de: `Unbekannte Textvorlage „${id}“`, en: `Unknown Textvorlage "${id}"` }),
        );
      }
      return renderSections(entry, context, blockSet);
    },
  });
}

interface LoadedBaustein {
  readonly id: string;
  readonly file: string;
  /** Each paragraph parsed on its own, for checks with exact positions. */
  readonly paragraphs: readonly Template[];
  /** The paragraphs joined by blank lines: what `{{> id }}` renders. */
  readonly template: Template;
  readonly includes: readonly { name: string; offset: number; paragraph: number }[];
}

function loadBausteine(files: readonly NamedJson[], issues: TemplateError[]): Map<string, LoadedBaustein> {
  const blocks = new Map<string, LoadedBaustein>();
  for (const file of files) {
    const parsed = bausteinFileSchema.safeParse(file.json);
    if (!parsed.success) {
      issues.push(...schemaIssues(file.name, parsed.error));
      continue;
    }
    parsed.data.bausteine.forEach((b, index) => {
      const where = `${file.name}: bausteine[${index}]`;
      if (blocks.has(b.id)) {
        issues.push(invalid(where, `Doppelte Textbaustein-Id „${b.id}“`, `Duplicate Textbaustein id "${b.id}"`));
        return;
      }
      const paragraphs = parseAll(b.paragraphs, where, issues);
      const joined = parseTemplate(b.paragraphs.join('\n\n'));
      if (!joined.ok) issues.push(within(where, joined.error));
      if (paragraphs === undefined || !joined.ok) return;
      const includes = paragraphs.flatMap((t, paragraph) =>
        [...walkNodes(t.nodes)].flatMap((n) =>
          n.kind === 'include' ? [{ name: n.name, offset: n.offset, paragraph }] : [],
        ),
      );
      blocks.set(b.id, { id: b.id, file: file.name, paragraphs, template: joined.value, includes });
    });
  }
  return blocks;
}

/**
 * Cycles and include depth over the whole graph of Textbausteine, with an explicit stack (a
 * long chain of blocks costs no call stack). A block's height is 1 plus its deepest include;
 * a block is always included at least once, so its height must fit the include limit.
 */
function checkIncludeGraph(blocks: ReadonlyMap<string, LoadedBaustein>, issues: TemplateError[]): void {
  const height = new Map<string, number>();
  const visiting = new Set<string>();
  const reported = new Set<string>();
  for (const start of blocks.keys()) {
    if (height.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    visiting.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const block = blocks.get(top.id) as LoadedBaustein;
      const include = block.includes[top.next++];
      if (include !== undefined) {
        if (!blocks.has(include.name) || height.has(include.name)) continue;
        if (visiting.has(include.name)) {
          const ids = stack.map((s) => s.id);
          const cycle = [...ids.slice(ids.indexOf(include.name)), include.name];
          const key = [...new Set(cycle)].sort().join(' ');
          if (!reported.has(key)) {
            reported.add(key);
            issues.push(
              invalid(
                `${block.file}: ${block.id}`,
                `Textbausteine binden sich im Kreis ein: ${cycle.join(' → ')}`,
                `Textbausteine include each other: ${cycle.join(' → ')}`,
                'include_cycle',
              ),
            );
          }
          continue;
        }
        visiting.add(include.name);
        stack.push({ id: include.name, next: 0 });
        continue;
      }
      const h = 1 + Math.max(0, ...block.includes.map((i) => height.get(i.name) ?? 0));
      height.set(top.id, h);
      visiting.delete(top.id);
      stack.pop();
      if (h > TEMPLATE_LIMITS.maxIncludeDepth) {
        issues.push(
          invalid(
            `${block.file}: ${block.id}`,
            `Der Textbaustein bindet Textbausteine über mehr als ${TEMPLATE_LIMITS.maxIncludeDepth} Ebenen ein`,
            `The Textbaustein includes Textbausteine more than ${TEMPLATE_LIMITS.maxIncludeDepth} levels deep`,
            'limit_exceeded',
          ),
        );
      }
    }
  }
}

function compileVorlage(
  file: string,
  v: Vorlage,
  fields: readonly FieldDef[],
  blocks: ReadonlyMap<string, LoadedBaustein>,
  issues: TemplateError[],
): CompiledVorlage | undefined {
  const before = issues.length;
  const lookup: PathLookup = (path) => pathInfo(path, fields);
  const hasBlock = (name: string) => blocks.has(name);
  const included = new Set<string>();
  const one = (source: string, where: string): Template | undefined => {
    const parsed = parseTemplate(source);
    if (!parsed.ok) {
      issues.push(within(`${file}: ${where}`, parsed.error));
      return undefined;
    }
    for (const e of checkTemplate(parsed.value, lookup, hasBlock)) issues.push(within(`${file}: ${where}`, e));
    for (const n of walkNodes(parsed.value.nodes)) if (n.kind === 'include') included.add(n.name);
    return parsed.value;
  };

  const betreff = one(v.betreff, 'betreff');
  const anrede = one(v.anrede, 'anrede');
  const sections: CompiledVorlage['sections'] = {};
  for (const [key, section] of Object.entries(v.sections)) {
    if (section === undefined) continue;
    const heading = section.heading === undefined ? undefined : one(section.heading, `sections.${key}.heading`);
    section.paragraphs.forEach((p, i) => one(p, `sections.${key}.paragraphs[${i}]`));
    const body = parseTemplate(section.paragraphs.join('\n\n'));
    if (!body.ok) issues.push(within(`${file}: sections.${key}`, body.error));
    else sections[key as keyof CompiledVorlage['sections']] = { heading, body: body.value };
  }

  // The Antragsdaten paths of included Textbausteine, now that the Verfahren is known.
  const antragLookup: PathLookup = (path) => (isAntragPath(path) ? pathInfo(path, fields) : 'skip');
  const queue = [...included];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const block = blocks.get(id);
    if (block === undefined) continue;
    block.paragraphs.forEach((t, i) => {
      for (const e of checkTemplate(t, antragLookup, () => true)) {
        issues.push(within(`${file}: ${v.id} > ${block.file}: ${block.id} paragraphs[${i}]`, e));
      }
    });
    for (const inc of block.includes) {
      if (!included.has(inc.name)) {
        included.add(inc.name);
        queue.push(inc.name);
      }
    }
  }

  if (issues.length > before || betreff === undefined || anrede === undefined) return undefined;
  return { vorlage: v, betreff, anrede, sections };
}

function parseAll(sources: readonly string[], where: string, issues: TemplateError[]): Template[] | undefined {
  const parsed: Template[] = [];
  let failed = false;
  for (const [i, s] of sources.entries()) {
    const r = parseTemplate(s);
    if (r.ok) parsed.push(r.value);
    else {
      failed = true;
      issues.push(within(`${where}.paragraphs[${i}]`, r.error));
    }
  }
  return failed ? undefined : parsed;
}

function isAntragPath(path: string): boolean {
  return path.startsWith('antrag.') || path.startsWith('antragText.');
}

function invalid(
  where: string,
  de: string,
  en: string,
  code: TemplateError['code'] = 'invalid_vorlage',
): TemplateError {
  return within(where, templateError(code, { de, en }));
}

function schemaIssues(file: string, error: z.ZodError): TemplateError[] {
  return error.issues.map((i) => {
    const path = i.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    return invalid(path === '' ? file : `${file}: ${path}`, i.message, i.message);
  });
}
