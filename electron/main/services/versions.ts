/**
 * Semantic versions (semver.org 2.0.0) as the update decision needs them: parse strictly and
 * order by precedence. Build metadata (`+…`) does not count for the order.
 */

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers (`1.2.0-beta.3` → ['beta', 3]); empty for a release. */
  prerelease: (string | number)[];
}

const NUMERIC = /^(?:0|[1-9]\d*)$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

export function parseVersion(text: string): Version | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  const [, major = '', minor = '', patch = '', pre, build] = match;
  const prerelease: (string | number)[] = [];
  for (const id of pre === undefined ? [] : pre.split('.')) {
    if (!IDENTIFIER.test(id)) return undefined;
    if (/^\d+$/.test(id)) {
      // Numeric identifiers have no leading zeros.
      if (!NUMERIC.test(id)) return undefined;
      prerelease.push(Number(id));
    } else {
      prerelease.push(id);
    }
  }
  if (build !== undefined && !build.split('.').every((id) => IDENTIFIER.test(id))) return undefined;
  const numbers = [major, minor, patch].map(Number);
  if (!numbers.every(Number.isSafeInteger)) return undefined;
  return { major: Number(major), minor: Number(minor), patch: Number(patch), prerelease };
}

function compareIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  // Numeric identifiers have lower precedence than alphanumeric ones.
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1 as a has lower, equal or higher precedence than b. Throws on a non-version. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (x === undefined || y === undefined) throw new Error(`not a semantic version: ${x === undefined ? a : b}`);
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (x[key] !== y[key]) return Math.sign(x[key] - y[key]);
  }
  // A release has higher precedence than its pre-releases.
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return Math.sign(y.prerelease.length - x.prerelease.length);
  }
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const order = compareIdentifiers(p, q);
    if (order !== 0) return order;
  }
  return 0;
}
