import { useTranslation } from 'react-i18next';
import type { VerfahrenDef, Vorgang } from '../../../../shared/domain/index.ts';
import type { Lang } from '../../i18n/index.ts';
import { formatFieldValue, localized } from './format-field.ts';

/**
 * Antragsdaten laid out by the Verfahren's field schema: one section per group, labels in the
 * current language, values formatted by field type. Values are text nodes only, never HTML.
 */
export function AntragsdatenView({ v, def, lang }: { v: Vorgang; def: VerfahrenDef | undefined; lang: Lang }) {
  const { t } = useTranslation();
  const texts = { yes: t('antragsdaten.yes'), no: t('antragsdaten.no'), empty: t('antragsdaten.empty') };
  return (
    <section aria-labelledby="vg-antragsdaten" className="ap-section" data-testid="antragsdaten">
      <h2 id="vg-antragsdaten" className="kern-heading-medium">
        {t('antragsdaten.heading')}
      </h2>
      {!def && <p className="kern-body">{t('antragsdaten.unknownVerfahren')}</p>}
      {def?.groups.map((g) => (
        <section key={g.id} aria-labelledby={`vg-group-${g.id}`} className="ap-subsection">
          <h3 id={`vg-group-${g.id}`} className="kern-heading-small">
            {localized(g.label, lang)}
          </h3>
          <dl className="kern-description-list">
            {g.fields.map((f) => (
              <div className="kern-description-list-item" key={f.id}>
                <dt className="kern-description-list-item__key">{localized(f.label, lang)}</dt>
                <dd
                  className={`kern-description-list-item__value${f.type === 'multiline' ? ' ap-multiline' : ''}`}
                  data-field={f.id}
                >
                  {formatFieldValue(f, v.antragsdaten[f.id], lang, texts)}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </section>
  );
}
