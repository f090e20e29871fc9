import {
  allFields,
  dayNumberToIsoDate as isoDay,
  type Antragsdaten,
  type FieldDef,
  type VerfahrenDef,
} from '../../../../shared/domain/index.ts';
import { digits, email, phoneNumber, type DemoApplicant } from './demo-applicant.ts';
import {
  BEMERKUNGEN,
  EMPLOYERS,
  FAMILY_NAMES,
  GENERIC_TEXTS,
  GEWERBE,
  GIVEN_NAMES,
  LEASING_COMPANIES,
  PLACES,
  SOLAR_RETAILERS,
  type Gewerbe,
} from './demo-data.ts';
import { weighted, type Rng } from './random.ts';

type Value = string | number | boolean;

/** Field lists per Verfahren, flattened once instead of once per Vorgang. */
const fieldsCache = new WeakMap<VerfahrenDef, readonly FieldDef[]>();

/**
 * Antragsdaten for one Vorgang, following the Verfahren's field schema: every required field
 * gets a value of the right type, optional ones are sometimes left out. Fields of the shipped
 * Verfahren get plausible, mutually consistent values (a Mieter*in has a Zustimmung, a GmbH a
 * HRB number); fields the generator does not know get a generic value of their type.
 *
 * Value representation: text/multiline/email/phone and select → string (select: the option
 * value), number → number, money → integer euro cents, date → "YYYY-MM-DD", boolean → boolean.
 */
export function generateAntragsdaten(
  rng: Rng,
  verfahren: VerfahrenDef,
  person: DemoApplicant,
  receivedDay: number,
): Antragsdaten {
  const antrag = new Antrag(rng, person, receivedDay);
  let fields = fieldsCache.get(verfahren);
  if (fields === undefined) {
    fields = allFields(verfahren);
    fieldsCache.set(verfahren, fields);
  }
  const data: Antragsdaten = {};
  for (const field of fields) {
    const known = Object.hasOwn(KNOWN_FIELDS, field.id) ? KNOWN_FIELDS[field.id] : undefined;
    let value = known?.(antrag);
    // A template may reuse one of our field ids with another type or other options.
    if (value !== undefined && !fits(field, value)) value = undefined;
    if (value === undefined && (field.required || (known === undefined && rng.chance(0.7)))) {
      value = genericValue(field, antrag);
    }
    if (value !== undefined) data[field.id] = value;
  }
  return data;
}

