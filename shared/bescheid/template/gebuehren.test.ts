import { describe, expect, it } from 'vitest';
import { verfahrenDef, type VerfahrenDef } from '../../domain/verfahren.ts';
import { bescheidGebuehr, gebuehrOverride, gebuehrenRegistry, type GebuehrenRegistry } from './gebuehren.ts';

const verfahren: VerfahrenDef = verfahrenDef.parse({
  id: 'parken',
  version: 1,
  name: { de: 'Parken', en: 'Parking' },
  aktenplanKennzeichen: '32.10',
  fristArbeitstage: 10,
  groups: [
    {
      id: 'g',
      label: { de: 'G', en: 'G' },
      fields: [
        {
          id: 'dauer',
          label: { de: 'Dauer', en: 'Duration' },
          type: 'select',
          options: [
            { value: '12', label: { de: '12 Monate', en: '12 months' } },
            { value: '24', label: { de: '24 Monate', en: '24 months' } },
          ],
        },
        { id: 'elektro', label: { de: 'Elektro', en: 'Electric' }, type: 'boolean' },
        { id: 'flaeche', label: { de: 'Fläche', en: 'Area' }, type: 'number' },
        { id: 'beginn', label: { de: 'Beginn', en: 'Start' }, type: 'date' },
      ],
    },
  ],
});
const zweites = verfahrenDef.parse({ ...verfahren, id: 'zweites' });
const drittes = verfahrenDef.parse({ ...verfahren, id: 'drittes' });

function rules(gebuehren: unknown[]) {
  return gebuehrenRegistry({ name: 'gebuehren.json', json: { gebuehren } }, [verfahren, zweites, drittes]);
}

function registry(gebuehren: unknown[]): GebuehrenRegistry {
  const r = rules(gebuehren);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const rg = 'Gebührenordnung';

describe('computeGebuehr', () => {
  const reg = registry([
    {
      verfahrenId: 'parken',
      rechtsgrundlage: rg,
      rule: {
        kind: 'table',
        field: 'dauer',
        rows: [
          { value: '12', cents: 3070 },
          { value: '24', cents: 6140 },
        ],
      },
    },
    {
      verfahrenId: 'zweites',
      rechtsgrundlage: rg,
      rule: {
        kind: 'cases',
        cases: [
          { when: 'elektro', cents: 0 },
          { when: "dauer = '24' and flaeche > 10", cents: 9000 },
        ],
        otherwise: 5000,
      },
    },
    { verfahrenId: 'drittes', rechtsgrundlage: rg, rule: { kind: 'fixed', cents: 2600 } },
  ]);

  it('computes a fixed fee', () => {
    expect(reg.computeGebuehr('drittes', {})).toEqual({
      ok: true,
      value: { cents: 2600, rechtsgrundlage: rg, basis: 'fixed' },
    });
  });

  it('looks a fee up in a table by a field value', () => {
    expect(reg.computeGebuehr('parken', { dauer: '24' })).toEqual({
      ok: true,
      value: { cents: 6140, rechtsgrundlage: rg, basis: 'dauer = "24"' },
    });
    expect(
      reg.computeGebuehr('parken', { dauer: '12' }).ok && reg.computeGebuehr('parken', { dauer: '12' }),
    ).toMatchObject({ value: { cents: 3070 } });
  });

  it('takes the first case that holds, else otherwise', () => {
    expect(reg.computeGebuehr('zweites', { elektro: true, dauer: '24', flaeche: 20 })).toMatchObject({
      ok: true,
      value: { cents: 0, basis: 'elektro' },
    });
    expect(reg.computeGebuehr('zweites', { elektro: false, dauer: '24', flaeche: 20 })).toMatchObject({
      value: { cents: 9000 },
    });
    expect(reg.computeGebuehr('zweites', { elektro: false, dauer: '12', flaeche: 20 })).toMatchObject({
      value: { cents: 5000, basis: 'otherwise' },
    });
  });

  it('is deterministic', () => {
    const data = { elektro: false, dauer: '24', flaeche: 20 };
    expect(reg.computeGebuehr('zweites', data)).toEqual(reg.computeGebuehr('zweites', { ...data }));
  });

  it('cannot compute a fee from missing or unusable data, and says so', () => {
    const missing = reg.computeGebuehr('parken', {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'fee_not_computable' } });
    expect(!missing.ok && missing.error.messageDe).toContain('„dauer“ ist leer');
    expect(!missing.ok && missing.error.messageDe).toContain('von Hand mit Begründung');
    const ruleError = reg.computeGebuehr('zweites', { dauer: '24' });
    expect(ruleError).toMatchObject({ ok: false, error: { code: 'fee_not_computable' } });
    expect(!ruleError.ok && ruleError.error.message).toContain('elektro');
    expect(reg.computeGebuehr('parken', { dauer: '36' })).toMatchObject({
      ok: false,
      error: { code: 'fee_not_computable' },
    });
    expect(reg.computeGebuehr('parken', { dauer: 24 })).toMatchObject({ ok: false });
  });

  it('refuses unknown Verfahren, also names on the prototype', () => {
    expect(reg.computeGebuehr('unbekannt', {})).toMatchObject({ ok: false, error: { code: 'unknown_verfahren' } });
    expect(reg.computeGebuehr('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_verfahren' } });
  });
});

