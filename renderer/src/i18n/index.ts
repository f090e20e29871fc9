import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de.ts';
import { en } from './en.ts';
import { isLang, type Lang } from './format.ts';

export { LANGUAGES, isLang, type Lang } from './format.ts';

export const resources = { de: { translation: de }, en: { translation: en } } as const;

const STORAGE_KEY = 'amtsplatz.lang';

interface LangStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The stored choice, else German (the authoritative language of the administration). */
export function initialLanguage(storage: LangStorage | undefined): Lang {
  const stored = storage?.getItem(STORAGE_KEY);
  return isLang(stored) ? stored : 'de';
}

/**
 * Creates the i18next instance for the app. `onLanguage` runs now and on every switch
 * (main.tsx uses it to keep `<html lang>` in step).
 */
export function createI18n(lang: Lang, storage?: LangStorage, onLanguage?: (lang: Lang) => void): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: 'de',
    supportedLngs: ['de', 'en'],
    interpolation: { escapeValue: false }, // React escapes; never render translations as HTML
    initAsync: false,
    returnNull: false,
  });
  instance.on('languageChanged', (l) => {
    if (!isLang(l)) return;
    storage?.setItem(STORAGE_KEY, l);
    onLanguage?.(l);
  });
  onLanguage?.(lang);
  return instance;
}

export function currentLang(i: Pick<I18n, 'language'>): Lang {
  return isLang(i.language) ? i.language : 'de';
}
