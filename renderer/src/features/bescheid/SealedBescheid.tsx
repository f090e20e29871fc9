import { useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Bescheid, Dokument, Vorgang } from '../../../../shared/domain/index.ts';
import { usePlatform } from '../../app/platform-context.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { bescheidApi } from './api.ts';
import { DispatchSection } from './DispatchSection.tsx';
import { pemCertificates } from './pem.ts';
import { FeedbackRegion, useErrorText, type Feedback } from './ui.tsx';
import { verificationView, type VerificationView } from './verification.ts';

type Verification =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; view: VerificationView }
  | { state: 'failed'; reason: string };

/**
 * A sealed Bescheid: the PDF to download and an in-app check of its seal — signature valid,
 * document unchanged since sealing, certificate chain ending at the authority's CA (trust
 * anchors from the server), and who sealed it when; then the dispatch is recorded (`versandt`).
 * `mayWork`: whether the user may work on the Vorgang (only they record the dispatch).
 */
export function SealedBescheid({
  vorgang,
  bescheid,
  mayWork,
}: {
  vorgang: Vorgang;
  bescheid: Bescheid;
  mayWork: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, handle, session } = useWorkspace();
  const platform = usePlatform();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [verification, setVerification] = useState<Verification>({ state: 'idle' });
  const dokumentId = bescheid.dokumentId;
  const dokument = useLiveQuery(
    async () => (dokumentId === null ? null : ((await db.dokumente.get(dokumentId)) ?? null)),
    [db, dokumentId],
  );

  const bytesOf = async (d: Dokument) => {
    const blob = await handle.getBlob(d.sha256, 'application/pdf');
    return blob.ok ? { ok: true as const, value: new Uint8Array(await blob.value.arrayBuffer()) } : blob;
  };

  const download = async (d: Dokument) => {
    const bytes = await bytesOf(d);
    if (!bytes.ok) {
      setFeedback({ kind: 'danger', text: t('bescheid.sealed.downloadFailed', { reason: errorText(bytes.error) }) });
      return;
    }
    const saved = await platform.saveFile({
      name: d.name,
      mediaType: 'application/pdf',
      bytes: bytes.value,
      sha256: d.sha256,
    });
    if (!saved.ok)
      setFeedback({ kind: 'danger', text: t('bescheid.sealed.downloadFailed', { reason: errorText(saved.error) }) });
    else if (saved.value.saved)
      setFeedback({ kind: 'success', text: t('bescheid.sealed.downloaded', { name: d.name }) });
  };

  const verify = async (d: Dokument) => {
    setVerification({ state: 'running' });
    let caPem: string;
    try {
      const trust = await queryClient.query({
        queryKey: ['bescheidTrust', session.serverUrl],
        queryFn: async () => {
          const r = await bescheidApi(session).call('bescheidTrust');
          if (!r.ok) throw r.error;
          return r.value;
        },
        staleTime: Infinity,
      });
      caPem = trust.caPem;
    } catch (e) {
      const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'internal';
      setVerification({ state: 'failed', reason: t('bescheid.verify.trustFailed', { reason: errorText({ code }) }) });
      return;
    }
    const bytes = await bytesOf(d);
    if (!bytes.ok) {
      setVerification({ state: 'failed', reason: errorText(bytes.error) });
      return;
    }
    // forge and pdf-lib are large: loaded when a seal is checked, not with the app.
    const { verifyPdfSignature } = await import('../../../../shared/bescheid/pades/verify.ts');
    const result = await verifyPdfSignature(bytes.value, { trustedRoots: pemCertificates(caPem) });
    setVerification({ state: 'done', view: verificationView(result) });
  };

  return (
    <div className="ap-stack" data-testid="bescheid-sealed">
      {dokument === undefined ? null : dokument === null ? (
        <p className="kern-body">{t('bescheid.sealed.dokumentMissing')}</p>
      ) : (
        <>
          <p className="kern-body">{t('bescheid.sealed.dokument', { name: dokument.name })}</p>
          <FeedbackRegion feedback={feedback} testId="bescheid-sealed-feedback" />
          <div className="ap-actions">
            <Button
              className="kern-btn kern-btn--primary"
              onPress={() => void download(dokument)}
              data-testid="bescheid-download"
            >
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">{t('bescheid.sealed.download')}</span>
            </Button>
            <Button
              className="kern-btn kern-btn--secondary"
              isDisabled={verification.state === 'running'}
              onPress={() => void verify(dokument)}
              data-testid="bescheid-verify"
            >
              <span className="kern-icon kern-icon--checklist" aria-hidden="true" />
              <span className="kern-label">{t('bescheid.verify.button')}</span>
            </Button>
          </div>
          <VerificationPanel verification={verification} lang={lang} />
        </>
      )}
      <DispatchSection vorgang={vorgang} bescheid={bescheid} mayWork={mayWork} />
    </div>
  );
}

function VerificationPanel({ verification, lang }: { verification: Verification; lang: 'de' | 'en' }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section
      aria-labelledby={`${id}-heading`}
      aria-live="polite"
      className="ap-bescheid-verify"
      data-testid="bescheid-verification"
      data-state={verification.state === 'done' ? (verification.view.valid ? 'valid' : 'invalid') : verification.state}
    >
      <h4 id={`${id}-heading`} className="kern-heading-small">
        {t('bescheid.verify.heading')}
      </h4>
      {verification.state === 'idle' && <p className="kern-body ap-muted">{t('bescheid.verify.idle')}</p>}
      {verification.state === 'running' && <p className="kern-body">{t('bescheid.verify.running')}</p>}
      {verification.state === 'failed' && <p className="kern-body kern-error">{verification.reason}</p>}
      {verification.state === 'done' && (
        <>
          <p className="kern-body" data-testid="bescheid-verification-result">
            <strong>{verification.view.valid ? t('bescheid.verify.valid') : t('bescheid.verify.invalid')}</strong>
          </p>
          <ul className="ap-bescheid-checks">
            {verification.view.checks.map((c) => (
              <li
                key={c.check}
                data-check={c.check}
                data-ok={c.ok}
                className={c.ok ? 'ap-check--ok' : 'ap-check--fail'}
              >
                <span className={`kern-icon kern-icon--${c.ok ? 'success' : 'danger'}`} aria-hidden="true" />
                {t(`bescheid.verify.check.${c.check}.${c.ok ? 'ok' : 'fail'}`)}
              </li>
            ))}
          </ul>
          <dl className="kern-description-list">
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t('bescheid.verify.signer')}</dt>
              <dd className="kern-description-list-item__value" data-testid="bescheid-verification-signer">
                {verification.view.signer
                  ? t('bescheid.verify.signerValue', {
                      name: verification.view.signer.name,
                      serial: verification.view.signer.serial,
                    })
                  : t('bescheid.verify.unknown')}
              </dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t('bescheid.verify.time')}</dt>
              <dd className="kern-description-list-item__value" data-testid="bescheid-verification-time">
                {verification.view.timestamp
                  ? t('bescheid.verify.timeStamped', {
                      time: formatDateTime(verification.view.timestamp.time, lang, 'Europe/Berlin'),
                      authority: verification.view.timestamp.authority,
                    })
                  : verification.view.signingTime
                    ? t('bescheid.verify.timeValue', {
                        time: formatDateTime(verification.view.signingTime, lang, 'Europe/Berlin'),
                      })
                    : t('bescheid.verify.unknown')}
              </dd>
            </div>
          </dl>
          {verification.view.problems.length > 0 && (
            <details className="ap-bescheid-verify__details">
              <summary>{t('bescheid.verify.details')}</summary>
              <ul lang="en">
                {verification.view.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