function fits(field: FieldDef, value: Value): boolean {
  switch (field.type) {
    case 'text':
    case 'multiline':
    case 'email':
    case 'phone':
      return typeof value === 'string' && value !== '';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'select':
      return typeof value === 'string' && (field.options ?? []).some((o) => o.value === value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function genericValue(field: FieldDef, a: Antrag): Value {
  const { rng } = a;
  switch (field.type) {
    case 'text':
      return rng.pick(GENERIC_TEXTS);
    case 'multiline':
      return `${rng.pick(GENERIC_TEXTS)}. ${rng.pick(GENERIC_TEXTS)}.`;
    case 'email':
      return a.person.email ?? email(rng, a.person.givenName, a.person.familyName);
    case 'phone':
      return phoneNumber(rng, a.person.place);
    case 'date':
      return isoDay(a.receivedDay - rng.int(0, 365));
    case 'select':
      return rng.pick(field.options ?? []).value;
    case 'number':
      return rng.int(1, 100);
    case 'money':
      return rng.int(20, 5000) * 100;
    case 'boolean':
      return rng.chance(0.5);
  }
}

type Rechtsform = 'einzelunternehmen' | 'gbr' | 'ohg' | 'kg' | 'gmbh' | 'ug' | 'ag' | 'eg';
const RECHTSFORM = weighted<Rechtsform>([
  ['einzelunternehmen', 62],
  ['gbr', 10],
  ['gmbh', 14],
  ['ug', 7],
  ['ohg', 2],
  ['kg', 2],
  ['ag', 1],
  ['eg', 2],
]);
const REGISTER: Readonly<Record<Rechtsform, { prefix: string; min: number; max: number } | null>> = {
  einzelunternehmen: null,
  gbr: { prefix: 'GsR', min: 1, max: 400 },
  ohg: { prefix: 'HRA', min: 3000, max: 6999 },
  kg: { prefix: 'HRA', min: 3000, max: 6999 },
  gmbh: { prefix: 'HRB', min: 10000, max: 16999 },
  ug: { prefix: 'HRB', min: 10000, max: 16999 },
  ag: { prefix: 'HRB', min: 10000, max: 16999 },
  eg: { prefix: 'GnR', min: 100, max: 399 },
};

type Halter = 'antragsteller' | 'angehoerige' | 'arbeitgeber' | 'leasing';
const HALTER = weighted<Halter>([
  ['antragsteller', 70],
  ['angehoerige', 12],
  ['arbeitgeber', 10],
  ['leasing', 8],
]);

type Nutzung = 'eigentuemer' | 'wohnungseigentuemer' | 'mieter';
const NUTZUNG = weighted<Nutzung>([
  ['mieter', 55],
  ['wohnungseigentuemer', 20],
  ['eigentuemer', 25],
]);

interface BusinessFacts {
  gewerbe: Gewerbe;
  rechtsform: Rechtsform;
  nebenerwerb: boolean;
  /** Family name of a co-owner, for partnership names. */
  partner: string;
}
interface VehicleFacts {
  halter: Halter;
  elektro: boolean;
}
interface SolarFacts {
  modules: number;
  speicher: boolean;
  /** Day number of the commissioning. */
  inbetriebnahme: number;
  nutzung: Nutzung;
}

const FAHRZEUGART = weighted([
  ['pkw', 85],
  ['kleintransporter', 7],
  ['wohnmobil', 3],
  ['kraftrad', 5],
]);
const ANLASS = weighted([
  ['neuerrichtung', 70],
  ['uebernahme', 12],
  ['zuzug', 12],
  ['rechtsformwechsel', 6],
]);
const BETRIEBSSTAETTE = weighted([
  ['hauptniederlassung', 85],
  ['zweigniederlassung', 10],
  ['unselbststaendigeZweigstelle', 5],
]);
const MONTAGEORT = weighted([
  ['balkon', 60],
  ['fassade', 10],
  ['terrasse', 18],
  ['flachdach', 12],
]);

const PLATE_LETTERS = 'ABCDEFGHIJKLMNOPRSTUVWXYZ';

/**
 * The story behind one Antrag. Facts several fields depend on are drawn once, on first use,
 * so the fields agree with each other whatever order the Verfahren lists them in.
 */
class Antrag {
  readonly rng: Rng;
  readonly person: DemoApplicant;
  readonly receivedDay: number;
  private businessFacts?: BusinessFacts;
  private vehicleFacts?: VehicleFacts;
  private solarFacts?: SolarFacts;
  private renewal?: boolean;

  constructor(rng: Rng, person: DemoApplicant, receivedDay: number) {
    this.rng = rng;
    this.person = person;
    this.receivedDay = receivedDay;
  }

  get business(): BusinessFacts {
    if (this.businessFacts === undefined) {
      const rechtsform = this.rng.pickWeighted(RECHTSFORM);
      this.businessFacts = {
        gewerbe: this.rng.pick(GEWERBE),
        rechtsform,
        nebenerwerb: rechtsform === 'einzelunternehmen' && this.rng.chance(0.35),
        partner: this.rng.pick(FAMILY_NAMES),
      };
    }
    return this.businessFacts;
  }

  get vehicle(): VehicleFacts {
    this.vehicleFacts ??= { halter: this.rng.pickWeighted(HALTER), elektro: this.rng.chance(0.12) };
    return this.vehicleFacts;
  }

  get solar(): SolarFacts {
    this.solarFacts ??= {
      modules: this.rng.pick([1, 2, 2, 2, 2, 2, 2, 3, 4, 4]),
      speicher: this.rng.chance(0.18),
      inbetriebnahme: this.receivedDay - this.rng.int(2, 150),
      nutzung: this.rng.pickWeighted(NUTZUNG),
    };
    return this.solarFacts;
  }

  get verlaengerung(): boolean {
    this.renewal ??= this.rng.chance(0.4);
    return this.renewal;
  }

  fullName(): string {
    return `${this.person.givenName} ${this.person.familyName}`;
  }

  relativeName(): string {
    return `${this.rng.pick(GIVEN_NAMES)} ${this.person.familyName}`;
  }
}

/** Values for the fields of the shipped Verfahren; undefined leaves an optional field empty. */
const KNOWN_FIELDS: Readonly<Record<string, (a: Antrag) => Value | undefined>> = {
  // Bewohnerparkausweis
  meldeadresseSeit: (a) => isoDay(a.receivedDay - (a.rng.chance(0.2) ? a.rng.int(10, 120) : a.rng.int(121, 9000))),
  hauptwohnsitz: (a) => a.rng.chance(0.96),
  telefon: (a) => (a.rng.chance(0.65) ? phoneNumber(a.rng, a.person.place) : undefined),
  kennzeichen: (a) => kennzeichen(a),
  fahrzeugart: (a) => a.rng.pickWeighted(FAHRZEUGART),
  fahrzeughalter: (a) => a.vehicle.halter,
  halterName: (a) => {
    switch (a.vehicle.halter) {
      case 'antragsteller':
        return undefined;
      case 'angehoerige':
        return a.relativeName();
      case 'arbeitgeber':
        return a.rng.pick(EMPLOYERS);
      case 'leasing':
        return a.rng.pick(LEASING_COMPANIES);
    }
  },
  elektrofahrzeug: (a) => a.vehicle.elektro,
  gueltigkeit: (a) => (a.rng.chance(0.55) ? '12' : '24'),
  gueltigAb: (a) => isoDay(a.receivedDay + a.rng.int(0, 21)),
  verlaengerung: (a) => a.verlaengerung,
  bisherigeAusweisnummer: (a) =>
    a.verlaengerung ? `BPA-${isoDay(a.receivedDay).slice(0, 4)}-${digits(a.rng, 5)}` : undefined,
  bemerkungen: (a) => (a.rng.chance(0.12) ? a.rng.pick(BEMERKUNGEN) : undefined),

  // Gewerbeanmeldung
  anlass: (a) => a.rng.pickWeighted(ANLASS),
  betriebsstaette: (a) => a.rng.pickWeighted(BETRIEBSSTAETTE),
  betriebsbeginn: (a) => isoDay(a.receivedDay + a.rng.int(-20, 30)),
  nebenerwerb: (a) => a.business.nebenerwerb,
  betriebsname: (a) => betriebsname(a),
  rechtsform: (a) => a.business.rechtsform,
  registergericht: (a) => {
    if (!hasRegisterEntry(a)) return undefined;
    return a.person.place.region === 'fern' ? `Amtsgericht ${a.person.place.city}` : 'Amtsgericht Würzburg';
  },
  registernummer: (a) => {
    const register = REGISTER[a.business.rechtsform];
    if (register === null || !hasRegisterEntry(a)) return undefined;
    return `${register.prefix} ${a.rng.int(register.min, register.max)}`;
  },
  taetigkeit: (a) => a.business.gewerbe.taetigkeit,
  beschaeftigteVollzeit: (a) => employees(a, 'vollzeit'),
  beschaeftigteTeilzeit: (a) => employees(a, 'teilzeit'),
  erlaubnispflichtig: (a) => a.business.gewerbe.erlaubnispflichtig,
  handwerksrolle: (a) => a.business.gewerbe.handwerk,
  email: (a) =>
    a.rng.chance(0.6) ? (a.person.email ?? email(a.rng, a.person.givenName, a.person.familyName)) : undefined,

  // Förderung Balkon-Solaranlage
  anzahlModule: (a) => a.solar.modules,
  modulleistung: (a) => a.solar.modules * a.rng.pick([370, 400, 410, 425, 430, 445, 450]),
  wechselrichterleistung: (a) =>
    a.solar.modules === 1 ? a.rng.pick([300, 400, 600]) : a.rng.pick([600, 800, 800, 800]),
  speicher: (a) => a.solar.speicher,
  montageort: (a) => a.rng.pickWeighted(MONTAGEORT),
  inbetriebnahme: (a) => isoDay(a.solar.inbetriebnahme),
  marktstammdatenregisterNr: (a) => `SEE9${digits(a.rng, 11)}`,
  anschaffungskosten: (a) => {
    const euros = a.solar.modules * a.rng.int(130, 320) + (a.solar.speicher ? a.rng.int(450, 1100) : 0);
    return euros * 100 + a.rng.pick([0, 0, 50, 90, 99]);
  },
  kaufdatum: (a) => isoDay(a.solar.inbetriebnahme - a.rng.int(0, 45)),
  haendler: (a) => (a.rng.chance(0.7) ? a.rng.pick(SOLAR_RETAILERS) : undefined),
  nutzungsverhaeltnis: (a) => a.solar.nutzung,
  zustimmungVermieter: (a) => (a.solar.nutzung === 'mieter' ? a.rng.chance(0.85) : undefined),
  kontoinhaber: (a) => (a.rng.chance(0.92) ? a.fullName() : a.relativeName()),
  iban: (a) => germanIban(a.rng),
  keineDoppelfoerderung: (a) => a.rng.chance(0.97),
  vdeKonform: (a) => a.rng.chance(0.95),
};

/** e.g. "WÜ-AB 1234E": at most 8 characters besides separators and the E of electric cars. */
function kennzeichen(a: Antrag): string {
  const { rng } = a;
  const kfz = rng.chance(0.9) ? a.person.place.kfz : rng.pick(PLACES).kfz;
  let letters = '';
  for (let i = rng.int(1, 2); i > 0; i--) letters += PLATE_LETTERS.charAt(rng.int(0, PLATE_LETTERS.length - 1));
  const maxDigits = Math.min(4, 8 - kfz.length - letters.length);
  const number = rng.int(1, 10 ** maxDigits - 1);
  return `${kfz}-${letters} ${number}${a.vehicle.elektro ? 'E' : ''}`;
}

function hasRegisterEntry(a: Antrag): boolean {
  // Since 2024 a GbR may, but need not, be entered in the Gesellschaftsregister.
  return a.business.rechtsform !== 'einzelunternehmen' && (a.business.rechtsform !== 'gbr' || a.rng.chance(0.4));
}

function betriebsname(a: Antrag): string | undefined {
  const { gewerbe, rechtsform, partner } = a.business;
  const family = a.person.familyName;
  switch (rechtsform) {
    case 'einzelunternehmen':
      return a.rng.chance(0.6) ? `${gewerbe.name} ${family}` : undefined;
    case 'gbr':
      return `${gewerbe.name} ${family} & ${partner} GbR`;
    case 'ohg':
      return `${family} & ${partner} ${gewerbe.name} OHG`;
    case 'kg':
      return `${family} ${gewerbe.name} KG`;
    case 'gmbh':
      return `${family} ${gewerbe.name} GmbH`;
    case 'ug':
      return `${gewerbe.name} ${family} UG (haftungsbeschränkt)`;
    case 'ag':
      return `${gewerbe.name} ${a.person.place.city} AG`;
    case 'eg':
      return `${gewerbe.name} ${a.person.place.city} eG`;
  }
}

function employees(a: Antrag, kind: 'vollzeit' | 'teilzeit'): number {
  const { rechtsform, nebenerwerb } = a.business;
  if (nebenerwerb) return 0;
  const rng = a.rng;
  switch (rechtsform) {
    case 'einzelunternehmen':
    case 'gbr':
    case 'ug':
      return rng.chance(0.6) ? 0 : rng.int(1, kind === 'vollzeit' ? 3 : 4);
    case 'ohg':
    case 'kg':
    case 'gmbh':
      return rng.int(0, kind === 'vollzeit' ? 12 : 6);
    case 'ag':
    case 'eg':
      return rng.int(5, kind === 'vollzeit' ? 60 : 20);
  }
}

/** A German IBAN in electronic format (no spaces) with a correct ISO 7064 check. */
function germanIban(rng: Rng): string {
  const bban = `790${digits(rng, 5)}${digits(rng, 10)}`;
  // "DE" → 13 14, then check digits 00, moved behind the BBAN.
  const check = 98 - mod97(`${bban}131400`);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

function mod97(numeric: string): number {
  let r = 0;
  for (let i = 0; i < numeric.length; i++) r = (r * 10 + numeric.charCodeAt(i) - 48) % 97;
  return r;
}
