import { z } from 'zod';
import { prueflisteRuleIssues, prueflisteTemplate, type PrueflisteTemplate } from './pruefliste/template.ts';

/** Text in both UI languages; German is authoritative. */
export const localizedText = z.object({ de: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type LocalizedText = z.infer<typeof localizedText>;

const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]{0,63}$/, 'field ids are camelCase ASCII, starting with a letter');

/** Field types. `money` values are integer euro cents (64999 = 649,99 €), never floats. */
export const FIELD_TYPES = [
  'text',
  'multiline',
  'number',
  'money',
  'date',
  'boolean',
  'select',
  'email',
  'phone',
] as const;

export const fieldDef = z
  .object({
    id: fieldId,
    label: localizedText,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(z.object({ value: z.string().min(1).max(100), label: localizedText })).optional(),
    unit: z.string().max(20).optional(),
  })
  .strict()
  .refine((f) => f.type !== 'select' || (f.options !== undefined && f.options.length > 0), {
    message: 'a select field needs options',
  });
export type FieldDef = z.infer<typeof fieldDef>;

export const fieldGroup = z.object({ id: fieldId, label: localizedText, fields: z.array(fieldDef).min(1) }).strict();
export type FieldGroup = z.infer<typeof fieldGroup>;

/** A Verfahren (procedure type) as declared under resources/verfahren/*.json. */
export const verfahrenDef = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'Verfahren ids are kebab-case ASCII'),
    version: z.number().int().positive(),
    name: localizedText,
    /** Prefix of the Aktenzeichen from the Aktenplan, e.g. "32.10.05". */
    aktenplanKennzeichen: z.string().regex(/^\d{2}(\.\d{2}){0,4}$/),
    /** Processing Frist in working days from receipt. */
    fristArbeitstage: z.number().int().min(1).max(365),
    groups: z.array(fieldGroup).min(1),
    /** Checks before the decision; rule items are checked against `groups` when loading. */
    pruefliste: prueflisteTemplate.optional(),
    /** Earlier versions of the Prüfliste, for Vorgänge that started with them. */
    prueflisteArchive: z.array(prueflisteTemplate).max(50).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const g of v.groups) {
      for (const f of g.fields) {
        if (seen.has(f.id)) ctx.addIssue({ code: 'custom', message: `duplicate field id "${f.id}"` });
        seen.add(f.id);
      }
    }
  })
  .superRefine((v, ctx) => {
    if (v.pruefliste === undefined) return;
    for (const issue of prueflisteRuleIssues(v.pruefliste, allFields(v))) {
      ctx.addIssue({ code: 'custom', path: ['pruefliste', ...issue.path], message: issue.message });
    }
  });
export type VerfahrenDef = z.infer<typeof verfahrenDef>;

export function allFields(v: VerfahrenDef): FieldDef[] {
  return v.groups.flatMap((g) => g.fields);
}

/** The Prüfliste template a Vorgang works with: the version it started with. */
export function prueflisteFor(v: VerfahrenDef, version: number | null): PrueflisteTemplate | undefined {
  if (version === null) return undefined;
  if (v.pruefliste?.version === version) return v.pruefliste;
  return v.prueflisteArchive?.find((t) => t.version === version);
}
