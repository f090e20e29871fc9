import { describe, expect, it } from 'vitest';
import { easterSunday, holidaySet, LAENDER, publicHolidays, type Land } from './feiertage.ts';

/** Claus Tøndering's formulation of the Gregorian computus: an independent cross-check. */
function easterByToendering(year: number): string {
  const g = year % 19;
  const c = Math.floor(year / 100);
  const h = (c - Math.floor(c / 4) - Math.floor((8 * c + 13) / 25) + 19 * g + 15) % 30;
  const i = h - Math.floor(h / 28) * (1 - Math.floor(29 / (h + 1)) * Math.floor((21 - g) / 11));
  const j = (year + Math.floor(year / 4) + i + 2 - c + Math.floor(c / 4)) % 7;
  const l = i - j;
  const month = 3 + Math.floor((l + 40) / 44);
  const day = l + 28 - 31 * Math.floor(month / 4);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const laenderWith = (de: string, year: number): Land[] =>
  LAENDER.filter((l) => publicHolidays(l, year).some((h) => h.name.de === de));

const dateOf = (l: Land, year: number, de: string): string | undefined =>
  publicHolidays(l, year).find((h) => h.name.de === de)?.date;

describe('easterSunday', () => {
  it('gives the known dates', () => {
    const known: Record<number, string> = {
      1900: '1900-04-15',
      1913: '1913-03-23',
      1943: '1943-04-25',
      2000: '2000-04-23',
      2008: '2008-03-23',
      2011: '2011-04-24',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2038: '2038-04-25',
      2100: '2100-03-28',
      2160: '2160-03-23',
      2199: '2199-04-14',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(date);
  });

  it('agrees with a second algorithm and is a Sunday between 22 March and 25 April, 1900–2199', () => {
    const wrong: number[] = [];
    for (let year = 1900; year <= 2199; year++) {
      const date = easterSunday(year);
      const d = new Date(`${date}T00:00:00Z`);
      const md = date.slice(5);
      if (date !== easterByToendering(year) || d.getUTCDay() !== 0 || md < '03-22' || md > '04-25') wrong.push(year);
    }
    expect(wrong).toEqual([]);
  });
});

describe('publicHolidays', () => {
  it('lists Bavaria 2026 in date order with both names', () => {
    expect(publicHolidays('BY', 2026).map((h) => `${h.date} ${h.name.de}`)).toEqual([
      '2026-01-01 Neujahr',
      '2026-01-06 Heilige Drei Könige',
      '2026-04-03 Karfreitag',
      '2026-04-06 Ostermontag',
      '2026-05-01 Tag der Arbeit',
      '2026-05-14 Christi Himmelfahrt',
      '2026-05-25 Pfingstmontag',
      '2026-06-04 Fronleichnam',
      '2026-10-03 Tag der Deutschen Einheit',
      '2026-11-01 Allerheiligen',
      '2026-12-25 1. Weihnachtstag',
      '2026-12-26 2. Weihnachtstag',
    ]);
    expect(publicHolidays('BY', 2026).find((h) => h.date === '2026-06-04')?.name.en).toBe('Corpus Christi');
  });

  it('counts the statewide holidays of every Land in 2026', () => {
    const counts = Object.fromEntries(LAENDER.map((l) => [l, publicHolidays(l, 2026).length]));
    expect(counts).toEqual({
      BW: 12,
      BY: 12,
      BE: 10,
      BB: 10,
      HB: 10,
      HH: 10,
      HE: 10,
      MV: 11,
      NI: 10,
      NW: 11,
      RP: 11,
      SL: 12,
      SN: 11,
      ST: 11,
      SH: 10,
      TH: 11,
    });
  });

  it('has the nationwide holidays in every Land', () => {
    for (const de of [
      'Neujahr',
      'Karfreitag',
      'Ostermontag',
      'Tag der Arbeit',
      'Christi Himmelfahrt',
      'Pfingstmontag',
      'Tag der Deutschen Einheit',
      '1. Weihnachtstag',
      '2. Weihnachtstag',
    ]) {
      expect(laenderWith(de, 2026)).toEqual([...LAENDER]);
    }
    expect(laenderWith('Tag der Deutschen Einheit', 1990)).toHaveLength(16);
    expect(laenderWith('Tag der Deutschen Einheit', 1989)).toEqual([]);
  });

  it('places the Easter-dependent holidays relative to Easter', () => {
    expect(dateOf('NW', 2024, 'Karfreitag')).toBe('2024-03-29');
    expect(dateOf('NW', 2024, 'Ostermontag')).toBe('2024-04-01');
    expect(dateOf('NW', 2024, 'Christi Himmelfahrt')).toBe('2024-05-09');
    expect(dateOf('NW', 2024, 'Pfingstmontag')).toBe('2024-05-20');
    expect(dateOf('NW', 2024, 'Fronleichnam')).toBe('2024-05-30');
    expect(dateOf('HE', 2038, 'Fronleichnam')).toBe('2038-06-24');
  });

  it('has each Land-specific holiday exactly in its Länder', () => {
    expect(laenderWith('Heilige Drei Könige', 2026)).toEqual(['BW', 'BY', 'ST']);
    expect(laenderWith('Fronleichnam', 2026)).toEqual(['BW', 'BY', 'HE', 'NW', 'RP', 'SL']);
    expect(laenderWith('Mariä Himmelfahrt', 2026)).toEqual(['SL']);
    expect(laenderWith('Allerheiligen', 2026)).toEqual(['BW', 'BY', 'NW', 'RP', 'SL']);
    expect(laenderWith('Buß- und Bettag', 2026)).toEqual(['SN']);
    expect(dateOf('HE', 2026, 'Fronleichnam')).toBe('2026-06-04');
  });

  it('starts the Internationaler Frauentag in Berlin 2019 and in Mecklenburg-Vorpommern 2023', () => {
    expect(laenderWith('Internationaler Frauentag', 2018)).toEqual([]);
    expect(laenderWith('Internationaler Frauentag', 2019)).toEqual(['BE']);
    expect(laenderWith('Internationaler Frauentag', 2022)).toEqual(['BE']);
    expect(laenderWith('Internationaler Frauentag', 2023)).toEqual(['BE', 'MV']);
    expect(dateOf('MV', 2026, 'Internationaler Frauentag')).toBe('2026-03-08');
  });

  it('has the Reformationstag in the east, from 2018 in the north, and 2017 everywhere', () => {
    expect(laenderWith('Reformationstag', 2016)).toEqual(['BB', 'MV', 'SN', 'ST', 'TH']);
    expect(laenderWith('Reformationstag', 2017)).toEqual([...LAENDER]);
    expect(laenderWith('Reformationstag', 2018)).toEqual(['BB', 'HB', 'HH', 'MV', 'NI', 'SN', 'ST', 'SH', 'TH']);
    expect(dateOf('HH', 2026, 'Reformationstag')).toBe('2026-10-31');
  });

  it('has the Weltkindertag in Thuringia from 2019', () => {
    expect(laenderWith('Weltkindertag', 2018)).toEqual([]);
    expect(laenderWith('Weltkindertag', 2019)).toEqual(['TH']);
    expect(dateOf('TH', 2026, 'Weltkindertag')).toBe('2026-09-20');
  });

  it('has the Tag der Befreiung only in Berlin 2020 and 2025', () => {
    const years = [];
    for (let year = 2000; year <= 2040; year++) if (laenderWith('Tag der Befreiung', year).length) years.push(year);
    expect(years).toEqual([2020, 2025]);
    expect(laenderWith('Tag der Befreiung', 2025)).toEqual(['BE']);
    expect(dateOf('BE', 2020, 'Tag der Befreiung')).toBe('2020-05-08');
  });

  it('puts the Buß- und Bettag on the Wednesday before 23 November', () => {
    expect(dateOf('SN', 2023, 'Buß- und Bettag')).toBe('2023-11-22');
    expect(dateOf('SN', 2024, 'Buß- und Bettag')).toBe('2024-11-20');
    expect(dateOf('SN', 2025, 'Buß- und Bettag')).toBe('2025-11-19');
    expect(dateOf('SN', 2026, 'Buß- und Bettag')).toBe('2026-11-18');
    for (let year = 1900; year <= 2199; year++) {
      const date = dateOf('SN', year, 'Buß- und Bettag') ?? '';
      expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(3);
      expect(date >= `${year}-11-16` && date <= `${year}-11-22`).toBe(true);
    }
  });

  it('keeps two holidays on the same date as two entries', () => {
    // 2008: Ascension fell on 1 May.
    const may1 = publicHolidays('NI', 2008).filter((h) => h.date === '2008-05-01');
    expect(may1.map((h) => h.name.de)).toEqual(['Tag der Arbeit', 'Christi Himmelfahrt']);
    expect(holidaySet('NI', 2008).size).toBe(publicHolidays('NI', 2008).length - 1);
  });

  it('rejects years outside 1900–2199 and unknown Länder', () => {
    expect(() => publicHolidays('BY', 1899)).toThrow(RangeError);
    expect(() => publicHolidays('BY', 2200)).toThrow(RangeError);
    expect(() => publicHolidays('BY', 2026.5)).toThrow(RangeError);
    expect(() => publicHolidays('XX' as Land, 2026)).toThrow(/unknown Land/);
    expect(publicHolidays('BY', 1900)).toHaveLength(11);
    expect(publicHolidays('BY', 2199)).toHaveLength(12);
  });
});

describe('holidaySet', () => {
  it('holds the dates of every year in the range', () => {
    const set = holidaySet('BE', 2025, 2027);
    expect(set.has('2025-05-08')).toBe(true);
    expect(set.has('2026-03-08')).toBe(true);
    expect(set.has('2027-12-26')).toBe(true);
    expect(set.has('2026-01-06')).toBe(false);
    expect(set.size).toBe(
      publicHolidays('BE', 2025).length + publicHolidays('BE', 2026).length + publicHolidays('BE', 2027).length,
    );
  });

  it('returns the cached set for a single year', () => {
    expect(holidaySet('SN', 2026)).toBe(holidaySet('SN', 2026, 2026));
    expect(holidaySet('SN', 2026)).not.toBe(holidaySet('ST', 2026));
    expect([...holidaySet('SN', 2026)]).toEqual(publicHolidays('SN', 2026).map((h) => h.date));
  });

  it('rejects reversed and out-of-range spans', () => {
    expect(() => holidaySet('BY', 2027, 2026)).toThrow(RangeError);
    expect(() => holidaySet('BY', 2199, 2200)).toThrow(RangeError);
  });
});
