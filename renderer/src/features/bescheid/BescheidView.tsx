import { useTranslation } from 'react-i18next';
import type { BescheidContent } from '../../../../shared/domain/index.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatMoney } from '../../i18n/format.ts';
import { SECTION_KEYS } from './form.ts';
import type { BescheidRegistries } from './resources.ts';
import { DescriptionItem as Item } from '../../app/DescriptionItem.tsx';

/** A Bescheid's content read-only: what the lead approves, and what the author sees while it waits. */
export function BescheidView({ content, registries }: { content: BescheidContent; registries: BescheidRegistries }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const vorlage = registries.vorlagen.get(content.vorlageId);
  return (
    <div className="ap-stack ap-bescheid-view" data-testid="bescheid-view">
      <dl className="kern-description-list">
        <Item label={t('bescheid.decision.label')} testId="bescheid-view-decision">
          {t(`bescheid.decision.${content.decision}`)}
        </Item>
        <Item label={t('bescheid.vorlage.label')}>{vorlage ? vorlage.name[lang] : content.vorlageId}</Item>
        <Item label={t('bescheid.field.recipient')}>
          <span className="ap-multiline">{content.recipient.addressLines.join('\n')}</span>
        </Item>
        <Item label={t('bescheid.field.betreff')} testId="bescheid-view-betreff">
          <span className="ap-multiline">{content.betreff}</span>
        </Item>
        <Item label={t('bescheid.field.anrede')}>{content.anrede}</Item>
        <Item label={t('bescheid.fee.label')} testId="bescheid-view-fee">
          {content.gebuehr.override
            ? t('bescheid.fee.overridden', {
                amount: formatMoney(content.gebuehr.cents / 100, lang),
                reason: content.gebuehr.override.reason,
              })
            : formatMoney(content.gebuehr.cents / 100, lang)}
        </Item>
      </dl>
      {SECTION_KEYS.map((key) => {
        const s = content.sections[key];
        if (!s) return null;
        return (
          <section key={key} className="ap-bescheid-view__section" data-testid={`bescheid-view-${key}`}>
            <h4 className="kern-heading-small">
              {t(`bescheid.field.${key}`)}
              {s.heading && s.heading !== t(`bescheid.field.${key}`) && (
                <span className="ap-muted"> – {s.heading}</span>
              )}
            </h4>
            {s.paragraphs.map((p, i) => (
              <p key={i} className="kern-body ap-multiline">
                {p}
              </p>
            ))}
          </section>
        );
      })}
    </div>
  );
}
