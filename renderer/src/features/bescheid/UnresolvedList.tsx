import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { BescheidForm } from './form.ts';
import { fieldText, snippet, type MarkerHit } from './markers.ts';

/**
 * Every unresolved placeholder with the words around it (the marker highlighted) and a button
 * that puts the cursor on it, selected, so the clerk can type the value over it.
 */
export function UnresolvedList({
  form,
  markers,
  onJump,
}: {
  form: BescheidForm;
  markers: readonly MarkerHit[];
  onJump: (hit: MarkerHit) => void;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="bescheid-unresolved">
      <p className="kern-body">
        {t('bescheid.markers.summary', {
          count: markers.length,
          paths: [...new Set(markers.map((m) => m.path))].join(', '),
        })}
      </p>
      <ul className="ap-bescheid-markers">
        {markers.map((m) => (
          <li key={`${m.field}-${m.start}`} className="ap-bescheid-markers__item" data-path={m.path}>
            <span className="ap-bescheid-markers__where">{t(`bescheid.field.${m.field}`)}:</span>{' '}
            <span className="ap-bescheid-markers__snippet">
              {snippet(fieldText(form, m.field), m).map((s, i) =>
                s.marker === null ? <span key={i}>{s.text}</span> : <mark key={i}>{s.text}</mark>,
              )}
            </span>{' '}
            <Button
              className="kern-btn kern-btn--tertiary kern-btn--x-small"
              onPress={() => onJump(m)}
              aria-label={t('bescheid.markers.jumpTo', { path: m.path, field: t(`bescheid.field.${m.field}`) })}
            >
              <span className="kern-label">{t('bescheid.markers.jump')}</span>
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
