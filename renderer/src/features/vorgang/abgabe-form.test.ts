import { describe, expect, it } from 'vitest';
import { abgabeProblems } from './abgabe-form.ts';

const valid = { praefix: 'ags:', kennung: '09162000', name: 'Landeshauptstadt München', begruendung: 'Wohnsitz' };

describe('the Abgabe form', () => {
  it('accepts a Behördenkennung as the server does', () => {
    expect(abgabeProblems(valid)).toEqual([]);
    expect(abgabeProblems({ ...valid, praefix: 'psw:', kennung: 'L-ARCHIV.99' })).toEqual([]);
  });

  it('names every failing field in form order', () => {
    expect(abgabeProblems({ praefix: 'AGS', kennung: '09 162', name: '  ', begruendung: ' ' })).toEqual([
      'name',
      'praefix',
      'kennung',
      'begruendung',
    ]);
    expect(abgabeProblems({ ...valid, praefix: 'ags' })).toEqual(['praefix']);
    expect(abgabeProblems({ ...valid, kennung: '' })).toEqual(['kennung']);
  });
});
