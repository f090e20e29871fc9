import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Dokument } from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { previewKind } from './dokument-format.ts';
import { useErrorText } from './feedback.tsx';
import { ModalDialog } from '../../app/ModalDialog.tsx';

/** A preview of a PDF or image in a dialog, from a blob: URL that lives as long as the dialog. */
export function DokumentPreview({ d, onDownload }: { d: Dokument; onDownload: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      wide
      testId="preview-dialog"
      title={t('workspace.dokumente.previewOf', { name: d.name })}
      trigger={
        <Button
          className="kern-btn kern-btn--tertiary kern-btn--x-small"
          aria-label={t('workspace.dokumente.previewOf', { name: d.name })}
        >
          <span className="kern-icon kern-icon--visibility" aria-hidden="true" />
          <span className="kern-label">{t('workspace.dokumente.preview')}</span>
        </Button>
      }
    >
      {(close) => (
        <>
          <div className="kern-dialog__body">
            <PreviewBody d={d} />
          </div>
          <footer className="kern-dialog__footer">
            <Button className="kern-btn kern-btn--secondary" onPress={onDownload}>
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">{t('workspace.dokumente.download')}</span>
            </Button>
            <Button className="kern-btn kern-btn--primary" onPress={close}>
              <span className="kern-label">{t('workspace.common.close')}</span>
            </Button>
          </footer>
        </>
      )}
    </ModalDialog>
  );
}

type Loaded = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; error: { code: string } };

function PreviewBody({ d }: { d: Dokument }) {
  const { t } = useTranslation();
  const { handle } = useWorkspace();
  const errorText = useErrorText();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const kind = previewKind(d.mediaType);

  useEffect(() => {
    if (kind === null) return;
    let url: string | null = null;
    let cancelled = false;
    void handle.getBlob(d.sha256, d.mediaType).then((r) => {
      if (cancelled) return;
      if (!r.ok) {
        setLoaded({ state: 'failed', error: r.error });
        return;
      }
      // The type is set here from the Dokument's checked media type, never taken from the bytes.
      url = URL.createObjectURL(new Blob([r.value], { type: d.mediaType }));
      setLoaded({ state: 'ready', url });
    });
    return () => {
      cancelled = true;
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [handle, d.sha256, d.mediaType, kind]);

  if (kind === null) return null;
  if (loaded.state === 'loading') {
    return (
      <p className="kern-body" role="status">
        {t('workspace.dokumente.previewLoading')}
      </p>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <p className="kern-body kern-error" role="alert">
        {t('workspace.dokumente.previewFailed', { reason: errorText(loaded.error) })}
      </p>
    );
  }
  return kind === 'pdf' ? (
    <iframe className="ap-preview ap-preview--pdf" src={loaded.url} title={d.name} data-testid="preview-frame" />
  ) : (
    <img className="ap-preview ap-preview--image" src={loaded.url} alt={d.name} data-testid="preview-image" />
  );
}
