import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AussonderungOverview } from '../../../../shared/contracts/http/aussonderung.ts';
import { Alert } from '../../app/Alert.tsx';
import { useDocumentTitle } from '../../app/document-title.ts';
import { useErrorText } from '../../app/error-text.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { aussonderungApi } from './api.ts';

const OFFLINE_CODES = ['offline', 'network'];

/**
 * The records manager's Aussonderung (role records or admin): the Akten whose retention has
 * ended, the offer of all of them to the archive, and each Aussonderung's way through the
 * archive's answers to the deletion. Metadata only; it needs the server (nothing of it syncs).
 */
export function AussonderungScreen() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { session } = useWorkspace();
  const errorText = useErrorText('workspace.common.offline', OFFLINE_CODES);
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [feedback, setFeedback] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  useDocumentTitle(`${t('records.title')} – ${t('app.name')}`);
  const key = ['aussonderung', session.serverUrl];
  const overview = useQuery({
    queryKey: key,
    queryFn: async (): Promise<AussonderungOverview> => {
      const r = await aussonderungApi(session).call('aussonderungOverview');
      if (!r.ok) throw r.error;
      return r.value;
    },
    refetchInterval: 15_000,
  });
  const start = useMutation({
    mutationFn: async () => {
      const r = await aussonderungApi(session).call('aussonderungStart', { body: {} });
      if (!r.ok) throw r.error;
      return r.value;
    },
    onSuccess: async (s) => {
      setFeedback({ kind: 'success', text: t('records.started', { count: s.akten }) });
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => {
      setFeedback({ kind: 'danger', text: errorText(codeOf(e)) });
    },
  });
  const data = overview.data;

  return (
    <div className="ap-stack" data-testid="aussonderung-screen">
      <h1 className="kern-heading-large" ref={headingRef} tabIndex={-1}>
        {t('records.title')}
      </h1>
      <p className="kern-body">{t('records.intro')}</p>
      <div aria-live="polite" data-testid="aussonderung-feedback">
        {feedback && (
          <Alert kind={feedback.kind} announce={false}>
            {feedback.text}
          </Alert>
        )}
      </div>
      {overview.isError && <Alert kind="danger">{errorText(codeOf(overview.error))}</Alert>}
      {overview.isPending && <p className="kern-body">{t('records.loading')}</p>}
      {data && (
        <>
          <section aria-labelledby="records-due" className="ap-section">
            <h2 id="records-due" className="kern-heading-medium">
              {t('records.due', { count: data.faellig.length })}
            </h2>
            {data.faellig.length === 0 ? (
              <p className="kern-body">{t('records.noneDue')}</p>
            ) : (
              <>
                <table className="kern-table kern-table--small" data-testid="aussonderung-due">
                  <caption className="kern-sr-only">{t('records.dueCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('records.col.aktenzeichen')}</th>
                      <th scope="col">{t('records.col.kennzeichen')}</th>
                      <th scope="col">{t('records.col.zda')}</th>
                      <th scope="col">{t('records.col.bis')}</th>
                      <th scope="col">{t('records.col.art')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.faellig.map((a) => (
                      <tr key={a.akteId}>
                        <td>{a.aktenzeichen}</td>
                        <td>{a.kennzeichen}</td>
                        <td>{formatDate(a.zdaAm, lang)}</td>
                        <td>{formatDate(a.aufbewahrungBis, lang)}</td>
                        <td>{t(`records.art.${a.aussonderungsart}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Button
                  className="kern-btn kern-btn--primary"
                  isDisabled={start.isPending}
                  onPress={() => {
                    setFeedback(null);
                    start.mutate();
                  }}
                >
                  <span className="kern-label">{t('records.start', { count: data.faellig.length })}</span>
                </Button>
              </>
            )}
          </section>
          <section aria-labelledby="records-runs" className="ap-section">
            <h2 id="records-runs" className="kern-heading-medium">
              {t('records.runs')}
            </h2>
            {data.aussonderungen.length === 0 ? (
              <p className="kern-body">{t('records.noRuns')}</p>
            ) : (
              <table className="kern-table kern-table--small" data-testid="aussonderung-runs">
                <caption className="kern-sr-only">{t('records.runsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('records.col.started')}</th>
                    <th scope="col">{t('records.col.state')}</th>
                    <th scope="col">{t('records.col.akten')}</th>
                    <th scope="col">{t('records.col.decided')}</th>
                    <th scope="col">{t('records.col.deleted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.aussonderungen.map((s) => (
                    <tr key={s.prozessId} data-prozess-id={s.prozessId} data-state={s.state}>
                      <td>{formatDateTime(s.createdAt, lang)}</td>
                      <td>
                        {t(`records.state.${s.state}`)}
                        {s.grund !== null && <span className="ap-multiline">{s.grund}</span>}
                      </td>
                      <td>{s.akten}</td>
                      <td>{t('records.decided', { a: s.archivieren, v: s.vernichten })}</td>
                      <td>{s.geloescht}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function codeOf(e: unknown): { code: string } {
  return { code: typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'internal' };
}
