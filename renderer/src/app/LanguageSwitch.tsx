import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLang, isLang } from '../i18n/index.ts';

/** Native select: fully keyboard- and screen-reader-operable without extra code. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="ap-inline-field">
      <label htmlFor={id} className="kern-label kern-label--small">
        {t('language.label')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className="kern-form-input__select ap-select--compact"
          value={currentLang(i18n)}
          onChange={(e) => {
            if (isLang(e.target.value)) void i18n.changeLanguage(e.target.value);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
