import type { Applicant } from '../../../../shared/domain/index.ts';
import {
  EMAIL_DOMAINS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MOBILE_PREFIXES,
  PLACES,
  STREETS,
  type Place,
  type Region,
} from './demo-data.ts';
import { weighted, type Rng } from './random.ts';

/** An applicant plus the place record, which later fields (Kennzeichen, phone) build on. */
export interface DemoApplicant extends Applicant {
  place: Place;
}

const REGION = weighted<Region>([
  ['stadt', 68],
  ['umland', 22],
  ['fern', 10],
]);
const PLACES_BY_REGION: Readonly<Record<Region, readonly Place[]>> = {
  stadt: PLACES.filter((p) => p.region === 'stadt'),
  umland: PLACES.filter((p) => p.region === 'umland'),
  fern: PLACES.filter((p) => p.region === 'fern'),
};

export function generateApplicant(rng: Rng): DemoApplicant {
  const givenName = rng.pick(GIVEN_NAMES);
  const familyName = rng.pick(FAMILY_NAMES);
  const place = rng.pick(PLACES_BY_REGION[rng.pickWeighted(REGION)]);
  const applicant: DemoApplicant = {
    givenName,
    familyName,
    street: `${rng.pick(STREETS)} ${houseNumber(rng)}`,
    postalCode: place.postalCode,
    city: place.city,
    place,
  };
  if (rng.chance(0.7)) applicant.email = email(rng, givenName, familyName);
  return applicant;
}

function houseNumber(rng: Rng): string {
  const n = rng.chance(0.7) ? rng.int(1, 40) : rng.int(41, 140);
  return rng.chance(0.08) ? `${n}${rng.pick(['a', 'b', 'c'])}` : String(n);
}

export function email(rng: Rng, givenName: string, familyName: string): string {
  const g = mailSafe(givenName);
  const f = mailSafe(familyName);
  const local = rng.pick([
    `${g}.${f}`,
    `${g.charAt(0)}.${f}`,
    `${f}.${g}${rng.int(60, 99)}`,
    `${g}${f}${rng.int(1, 99)}`,
  ]);
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
}

const TRANSLITERATION: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ı: 'i' };

/** "Jörg" → "joerg", "von Ahlen" → "vonahlen", "René" → "rene". */
function mailSafe(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äöüßı]/g, (ch) => TRANSLITERATION[ch] ?? ch)
    .normalize('NFD')
    .replace(/[^a-z0-9-]/g, '');
}

export function phoneNumber(rng: Rng, place: Place): string {
  if (rng.chance(0.5)) return `${rng.pick(MOBILE_PREFIXES)} ${digits(rng, rng.int(7, 8))}`;
  return `${place.vorwahl} ${String(rng.int(2, 9))}${digits(rng, rng.int(4, 7))}`;
}

export function digits(rng: Rng, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += String(rng.int(0, 9));
  return s;
}
