import { describe, expect, it } from 'vitest';
import { ERROR_CODES, VORGANG_STATUSES } from '../../../shared/domain/index.ts';
import { mutators } from '../../../shared/mutators/index.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { createI18n, initialLanguage } from './index.ts';

function flatKeys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? flatKeys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function leaves(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (typeof v === 'object' && v !== null ? leaves(v as object) : [String(v)]));
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('translations', () => {
  it('German and English have exactly the same keys', () => {
    expect(flatKeys(en).sort()).toEqual(flatKeys(de).sort());
  });

  it('no text is empty', () => {
    expect(leaves(de).filter((s) => s.trim() === '')).toEqual([]);
    expect(leaves(en).filter((s) => s.trim() === '')).toEqual([]);
  });

  it('every text uses the same placeholders in both languages', () => {
    const deMap = new Map(
      flatKeys(de).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], de)]),
    );
    for (const key of flatKeys(en)) {
      const enText = key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en);
      expect({ key, p: placeholders(String(enText)) }).toEqual({ key, p: placeholders(String(deMap.get(key))) });
    }
  });

  it('translates every error code, status and mutation', () => {
    const keys = new Set(flatKeys(de));
    const missing = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...VORGANG_STATUSES.map((s) => `status.${s}`),
      ...Object.keys(mutators).map((m) => `mutations.${m}`),
    ].filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
  });
});

describe('i18n instance', () => {
  it('defaults to German and reports the language to the document', () => {
    const seen: string[] = [];
    const i = createI18n(initialLanguage(undefined), undefined, (l) => seen.push(l));
    expect(i.t('login.submit')).toBe('Anmelden');
    expect(seen).toEqual(['de']);
  });

  it('switches language, stores the choice and picks it up next time', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const seen: string[] = [];
    const i = createI18n(initialLanguage(storage), storage, (l) => seen.push(l));
    await i.changeLanguage('en');
    expect(i.t('login.submit')).toBe('Sign in');
    expect(seen).toEqual(['de', 'en']);
    expect(initialLanguage(storage)).toBe('en');
  });

  it('uses plural forms with counts', () => {
    const i = createI18n('de');
    expect(i.t('sync.pending', { count: 1 })).toBe('1 Änderung ausstehend');
    expect(i.t('sync.pending', { count: 3 })).toBe('3 Änderungen ausstehend');
  });

  it('ignores a stored value that is not a supported language', () => {
    expect(initialLanguage({ getItem: () => 'fr', setItem: () => undefined })).toBe('de');
  });
});
