import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  OPEN_STATUSES,
  VORGANG_STATUSES,
  allFields,
  isoDate,
  publicHolidays,
  type Land,
  verfahrenDef,
  vorgang,
  type FieldDef,
  type VerfahrenDef,
  type Vorgang,
} from '../../../../shared/domain/index.ts';
import { loadVerfahren } from '../verfahren/load.ts';
import { demoIntakeOrgUnits } from './demo-accounts.ts';
import { PLACES } from './demo-data.ts';
import { generateDemoVorgaenge, type DemoVorgaengeOptions } from './demo.ts';

const NOW = new Date('2026-03-18T10:30:00.000Z');
const DAY_MS = 86_400_000;
const SAMPLE = 2000;

let shipped: VerfahrenDef[];
let sample: Vorgang[];

const options = (patch: Partial<DemoVorgaengeOptions> = {}): DemoVorgaengeOptions => ({
  count: SAMPLE,
  seed: 42,
  now: NOW,
  verfahren: shipped,
  orgUnits: demoIntakeOrgUnits(),
  ...patch,
});
const generateAll = (patch: Partial<DemoVorgaengeOptions> = {}) => [...generateDemoVorgaenge(options(patch))];
const share = (items: readonly Vorgang[], pred: (v: Vorgang) => boolean) => items.filter(pred).length / items.length;

beforeAll(async () => {
  shipped = await loadVerfahren();
  sample = generateAll();
});

/** Independent of the generator's own type guard: what a value of each field type must look like. */
const VALUE_SCHEMA: Record<FieldDef['type'], z.ZodType> = {
  text: z.string().min(1),
  multiline: z.string().min(1),
  email: z.email(),
  phone: z.string().regex(/^0\d{2,4} \d{5,8}$/),
  date: isoDate,
  number: z.number(),
  money: z.number().int().nonnegative(),
  boolean: z.boolean(),
  select: z.string(),
};

function antragsdatenProblems(v: Vorgang, def: VerfahrenDef): string[] {
  const problems: string[] = [];
  const fields = allFields(def);
  for (const key of Object.keys(v.antragsdaten)) {
    if (!fields.some((f) => f.id === key)) problems.push(`${v.aktenzeichen}: unknown field ${key}`);
  }
  for (const f of fields) {
    const value = v.antragsdaten[f.id];
    if (value === undefined || value === null) {
      if (f.required) problems.push(`${v.aktenzeichen}: required ${f.id} missing`);
      continue;
    }
    if (!VALUE_SCHEMA[f.type].safeParse(value).success) problems.push(`${v.aktenzeichen}: ${f.id}=${String(value)}`);
    if (f.type === 'select' && !f.options?.some((o) => o.value === value)) {
      problems.push(`${v.aktenzeichen}: ${f.id}=${String(value)} is not an option`);
    }
  }
  return problems;
}

