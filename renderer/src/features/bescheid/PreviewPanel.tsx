import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterInput } from '../../../../shared/bescheid/letter/input.ts';
import { Alert } from '../../app/Alert.tsx';
import { usePreview } from './use-preview.ts';

/**
 * The live PDF preview of a Bescheid: rendered in the browser from exactly the text shown,
 * half a second after the last change. The previous page stays visible while the next renders.
 * `unavailable`: why there is no letter to show (the authority is not loaded), said instead of
 * the idle hint.
 */
export function PreviewPanel({
  letter,
  title,
  unavailable = null,
}: {
  letter: LetterInput | null;
  title: string;
  unavailable?: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const preview = usePreview(letter);
  const url = preview.state === 'idle' ? null : preview.url;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="ap-bescheid-preview"
      data-testid="bescheid-preview"
      data-state={preview.state}
    >
      <h3 id={`${id}-heading`} className="kern-heading-small">
        {t('bescheid.preview.heading')}
      </h3>
      <p className="kern-body kern-body--small ap-muted">
        {preview.state === 'idle'
          ? (unavailable ?? t('bescheid.preview.idle'))
          : preview.state === 'rendering'
            ? t('bescheid.preview.rendering')
            : preview.state === 'ready'
              ? t('bescheid.preview.ready')
              : null}
      </p>
      {preview.state === 'failed' && (
        <Alert kind="warning" title={t('bescheid.preview.failed')}>
          {preview.error.code === 'assets' ? t('bescheid.preview.assetsFailed') : preview.error.message}
        </Alert>
      )}
      {url !== null && (
        <iframe className="ap-bescheid-preview__frame" src={url} title={title} data-testid="bescheid-preview-frame" />
      )}
    </section>
  );
}