describe('gebuehrenRegistry: validation', () => {
  const invalid = (gebuehren: unknown[]) => {
    const r = rules(gebuehren);
    if (r.ok) throw new Error('expected errors');
    return r.error.issues.map((e) => e.messageDe);
  };

  it('rejects table rules that do not fit the field', () => {
    expect(
      invalid([
        {
          verfahrenId: 'parken',
          rechtsgrundlage: rg,
          rule: { kind: 'table', field: 'farbe', rows: [{ value: 'x', cents: 1 }] },
        },
      ]),
    ).toEqual([expect.stringContaining('Unbekanntes Feld „farbe“')]);
    const problems = invalid([
      {
        verfahrenId: 'parken',
        rechtsgrundlage: rg,
        rule: {
          kind: 'table',
          field: 'dauer',
          rows: [
            { value: '36', cents: 1 },
            { value: 12, cents: 1 },
            { value: '12', cents: 1 },
            { value: '12', cents: 2 },
          ],
        },
      },
    ]);
    expect(problems).toEqual([
      expect.stringContaining('Der Wert "36" passt nicht zum Feld „dauer“'),
      expect.stringContaining('Der Wert 12 passt nicht'),
      expect.stringContaining('Doppelter Wert "12"'),
      expect.stringContaining('es fehlen: 24'),
    ]);
  });

  it('rejects case conditions that do not parse, do not type-check or read today', () => {
    const problems = invalid([
      {
        verfahrenId: 'parken',
        rechtsgrundlage: rg,
        rule: {
          kind: 'cases',
          cases: [
            { when: 'dauer = ', cents: 1 },
            { when: 'flaeche = true', cents: 1 },
            { when: 'farbe = 1', cents: 1 },
            { when: 'date(beginn) < today', cents: 1 },
          ],
        },
      },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/cases\[0\]\.when/);
    expect(problems[2]).toMatch(/farbe/);
    expect(problems[3]).toMatch(/„today“ ist hier nicht erlaubt/);
  });

  it('rejects unknown Verfahren, duplicate rules, bad amounts and unknown kinds', () => {
    expect(invalid([{ verfahrenId: 'nix', rechtsgrundlage: rg, rule: { kind: 'fixed', cents: 1 } }])[0]).toContain(
      'Unbekanntes Verfahren',
    );
    expect(
      invalid([
        { verfahrenId: 'parken', rechtsgrundlage: rg, rule: { kind: 'fixed', cents: 1 } },
        { verfahrenId: 'parken', rechtsgrundlage: rg, rule: { kind: 'fixed', cents: 2 } },
      ])[0],
    ).toContain('Zweite Gebührenregel');
    expect(
      invalid([{ verfahrenId: 'parken', rechtsgrundlage: rg, rule: { kind: 'fixed', cents: 12.5 } }]),
    ).toHaveLength(1);
    expect(invalid([{ verfahrenId: 'parken', rechtsgrundlage: rg, rule: { kind: 'fixed', cents: -1 } }])).toHaveLength(
      1,
    );
    expect(
      invalid([{ verfahrenId: 'parken', rechtsgrundlage: rg, rule: { kind: 'formel', expr: '1+1' } }]),
    ).toHaveLength(1);
  });
});

describe('bescheidGebuehr: override with a reason', () => {
  const computed = { ok: true as const, value: { cents: 3070, rechtsgrundlage: rg, basis: 'fixed' } };
  const failed = { ok: false as const, error: { code: 'fee_not_computable' as const, message: 'x', messageDe: 'x' } };

  it('uses the computed fee without an override', () => {
    expect(bescheidGebuehr(computed, null)).toEqual({ ok: true, value: { cents: 3070, override: null } });
  });

  it('uses the override, which needs a reason, even when the rule cannot compute', () => {
    const override = { cents: 1535, reason: 'Geltungsdauer auf zwölf Monate verkürzt' };
    expect(bescheidGebuehr(computed, override)).toEqual({ ok: true, value: { cents: 1535, override } });
    expect(bescheidGebuehr(failed, override)).toEqual({ ok: true, value: { cents: 1535, override } });
    expect(bescheidGebuehr(computed, { cents: 1535, reason: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'fee_not_computable' },
    });
    expect(bescheidGebuehr(computed, { cents: 15.5, reason: 'x' })).toMatchObject({ ok: false });
  });

  it('passes the rule’s error on when there is no override', () => {
    expect(bescheidGebuehr(failed, null)).toEqual(failed);
  });

  it('exports the override schema', () => {
    expect(gebuehrOverride.safeParse({ cents: 0, reason: 'Gebührenbefreiung nach § 5 GebO' }).success).toBe(true);
    expect(gebuehrOverride.safeParse({ cents: 100 }).success).toBe(false);
  });
});
