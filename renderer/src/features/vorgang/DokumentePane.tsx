import { useId, useState, type ChangeEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { FILE_INPUT_ACCEPT, MAX_DOKUMENT_BYTES } from '../../../../shared/domain/file-names.ts';
import type { Dokument, Vorgang } from '../../../../shared/domain/index.ts';
import { usePlatform } from '../../app/platform-context.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useBlobState } from './data.ts';
import { ALLOWED_TYPE_LABELS, checkUpload, formatBytes, previewKind, shortHash } from './dokument-format.ts';
import { DokumentPreview } from './DokumentPreview.tsx';
import { FeedbackRegion, useErrorText, type Feedback } from './feedback.tsx';

/** A file the clerk chose, before its bytes are read. */
interface Candidate {
  name: string;
  size: number;
  read(): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * The documents of a Vorgang with where their bytes are, preview (PDF, images), download and
 * the SHA-256 to compare; adding files for those who may work the Vorgang.
 */
export function DokumentePane({
  v,
  mayWork,
  dokumente,
}: {
  v: Vorgang;
  mayWork: boolean;
  dokumente: readonly Dokument[];
}) {
  const { t } = useTranslation();
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  return (
    <section aria-labelledby="vg-dokumente" className="ap-section" data-testid="dokumente">
      <h2 id="vg-dokumente" className="kern-heading-medium">
        {t('workspace.dokumente.heading')}
      </h2>
      <FeedbackRegion feedback={feedback} testId="dokumente-feedback" />
      {dokumente.length === 0 ? (
        <p className="kern-body">{t('workspace.dokumente.none')}</p>
      ) : (
        <DokumentTable dokumente={dokumente} onFeedback={setFeedback} />
      )}
      {mayWork ? (
        <AddDokumente vorgangId={v.id} onFeedback={setFeedback} />
      ) : (
        <p className="kern-body ap-muted">{t('workspace.dokumente.mayNotAdd')}</p>
      )}
    </section>
  );
}

/**
 * Documents as a table: name, source, size, date, who, where the bytes are, the SHA-256 and
 * download (the Vorgang's Dokumente pane, and an Akte's documents in filing order).
 */
export function DokumentTable({
  dokumente,
  onFeedback,
}: {
  dokumente: readonly Dokument[];
  onFeedback: (f: Feedback) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small ap-doc-table">
        <caption className="kern-sr-only">{t('workspace.dokumente.caption')}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col">{t('workspace.dokumente.column.name')}</th>
            <th scope="col">{t('workspace.dokumente.column.source')}</th>
            <th scope="col" className="kern-table__header--numeric">
              {t('workspace.dokumente.column.size')}
            </th>
            <th scope="col">{t('workspace.dokumente.column.date')}</th>
            <th scope="col">{t('workspace.dokumente.column.uploader')}</th>
            <th scope="col">{t('workspace.dokumente.column.state')}</th>
            <th scope="col">{t('workspace.dokumente.column.hash')}</th>
            <th scope="col">{t('workspace.dokumente.column.actions')}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {dokumente.map((d) => (
            <DokumentRow key={d.id} d={d} onFeedback={onFeedback} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DokumentRow({ d, onFeedback }: { d: Dokument; onFeedback: (f: Feedback) => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, handle, lookups } = useWorkspace();
  const platform = usePlatform();
  const errorText = useErrorText();
  const state = useBlobState(db, d.sha256);
  const uploader =
    d.uploadedBy === null
      ? t('workspace.dokumente.fromApplicant')
      : (lookups.users.get(d.uploadedBy)?.displayName ?? t('user.unknown'));

  const download = async () => {
    const blob = await handle.getBlob(d.sha256, d.mediaType);
    if (!blob.ok) {
      onFeedback({
        kind: 'danger',
        lines: [t('workspace.dokumente.downloadFailed', { name: d.name, reason: errorText(blob.error) })],
      });
      return;
    }
    const saved = await platform.saveFile({
      name: d.name,
      mediaType: d.mediaType,
      bytes: blob.value,
      sha256: d.sha256,
    });
    if (!saved.ok) {
      onFeedback({
        kind: 'danger',
        lines: [t('workspace.dokumente.downloadFailed', { name: d.name, reason: errorText(saved.error) })],
      });
    } else if (saved.value.saved) {
      onFeedback({ kind: 'success', lines: [t('workspace.dokumente.downloaded', { name: d.name })] });
    }
  };

  return (
    <tr
      className="kern-table__row"
      data-testid="dokument-row"
      data-dokument-id={d.id}
      data-sha256={d.sha256}
      data-state={state}
    >
      <th scope="row" className="kern-table__cell ap-doc-table__name">
        {d.name}
      </th>
      <td className="kern-table__cell">{t(`workspace.dokumente.source.${d.source}`)}</td>
      <td className="kern-table__cell kern-table__cell--numeric">{formatBytes(d.size, lang)}</td>
      <td className="kern-table__cell">{formatDateTime(d.createdAt, lang)}</td>
      <td className="kern-table__cell">{uploader}</td>
      <td className="kern-table__cell">
        <span className={`ap-blob-state ap-blob-state--${state}`}>{t(`workspace.dokumente.state.${state}`)}</span>
      </td>
      <td className="kern-table__cell">
        <details className="ap-hash">
          <summary>
            <code>{shortHash(d.sha256)}</code>
            <span className="kern-sr-only"> {t('workspace.dokumente.showHash')}</span>
          </summary>
          <code className="ap-hash__full" aria-label={t('workspace.dokumente.hashOf', { name: d.name })}>
            {d.sha256}
          </code>
        </details>
      </td>
      <td className="kern-table__cell ap-doc-table__actions">
        {previewKind(d.mediaType) !== null && <DokumentPreview d={d} onDownload={() => void download()} />}
        <Button
          className="kern-btn kern-btn--tertiary kern-btn--x-small"
          aria-label={t('workspace.dokumente.downloadOf', { name: d.name })}
          onPress={() => void download()}
        >
          <span className="kern-icon kern-icon--download" aria-hidden="true" />
          <span className="kern-label">{t('workspace.dokumente.download')}</span>
        </Button>
      </td>
    </tr>
  );
}

function AddDokumente({ vorgangId, onFeedback }: { vorgangId: string; onFeedback: (f: Feedback) => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { handle } = useWorkspace();
  const platform = usePlatform();
  const errorText = useErrorText();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const max = formatBytes(MAX_DOKUMENT_BYTES, lang);

  /** Refused files are never read or stored; the others are stored one by one. */
  const add = async (files: readonly Candidate[]) => {
    if (files.length === 0) return;
    setBusy(true);
    onFeedback({ kind: 'info', lines: [t('workspace.dokumente.adding')] });
    const problems: string[] = [];
    let added = 0;
    for (const f of files) {
      const check = checkUpload(f);
      if (!check.ok) {
        problems.push(
          check.reason === 'type'
            ? t('workspace.dokumente.rejectedType', { name: f.name })
            : check.reason === 'empty'
              ? t('workspace.dokumente.rejectedEmpty', { name: f.name })
              : t('workspace.dokumente.rejectedSize', { name: f.name, size: formatBytes(f.size, lang), max }),
        );
        continue;
      }
      const r = await handle.attachDokument({
        vorgangId,
        name: check.name,
        mediaType: check.mediaType,
        bytes: await f.read(),
      });
      if (r.ok) added += 1;
      else problems.push(t('workspace.dokumente.failed', { name: check.name, reason: errorText(r.error) }));
    }
    setBusy(false);
    const lines = [...(added > 0 ? [t('workspace.dokumente.added', { count: added })] : []), ...problems];
    onFeedback({ kind: problems.length === 0 ? 'success' : added > 0 ? 'warning' : 'danger', lines });
  };

  const onInput = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])].map((file): Candidate => ({
      name: file.name,
      size: file.size,
      read: async () => new Uint8Array(await file.arrayBuffer()),
    }));
    // Cleared so that choosing the same file again fires another change.
    e.target.value = '';
    void add(files);
  };

  const pick = async () => {
    const picked = await platform.pickFiles({ multiple: true });
    if (!picked.ok) {
      onFeedback({ kind: 'danger', lines: [errorText(picked.error)] });
      return;
    }
    void add(
      picked.value.map((f): Candidate => ({
        name: f.name,
        size: f.bytes.byteLength,
        read: () => Promise.resolve(f.bytes.slice()),
      })),
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="ap-subsection ap-stack">
      <h3 id={`${id}-heading`} className="kern-heading-small">
        {t('workspace.dokumente.addHeading')}
      </h3>
      {platform.kind === 'desktop' ? (
        <div>
          <Button
            className="kern-btn kern-btn--secondary"
            isDisabled={busy}
            onPress={() => void pick()}
            aria-describedby={`${id}-hint`}
          >
            <span className="kern-icon kern-icon--drive-folder-upload" aria-hidden="true" />
            <span className="kern-label">{t('workspace.dokumente.pickFiles')}</span>
          </Button>
        </div>
      ) : (
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-input`}>
            {t('workspace.dokumente.chooseFiles')}
          </label>
          <input
            id={`${id}-input`}
            className="ap-file-input"
            type="file"
            multiple
            accept={FILE_INPUT_ACCEPT}
            disabled={busy}
            onChange={onInput}
            aria-describedby={`${id}-hint`}
            data-testid="dokument-upload"
          />
        </div>
      )}
      <p className="kern-hint" id={`${id}-hint`}>
        {t('workspace.dokumente.uploadHint', { types: ALLOWED_TYPE_LABELS, max })}
      </p>
    </section>
  );
}
