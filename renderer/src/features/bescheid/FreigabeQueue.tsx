import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { hasRole, type Bescheid } from '../../../../shared/domain/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { useDocumentTitle } from '../../app/document-title.ts';
import { hrefFor } from '../../app/router.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import '../../styles/bescheid.css';
import { authorityMissingKey, useAuthority } from './authority.ts';
import { loadErrorText } from './template-error.ts';
import { BescheidView } from './BescheidView.tsx';
import { useBescheid, useFreigabeQueue } from './data.ts';
import { FreigabeDecision } from './FreigabeDecision.tsx';
import { previewLetter } from './preview-letter.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { bescheidRegistries, type BescheidRegistries } from './resources.ts';

/**
 * The lead's Freigabe queue: the org unit's submitted Bescheide, longest waiting first. Opening
 * one shows its text read-only beside the preview, with Approve and Return (4-eyes rule:
 * never one's own or one edited).
 */
export function FreigabeQueue() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, session, lookups } = useWorkspace();
  const user = session.user;
  const items = useFreigabeQueue(db, user.orgUnitId);
  const registries = useMemo(() => bescheidRegistries(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(`${t('bescheid.queue.title')} – ${t('app.name')}`);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  const name = (id: string) => lookups.users.get(id)?.displayName ?? t('bescheid.unknownPerson');

  return (
    <div className="ap-page ap-stack" data-testid="freigabe-queue">
      <h1 className="kern-heading-large" ref={headingRef} tabIndex={-1}>
        {t('bescheid.queue.title')}
      </h1>
      {!hasRole(user, 'lead') ? (
        <p className="kern-body" data-testid="freigabe-queue-not-lead">
          {t('bescheid.queue.notLead')}
        </p>
      ) : !registries.ok ? (
        <Alert kind="danger" title={t('bescheid.loadFailed')}>
          {loadErrorText(t, registries.error)}
        </Alert>
      ) : (
        <>
          <p className="kern-body">{t('bescheid.queue.intro')}</p>
          {items.length === 0 ? (
            <p className="kern-body" data-testid="freigabe-queue-empty">
              {t('bescheid.queue.empty')}
            </p>
          ) : (
            <div className="kern-table-responsive">
              <table className="kern-table kern-table--small">
                <caption className="kern-sr-only">{t('bescheid.queue.caption', { count: items.length })}</caption>
                <thead className="kern-table__header">
                  <tr className="kern-table__row">
                    <th scope="col">{t('bescheid.queue.column.aktenzeichen')}</th>
                    <th scope="col">{t('bescheid.queue.column.decision')}</th>
                    <th scope="col">{t('bescheid.queue.column.author')}</th>
                    <th scope="col">{t('bescheid.queue.column.submittedAt')}</th>
                    <th scope="col">{t('bescheid.queue.column.actions')}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {items.map(({ bescheid: b, aktenzeichen }) => (
                    <tr
                      key={b.id}
                      className="kern-table__row"
                      data-testid="freigabe-row"
                      data-bescheid-id={b.id}
                      aria-current={selected === b.id ? 'true' : undefined}
                    >
                      <th scope="row" className="kern-table__cell">
                        {aktenzeichen ?? t('bescheid.queue.vorgangMissing')}
                      </th>
                      <td className="kern-table__cell">{t(`bescheid.decision.${b.content.decision}`)}</td>
                      <td className="kern-table__cell">{name(b.authorId)}</td>
                      <td className="kern-table__cell">{b.submittedAt ? formatDateTime(b.submittedAt, lang) : '—'}</td>
                      <td className="kern-table__cell">
                        <Button
                          className="kern-btn kern-btn--secondary kern-btn--x-small"
                          aria-label={t('bescheid.queue.openFor', { aktenzeichen: aktenzeichen ?? b.id })}
                          onPress={() => setSelected(b.id)}
                        >
                          <span className="kern-label">{t('bescheid.queue.open')}</span>
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {selected !== null && (
            <FreigabeDetail
              key={selected}
              bescheidId={selected}
              registries={registries.value}
              onClose={() => {
                setSelected(null);
                headingRef.current?.focus();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

function FreigabeDetail({
  bescheidId,
  registries,
  onClose,
}: {
  bescheidId: string;
  registries: BescheidRegistries;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, lookups, today } = useWorkspace();
  const b = useBescheid(db, bescheidId);
  const authority = useAuthority(db);
  const missing = authorityMissingKey(authority);
  const vorgang = useLiveQuery(
    async () => (b ? ((await db.vorgaenge.get(b.vorgangId)) ?? null) : undefined),
    [db, b?.vorgangId],
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = b !== undefined;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  if (b === undefined) return <p className="kern-body">{t('bescheid.loading')}</p>;
  if (b === null) return <p className="kern-body">{t('bescheid.queue.gone')}</p>;
  const aktenzeichen = vorgang?.aktenzeichen ?? t('bescheid.queue.vorgangMissing');
  const author = lookups.users.get(b.authorId)?.displayName ?? t('bescheid.unknownPerson');

  return (
    <section aria-labelledby="freigabe-detail" className="ap-section ap-stack" data-testid="freigabe-detail">
      <h2 id="freigabe-detail" className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
        {t('bescheid.queue.detailTitle', { aktenzeichen })}
      </h2>
      <p className="kern-body">
        {t('bescheid.submitted.text', {
          author,
          time: b.submittedAt ? formatDateTime(b.submittedAt, lang) : '—',
        })}
      </p>
      <div className="ap-actions">
        {vorgang && (
          <a className="kern-link" href={hrefFor({ name: 'vorgang', id: vorgang.id })}>
            {t('bescheid.queue.openVorgang')}
          </a>
        )}
        <Button className="kern-btn kern-btn--tertiary kern-btn--small" onPress={onClose}>
          <span className="kern-label">{t('bescheid.queue.back')}</span>
        </Button>
      </div>
      <Outcome bescheid={b} />
      <FreigabeDecision bescheid={b} />
      <div className="ap-bescheid-editor">
        <div className="ap-bescheid-editor__text">
          <BescheidView content={b.content} registries={registries} />
        </div>
        <PreviewPanel
          title={t('bescheid.preview.frameTitle', { aktenzeichen })}
          letter={
            authority.kind === 'ready'
              ? previewLetter(b.content, {
                  aktenzeichen,
                  sachbearbeitung: author,
                  datum: today,
                  authority: authority.authority,
                })
              : null
          }
          unavailable={missing && t(missing)}
        />
      </div>
    </section>
  );
}

/** After the decision the Bescheid leaves the queue; the opened one says what became of it. */
function Outcome({ bescheid }: { bescheid: Bescheid }) {
  const { t } = useTranslation();
  if (bescheid.state === 'eingereicht') return null;
  return (
    <Alert kind="info" testId="freigabe-outcome">
      {t(`bescheid.queue.outcome.${bescheid.state}`)}
    </Alert>
  );
}
