import { cpus, freemem, loadavg, release, totalmem, type as osType } from 'node:os';

/** One line of bench/results/latest.json (the shape CI dashboards read). */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** The target, or a baseline measured in the same run. */
  baseline: number;
  /** value / baseline: ≤ 1 meets a target given as an upper bound. */
  ratio: number;
  /** The ratio the target allows: 1 when the baseline is the target itself. */
  targetRatio: number;
  /** Free-form detail: sample counts, median, max, what the baseline is. */
  extra?: string;
}

export function metric(
  name: string,
  value: number,
  unit: string,
  baseline: number,
  opts: { targetRatio?: number; extra?: string } = {},
): Metric {
  const m: Metric = {
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(value / baseline, 3),
    targetRatio: opts.targetRatio ?? 1,
  };
  if (opts.extra !== undefined) m.extra = opts.extra;
  return m;
}

export function meetsTarget(m: Metric): boolean {
  return m.ratio <= m.targetRatio;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface MachineInfo {
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverage1m: number;
  node: string;
  browser: string;
  count: number;
  date: string;
}

export function machineInfo(browser: string, count: number): MachineInfo {
  const cpu = cpus();
  return {
    os: `${osType()} ${release()}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30),
    freeMemoryGiB: round(freemem() / 2 ** 30),
    loadAverage1m: round(loadavg()[0] ?? 0, 2),
    node: process.version,
    browser,
    count,
    date: new Date().toISOString(),
  };
}

/** A fixed-width table for the terminal. */
export function formatTable(metrics: readonly Metric[]): string {
  const header = ['metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'detail'];
  const rows = metrics.map((m) => [
    m.name,
    String(m.value),
    m.unit,
    String(m.baseline),
    m.ratio.toFixed(3),
    `≤ ${m.targetRatio}${meetsTarget(m) ? ' ok' : ' MISSED'}`,
    m.extra ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => ([1, 3, 4].includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
