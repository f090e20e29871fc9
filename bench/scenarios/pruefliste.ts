// Prüfliste rule engine: a 50-item template (40 rules, 10 manual items) evaluated over `count`
// synthetic Antragsdaten in Node, the way the client evaluates it for a Vorgang. Compiling the
// template and generating the data are not timed.
import {
  evaluatePruefliste,
  prueflisteTemplate,
  type PrueflisteTemplate,
} from '../../shared/domain/pruefliste/index.ts';
import type { Antragsdaten } from '../../shared/domain/vorgang.ts';

/** `k` varies the constants so the two instances of a pattern are different rules. */
const RULE_PATTERNS: ((k: number) => string)[] = [
  (k) => `wr <= ${800 + k}`,
  (k) => `leistung between ${k} and 2000`,
  (k) => `leistung <= anzahl * ${600 + k}`,
  (k) => `kosten >= euro(${150 + k})`,
  (k) => `date(inbetrieb) >= add_days(kaufdatum, ${-k})`,
  (k) => `days_between(kaufdatum, today) <= ${180 + k}`,
  (k) => `age_years(geburtsdatum) >= ${18 + (k % 3)}`,
  (k) => `speicher or anzahl <= ${2 + (k % 3)}`,
  (k) => (k === 0 ? 'erklaerung = true' : 'erklaerung'),
  (k) => `ort in ["balkon", "fassade", "terrasse"${k === 0 ? '' : ', "flachdach"'}]`,
  () => `nutzung != "mieter" or (present(zustimmung) and zustimmung)`,
  (k) => (k === 0 ? 'iban_valid(iban)' : 'starts_with(iban, "DE") and iban_valid(iban)'),
  (k) => `starts_with(kennzeichen, "WÜ") and length(kennzeichen) <= ${10 + (k % 3)}`,
  (k) => `missing(registernummer) or starts_with(registernummer, "${k === 0 ? 'HRB' : 'HRA'} ")`,
  (k) => `not speicher or kosten >= euro(${500 + k})`,
  (k) => `date(kaufdatum) between date("${2024 + (k % 2)}-01-01") and today`,
  (k) => `present(name) and length(name) >= ${2 + k}`,
  (k) => `anzahl in [1, 2, 3${k === 0 ? '' : ', 4'}]`,
  (k) => `abs(wr - leistung) <= ${1000 + k}`,
  (k) => `year(kaufdatum) >= ${2025 - k} and add_months(kaufdatum, 6) >= date(inbetrieb)`,
];

export function benchTemplate(): PrueflisteTemplate {
  const label = { de: 'Prüfpunkt', en: 'Check' };
  const rules = [0, 7].flatMap((k) =>
    RULE_PATTERNS.map((pattern, i) => ({
      id: `regel${i}k${k}`,
      label,
      kind: 'rule' as const,
      required: i % 4 !== 0,
      rule: pattern(k),
    })),
  );
  const manual = Array.from({ length: 10 }, (_, i) => ({
    id: `manuell${i}`,
    label,
    kind: 'manual' as const,
    required: i % 3 !== 0,
  }));
  return prueflisteTemplate.parse({ id: 'bench-pruefung', version: 1, items: [...rules, ...manual] });
}

/** Deterministic xorshift32. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const IBANS = ['DE89370400440532013000', 'DE89370400440532013001', 'DE02120300000000202051'];
const ORTE = ['balkon', 'fassade', 'terrasse', 'flachdach'];
const NUTZUNG = ['mieter', 'eigentuemer', 'wohnungseigentuemer'];

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function syntheticAntragsdaten(count: number, seed = 42): Antragsdaten[] {
  const r = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const today = 20_535; // 2026-03-23
  const out: Antragsdaten[] = [];
  for (let i = 0; i < count; i++) {
    const anzahl = int(1, 4);
    const kauf = today - int(10, 400);
    const data: Antragsdaten = {
      anzahl,
      leistung: anzahl * pick([370, 400, 430, 450]),
      wr: pick([300, 600, 800, 800, 1000]),
      kosten: int(100, 2000) * 100 + pick([0, 50, 99]),
      kaufdatum: isoDay(kauf),
      inbetrieb: isoDay(kauf + int(-5, 60)),
      geburtsdatum: isoDay(today - int(16 * 365, 90 * 365)),
      speicher: r() < 0.2,
      erklaerung: r() < 0.95,
      ort: pick(ORTE),
      nutzung: pick(NUTZUNG),
      iban: pick(IBANS),
      kennzeichen: `${pick(['WÜ', 'KT', 'SW'])}-${pick(['AB', 'X', 'QZ'])} ${int(1, 9999)}`,
      name: pick(['Anna Schäfer', 'Jörg Weißmüller', 'M']),
    };
    if (r() < 0.8) data.zustimmung = r() < 0.9;
    if (r() < 0.3) data.registernummer = `${pick(['HRB', 'HRA'])} ${int(1000, 20000)}`;
    out.push(data);
  }
  return out;
}

export async function benchPruefliste(count = 100_000): Promise<{ name: string; value: number; unit: string }[]> {
  const template = benchTemplate();
  const data = syntheticAntragsdaten(count);
  const today = '2026-03-23';
  // Compile (cached per template) and warm up the JIT outside the measurement.
  for (const d of data.slice(0, Math.min(count, 1000))) evaluatePruefliste(template, d, today);

  let failures = 0;
  const start = performance.now();
  for (const d of data) {
    for (const r of evaluatePruefliste(template, d, today).values()) if (r.outcome !== 'pass') failures++;
  }
  const totalMs = performance.now() - start;
  // Every rule must have been evaluated, or the figure measures nothing.
  if (count > 0 && failures === 0)
    throw new Error('pruefliste benchmark: no rule failed; the data do not exercise the rules');

  return [
    { name: 'Prüfliste evaluation total (50 items)', value: round(totalMs, 1), unit: 'ms' },
    {
      name: 'Prüfliste evaluation per Vorgang (50 items)',
      value: round((totalMs * 1000) / Math.max(count, 1), 2),
      unit: 'µs',
    },
  ];
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
