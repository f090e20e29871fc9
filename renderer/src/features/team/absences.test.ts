import { describe, expect, it } from 'vitest';
import { absentColleaguesOf, type Absence, type User } from '../../../../shared/domain/index.ts';
import {
  absenceState,
  colleaguesOf,
  hasErrors,
  listedAbsences,
  mayManageAbsence,
  validateAbsence,
} from './absences.ts';

let n = 0;
function absence(p: Partial<Absence>): Absence {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    userId: 'u-anna',
    deputyId: 'u-bert',
    orgUnitId: 'ou-1',
    from: '2026-11-23',
    to: '2026-11-27',
    createdBy: 'u-anna',
    createdAt: '2026-11-20T08:00:00.000Z',
    cancelled: false,
    ...p,
  };
}

const user = (id: string, p: Partial<User> = {}): User => ({
  id,
  username: id,
  displayName: id,
  roles: ['clerk'],
  orgUnitId: 'ou-1',
  ...p,
});

describe('absence list', () => {
  it('shows current and future absences of the org unit (cancelled ones too), by first day', () => {
    const past = absence({ from: '2026-11-01', to: '2026-11-22' });
    const current = absence({ from: '2026-11-20', to: '2026-11-23' });
    const future = absence({ from: '2026-12-01', to: '2026-12-05', userId: 'u-bert', deputyId: 'u-anna' });
    const cancelled = absence({ from: '2026-11-24', to: '2026-11-24', cancelled: true });
    const foreign = absence({ orgUnitId: 'ou-2' });
    expect(listedAbsences([future, cancelled, past, foreign, current], 'ou-1', '2026-11-23')).toEqual([
      current,
      cancelled,
      future,
    ]);
  });

  it('names the state of each absence on a day', () => {
    const a = absence({ from: '2026-11-23', to: '2026-11-27' });
    expect(absenceState(a, '2026-11-22')).toBe('upcoming');
    expect(absenceState(a, '2026-11-23')).toBe('current');
    expect(absenceState(a, '2026-11-27')).toBe('current');
    expect(absenceState({ ...a, cancelled: true }, '2026-11-23')).toBe('cancelled');
  });
});

describe('who is a deputy today (the Vertretung view)', () => {
  it('follows the shared rule: active, not cancelled, naming the user', () => {
    const all = [
      absence({ userId: 'u-anna', deputyId: 'u-bert', from: '2026-11-23', to: '2026-11-23' }),
      absence({ userId: 'u-carla', deputyId: 'u-bert', from: '2026-11-24', to: '2026-11-30' }),
      absence({ userId: 'u-dora', deputyId: 'u-bert', cancelled: true }),
    ];
    expect(absentColleaguesOf(all, 'u-bert', '2026-11-23')).toEqual(['u-anna']);
    expect(absentColleaguesOf(all, 'u-bert', '2026-11-24')).toEqual(['u-carla']);
  });
});

describe('rights and choices', () => {
  it('the person and the lead of the org unit may manage an absence', () => {
    const lead = user('u-lead', { roles: ['lead'] });
    expect(mayManageAbsence(user('u-anna'), { id: 'u-anna', orgUnitId: 'ou-1' })).toBe(true);
    expect(mayManageAbsence(user('u-bert'), { id: 'u-anna', orgUnitId: 'ou-1' })).toBe(false);
    expect(mayManageAbsence(lead, { id: 'u-anna', orgUnitId: 'ou-1' })).toBe(true);
    expect(mayManageAbsence(lead, { id: 'u-x', orgUnitId: 'ou-2' })).toBe(false);
  });

  it('colleagues are the clerks and leads of the org unit, by name', () => {
    const users = [
      user('u-z', { displayName: 'Zora' }),
      user('u-admin', { displayName: 'Admin', roles: ['admin'] }),
      user('u-lead', { displayName: 'Köhler', roles: ['lead'] }),
      user('u-other', { displayName: 'Andere', orgUnitId: 'ou-2' }),
      user('u-a', { displayName: 'Anna' }),
    ];
    expect(colleaguesOf(users, 'ou-1').map((u) => u.id)).toEqual(['u-a', 'u-lead', 'u-z']);
  });
});

describe('validateAbsence', () => {
  const ok = { userId: 'u-anna', deputyId: 'u-bert', from: '2026-11-23', to: '2026-11-25' };
  it('accepts a complete absence ending today or later', () => {
    expect(hasErrors(validateAbsence(ok, '2026-11-23'))).toBe(false);
    expect(hasErrors(validateAbsence({ ...ok, from: '2026-11-01', to: '2026-11-23' }, '2026-11-23'))).toBe(false);
  });
  it('names each problem at its field', () => {
    expect(validateAbsence({ ...ok, from: '', to: '' }, '2026-11-23')).toEqual({
      from: 'fromRequired',
      to: 'toRequired',
    });
    expect(validateAbsence({ ...ok, to: '2026-11-22' }, '2026-11-23')).toEqual({ to: 'toBeforeFrom' });
    expect(validateAbsence({ ...ok, from: '2026-11-01', to: '2026-11-22' }, '2026-11-23')).toEqual({ to: 'inPast' });
    expect(validateAbsence({ ...ok, deputyId: '' }, '2026-11-23')).toEqual({ deputyId: 'deputyRequired' });
    expect(validateAbsence({ ...ok, deputyId: 'u-anna' }, '2026-11-23')).toEqual({ deputyId: 'deputySelf' });
  });
});