/** Counts Monday–Friday days that are no holiday after `from` up to and including `to`, by calendar walk. */
function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  let n = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`) + DAY_MS; t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(new Date(t).toISOString().slice(0, 10))) n++;
  }
  return n;
}

const holidaysOf = (land: Land) =>
  new Set([2025, 2026].flatMap((year) => publicHolidays(land, year).map((h) => h.date)));

function ibanValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return /^DE\d{20}$/.test(iban) && BigInt(numeric) % 97n === 1n;
}

describe('generateDemoVorgaenge', () => {
  it('yields exactly count Vorgänge that parse with the shared schema, without extra keys', () => {
    expect(sample).toHaveLength(SAMPLE);
    for (const v of sample) {
      expect(vorgang.parse(v)).toEqual(v);
      expect(Object.keys(v.applicant)).not.toContain('place');
      expect(v.version).toBe(1);
      expect(v.updatedAt).toBe(v.receivedAt);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateAll()).toEqual(sample);
    const other = generateAll({ seed: 43 });
    expect(other[0]?.id).not.toBe(sample[0]?.id);
    expect(other.map((v) => v.applicant)).not.toEqual(sample.map((v) => v.applicant));
    const { seed: _seed, ...unseeded } = options({ count: 50 });
    expect([...generateDemoVorgaenge(unseeded)]).toEqual(generateAll({ seed: 1, count: 50 }));
  });

  it('gives unique ids and unique, well-formed Aktenzeichen numbered in order of receipt', () => {
    expect(new Set(sample.map((v) => v.id)).size).toBe(SAMPLE);
    expect(new Set(sample.map((v) => v.aktenzeichen)).size).toBe(SAMPLE);
    const lastNumber = new Map<string, number>();
    for (const v of sample) {
      const def = shipped.find((d) => d.id === v.verfahrenId);
      const m = /^(\d{2}(?:\.\d{2}){0,4})-(\d{4})\/(\d{5})$/.exec(v.aktenzeichen);
      expect(m?.[1]).toBe(def?.aktenplanKennzeichen);
      expect(m?.[2]).toBe(v.receivedAt.slice(0, 4));
      const key = `${m?.[1]}-${m?.[2]}`;
      expect(Number(m?.[3])).toBe((lastNumber.get(key) ?? 0) + 1);
      lastNumber.set(key, Number(m?.[3]));
    }
  });

  it('restarts the running numbers in a new year', () => {
    const vs = generateAll({ now: new Date('2026-01-20T12:00:00.000Z'), count: 600 });
    const years = new Set(vs.map((v) => v.aktenzeichen.slice(9, 13)));
    expect(years).toEqual(new Set(['2025', '2026']));
    for (const d of shipped) {
      expect(vs.some((v) => v.aktenzeichen === `${d.aktenplanKennzeichen}-2025/00001`)).toBe(true);
      expect(vs.some((v) => v.aktenzeichen === `${d.aktenplanKennzeichen}-2026/00001`)).toBe(true);
    }
  });

  it('spreads receipts over the last 90 days in rising order, mostly on working days', () => {
    const times = sample.map((v) => Date.parse(v.receivedAt));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY_MS);
    expect(Math.min(...times)).toBeLessThan(NOW.getTime() - 85 * DAY_MS);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.max(...times)).toBeGreaterThan(NOW.getTime() - DAY_MS);
    const weekend = share(sample, (v) => [0, 6].includes(new Date(v.receivedAt).getUTCDay()));
    expect(weekend).toBeGreaterThan(0.01);
    expect(weekend).toBeLessThan(0.15);
    for (const v of sample) {
      const hour = new Date(v.receivedAt).getUTCHours();
      expect(hour).toBeGreaterThanOrEqual(5);
      expect(hour).toBeLessThan(19);
    }
  });

  it('sets the Frist to the Verfahren’s number of working days after receipt in the Land (default Berlin)', () => {
    const check = (vs: readonly Vorgang[], land: Land) => {
      const holidays = holidaysOf(land);
      for (const v of vs) {
        const def = shipped.find((d) => d.id === v.verfahrenId);
        const received = v.receivedAt.slice(0, 10);
        expect(workingDaysBetween(received, v.frist, holidays)).toBe(def?.fristArbeitstage);
        expect([0, 6]).not.toContain(new Date(`${v.frist}T00:00:00Z`).getUTCDay());
        expect(holidays.has(v.frist)).toBe(false);
      }
    };
    check(sample, 'BE');
    // The sample spans Christmas and New Year; Bavaria also has 6 January.
    const bavarian = generateAll({ land: 'BY' });
    check(bavarian, 'BY');
    const later = bavarian.filter((v, i) => v.frist > (sample[i]?.frist ?? ''));
    expect(later.length).toBeGreaterThan(0);
    expect(bavarian.every((v, i) => v.frist >= (sample[i]?.frist ?? ''))).toBe(true);
  });

  it('starts every Vorgang with the Prüfliste version of its Verfahren and an empty Prüfliste', () => {
    for (const v of sample) {
      const def = shipped.find((d) => d.id === v.verfahrenId);
      expect(v.prueflisteVersion).toBe(def?.pruefliste?.version ?? null);
      expect(v.pruefliste).toEqual({ manual: {}, overrides: {} });
    }
    expect(sample.some((v) => v.prueflisteVersion !== null)).toBe(true);
  });

  it('gives waiting Vorgänge a Nachforderung with a later Frist, and only them', () => {
    const waiting = sample.filter((v) => v.status === 'wartet');
    expect(waiting.length).toBeGreaterThan(0);
    for (const v of sample) {
      if (v.status !== 'wartet') {
        expect(v.nachforderung).toBeNull();
        continue;
      }
      const n = v.nachforderung;
      expect(n?.text.length).toBeGreaterThan(0);
      expect(Date.parse(n?.requestedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(v.receivedAt));
      expect(Date.parse(n?.requestedAt ?? '')).toBeLessThanOrEqual(NOW.getTime());
      expect((n?.frist ?? '') > (n?.requestedAt.slice(0, 10) ?? '')).toBe(true);
    }
    // Some have passed already: those Vorgänge are back in the inbox.
    const today = NOW.toISOString().slice(0, 10);
    expect(waiting.some((v) => (v.nachforderung?.frist ?? '') < today)).toBe(true);
    expect(waiting.some((v) => (v.nachforderung?.frist ?? '') >= today)).toBe(true);
  });

  it('fills Antragsdaten according to each Verfahren’s field schema', () => {
    const problems = sample.flatMap((v) => {
      const def = shipped.find((d) => d.id === v.verfahrenId);
      return def ? antragsdatenProblems(v, def) : [`${v.aktenzeichen}: unknown Verfahren`];
    });
    expect(problems).toEqual([]);
    // Optional fields are sometimes filled and sometimes not.
    const withHalterName = share(sample, (v) => 'halterName' in v.antragsdaten);
    expect(withHalterName).toBeGreaterThan(0);
    expect(withHalterName).toBeLessThan(share(sample, (v) => v.verfahrenId === 'bewohnerparkausweis'));
  });

  it('makes Antragsdaten plausible and consistent', () => {
    const by = (id: string) => sample.filter((v) => v.verfahrenId === id).map((v) => v.antragsdaten);
    for (const a of by('bewohnerparkausweis')) {
      expect(a.kennzeichen).toMatch(/^[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} [1-9]\d{0,3}E?$/);
      expect(String(a.kennzeichen).replace(/[- E]/g, '').length).toBeLessThanOrEqual(8);
      expect(String(a.kennzeichen).endsWith('E')).toBe(a.elektrofahrzeug);
      expect('halterName' in a).toBe(a.fahrzeughalter !== 'antragsteller');
      expect('bisherigeAusweisnummer' in a).toBe(a.verlaengerung);
    }
    for (const a of by('gewerbeanmeldung')) {
      if (a.rechtsform === 'gmbh') expect(a.registernummer).toMatch(/^HRB \d+$/);
      if (a.rechtsform === 'einzelunternehmen') expect(a.registernummer).toBeUndefined();
      if (a.nebenerwerb) expect(a.beschaeftigteVollzeit).toBe(0);
      expect(Number.isInteger(a.beschaeftigteVollzeit)).toBe(true);
    }
    for (const a of by('balkon-solaranlage')) {
      const perModule = Number(a.modulleistung) / Number(a.anzahlModule);
      expect(perModule).toBeGreaterThanOrEqual(300);
      expect(perModule).toBeLessThanOrEqual(500);
      expect(a.anschaffungskosten).toBeGreaterThan(10_000);
      expect(ibanValid(String(a.iban))).toBe(true);
      expect('zustimmungVermieter' in a).toBe(a.nutzungsverhaeltnis === 'mieter');
      expect(String(a.kaufdatum) <= String(a.inbetriebnahme)).toBe(true);
    }
  });

  it('creates plausible applicants', () => {
    const places = new Set(PLACES.map((p) => `${p.postalCode} ${p.city}`));
    for (const { applicant: a } of sample) {
      expect(places.has(`${a.postalCode} ${a.city}`)).toBe(true);
      expect(a.street).toMatch(/^\D+ \d+[a-c]?$/);
      if (a.email !== undefined) expect(a.email).toMatch(/^[a-z0-9.-]+@example\.(org|com|net)$/);
    }
    expect(sample.some((v) => /[äöüß]/i.test(`${v.applicant.givenName}${v.applicant.familyName}`))).toBe(true);
    expect(share(sample, (v) => v.applicant.city === 'Würzburg')).toBeGreaterThan(0.5);
  });

  it('has a sane distribution of status, assignment, org units and Wiedervorlagen', () => {
    const units = demoIntakeOrgUnits();
    // Every status a Vorgang rests in; a Vorgang abgegeben leaves the authority within seconds.
    for (const s of VORGANG_STATUSES)
      expect(
        sample.some((v) => v.status === s),
        s,
      ).toBe(s !== 'abgegeben');
    // Recent Vorgänge are mostly open; older ones mostly decided, with a backlog left open.
    const open = share(sample, (v) => OPEN_STATUSES.includes(v.status));
    expect(open).toBeGreaterThan(0.4);
    expect(open).toBeLessThan(0.65);
    expect(share(sample, (v) => v.status === 'eingegangen')).toBeGreaterThan(0.1);

    // The team queue: a good part of the open work is not yet claimed.
    const openSample = sample.filter((v) => OPEN_STATUSES.includes(v.status));
    const unassigned = share(openSample, (v) => v.assigneeId === null);
    expect(unassigned).toBeGreaterThanOrEqual(0.3);
    expect(unassigned).toBeLessThanOrEqual(0.5);
    for (const v of sample) {
      const unit = units.find((u) => u.id === v.orgUnitId);
      expect(unit).toBeDefined();
      if (v.assigneeId !== null) expect(unit?.assigneeIds).toContain(v.assigneeId);
      if (['zur_freigabe', 'freigegeben', 'bescheid_erstellt', 'versandt'].includes(v.status)) {
        expect(v.assigneeId).not.toBeNull();
      }
    }
    const firstUnit = share(sample, (v) => v.orgUnitId === units[0]?.id);
    expect(firstUnit).toBeGreaterThan(0.65);
    expect(firstUnit).toBeLessThan(0.75);
    const assignees = new Set(sample.map((v) => v.assigneeId));
    expect(assignees).toEqual(new Set([null, ...units.flatMap((u) => u.assigneeIds)]));

    const withWv = sample.filter((v) => v.wiedervorlage !== null);
    expect(withWv.length / SAMPLE).toBeGreaterThan(0.02);
    expect(withWv.length / SAMPLE).toBeLessThan(0.15);
    for (const v of withWv) {
      expect(v.assigneeId).not.toBeNull();
      expect(v.wiedervorlage?.date.localeCompare(v.receivedAt.slice(0, 10))).toBe(1);
    }

    for (const d of shipped) {
      const s = share(sample, (v) => v.verfahrenId === d.id);
      expect(s).toBeGreaterThan(0.28);
      expect(s).toBeLessThan(0.39);
    }
    // Nothing received in the last days is already waiting for approval or beyond.
    for (const v of sample) {
      if (NOW.getTime() - Date.parse(v.receivedAt) < 3 * DAY_MS) {
        expect(['eingegangen', 'in_bearbeitung', 'wartet']).toContain(v.status);
      }
    }
  });

  it('fills unknown Verfahren generically, also where a field id is reused with another type', () => {
    const custom = verfahrenDef.parse({
      id: 'hundesteuer',
      version: 1,
      name: { de: 'Hundesteuer', en: 'Dog tax' },
      aktenplanKennzeichen: '20.30',
      fristArbeitstage: 3,
      groups: [
        {
          id: 'hund',
          label: { de: 'Hund', en: 'Dog' },
          fields: [
            ...(['text', 'multiline', 'number', 'money', 'date', 'boolean', 'email', 'phone'] as const).map((type) => ({
              id: `feld${type}`,
              label: { de: type, en: type },
              type,
              required: true,
            })),
            {
              id: 'rasse',
              label: { de: 'Rasse', en: 'Breed' },
              type: 'select',
              required: true,
              options: [{ value: 'mischling', label: { de: 'Mischling', en: 'Mixed breed' } }],
            },
            { id: 'kennzeichen', label: { de: 'Chipnummer', en: 'Chip number' }, type: 'number', required: true },
            {
              id: 'rechtsform',
              label: { de: 'Halter', en: 'Keeper' },
              type: 'select',
              required: true,
              options: [{ value: 'privat', label: { de: 'Privat', en: 'Private' } }],
            },
            { id: 'anmerkung', label: { de: 'Anmerkung', en: 'Note' }, type: 'text' },
          ],
        },
      ],
    });
    const vs = generateAll({ verfahren: [custom], count: 300 });
    expect(vs.flatMap((v) => antragsdatenProblems(v, custom))).toEqual([]);
    expect(vs.every((v) => v.aktenzeichen.startsWith('20.30-2026/') || v.aktenzeichen.startsWith('20.30-2025/'))).toBe(
      true,
    );
    expect(vs.every((v) => v.antragsdaten.rasse === 'mischling' && v.antragsdaten.rechtsform === 'privat')).toBe(true);
    const withNote = share(vs, (v) => 'anmerkung' in v.antragsdaten);
    expect(withNote).toBeGreaterThan(0.5);
    expect(withNote).toBeLessThan(0.9);
  });

  it('handles a single org unit without assignees and a zero count', () => {
    const vs = generateAll({ orgUnits: [{ id: 'oe-x', assigneeIds: [] }], count: 200 });
    expect(vs.every((v) => v.orgUnitId === 'oe-x' && v.assigneeId === null && v.wiedervorlage === null)).toBe(true);
    expect(generateAll({ count: 0 })).toEqual([]);
  });

  it('rejects invalid options before generating anything', () => {
    expect(() => generateDemoVorgaenge(options({ count: -1 }))).toThrow(RangeError);
    expect(() => generateDemoVorgaenge(options({ count: 1.5 }))).toThrow(RangeError);
    expect(() => generateDemoVorgaenge(options({ seed: 0.5 }))).toThrow(RangeError);
    expect(() => generateDemoVorgaenge(options({ verfahren: [] }))).toThrow(/Verfahren/);
    expect(() => generateDemoVorgaenge(options({ orgUnits: [] }))).toThrow(/org unit/);
    expect(() => generateDemoVorgaenge(options({ now: new Date('invalid') }))).toThrow(RangeError);
  });
});
