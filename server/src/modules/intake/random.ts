/**
 * Seeded pseudo-random numbers for reproducible demo data (not for anything security-related).
 * sfc32 has 128 bits of state, so streams of different seeds do not run into each other the
 * way single-word generators (mulberry32) do; splitmix32 spreads the seed over that state.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  pickWeighted<T>(table: WeightedTable<T>): T {
    const x = this.next() * table.total;
    const { values, cumulative } = table;
    for (let i = 0; i < values.length - 1; i++) {
      if (x < (cumulative[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  }

  /** RFC 9562 version-4 layout, filled from this stream instead of a secure source. */
  uuid(): string {
    const a = this.uint32();
    const b = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.uint32();
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const hb = hex(b);
    const hc = hex(c);
    return `${hex(a)}-${hb.slice(0, 4)}-${hb.slice(4)}-${hc.slice(0, 4)}-${hc.slice(4)}${hex(d)}`;
  }
}

export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  if (entries.length === 0) throw new RangeError('a weighted table needs entries');
  let total = 0;
  const cumulative: number[] = [];
  for (const [, w] of entries) {
    if (!(w >= 0)) throw new RangeError(`weights must be non-negative: ${w}`);
    total += w;
    cumulative.push(total);
  }
  if (total <= 0) throw new RangeError('a weighted table needs a positive total weight');
  return { values: entries.map(([v]) => v), cumulative, total };
}
