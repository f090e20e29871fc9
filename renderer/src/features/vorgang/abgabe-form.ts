import { abgabeEmpfaenger } from '../../../../shared/mutators/index.ts';

export type AbgabeField = 'praefix' | 'kennung' | 'name' | 'begruendung';

/**
 * The fields of the Abgabe form that fail, in form order, by the same schema the server
 * checks the Empfänger with; the Begründung must not be blank.
 */
export function abgabeProblems(values: Readonly<Record<AbgabeField, string>>): AbgabeField[] {
  const problems = new Set<AbgabeField>();
  const parsed = abgabeEmpfaenger.safeParse({ praefix: values.praefix, kennung: values.kennung, name: values.name });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = issue.path[0];
      if (f === 'praefix' || f === 'kennung' || f === 'name') problems.add(f);
    }
  }
  if (values.begruendung.trim() === '') problems.add('begruendung');
  const order: readonly AbgabeField[] = ['name', 'praefix', 'kennung', 'begruendung'];
  return order.filter((f) => problems.has(f));
}
