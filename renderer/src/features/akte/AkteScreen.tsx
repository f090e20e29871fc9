import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/document-title.ts';
import { hrefFor } from '../../app/router.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { getMeta } from '../../db/index.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate } from '../../i18n/format.ts';
import { DokumentTable, FeedbackRegion, localized, type Feedback } from '../vorgang/index.ts';
import { filingOrder } from './akte-view.ts';

/**
 * One Akte: its place in the Aktenplan, its lifecycle (laufend, z.d.A. with retention and
 * Aussonderungsart), its Vorgang, and every document in filing order with who, when and the
 * SHA-256, for preview and download (cached bytes stay readable offline).
 */
export function AkteScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, lookups } = useWorkspace();
  const akte = useLiveQuery(async () => (await db.akten.get(id)) ?? null, [db, id]);
  const plan = useLiveQuery(() => getMeta(db, 'aktenplan'), [db]);
  const dokumente = useLiveQuery(
    async () => (akte ? filingOrder(await db.dokumente.where('vorgangId').equals(akte.vorgangId).toArray()) : []),
    [db, akte],
    [],
  );
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(akte ? `${akte.aktenzeichen} – ${t('akte.title')} – ${t('app.name')}` : null);
  const loaded = akte !== undefined;
  useEffect(() => {
    if (loaded) headingRef.current?.focus({ preventScroll: true });
  }, [loaded]);

  const back = (
    <a className="kern-link ap-back" href={hrefFor({ name: 'akten' })}>
      <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
      {t('akte.detail.back')}
    </a>
  );
  if (akte === undefined) return <div className="ap-akte">{back}</div>;
  if (akte === null) {
    return (
      <div className="ap-akte">
        {back}
        <h1 className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
          {t('akte.detail.notFound')}
        </h1>
      </div>
    );
  }
  const einheit = plan?.einheiten.find((e) => e.kennzeichen === akte.kennzeichen);
  const verfuegtVon = akte.abschluss
    ? (lookups.users.get(akte.abschluss.verfuegtVon)?.displayName ?? akte.abschluss.verfuegtVon)
    : null;

  return (
    <article className="ap-akte" data-testid="akte" data-akte-id={akte.id} data-status={akte.status}>
      {back}
      <h1 className="kern-heading-large" ref={headingRef} tabIndex={-1} data-testid="akte-aktenzeichen">
        {akte.aktenzeichen}
      </h1>
      <dl className="kern-description-list ap-overview">
        <Item label={t('akte.detail.einheit')}>
          {akte.kennzeichen}
          {einheit ? ` ${localized(einheit.titel, lang)}` : ''}
        </Item>
        <Item label={t('akte.detail.status')} testId="akte-status">
          {akte.abschluss
            ? t('akte.status.zda', { date: formatDate(akte.abschluss.am, lang) })
            : t('akte.status.laufend')}
        </Item>
        <Item label={t('akte.detail.opened')}>{formatDate(akte.eroeffnetAm, lang)}</Item>
        {akte.abschluss && (
          <>
            <Item label={t('akte.detail.grund')}>{t(`akte.grund.${akte.abschluss.grund}`)}</Item>
            {akte.abschluss.begruendung && (
              <Item label={t('akte.detail.begruendung')}>{akte.abschluss.begruendung}</Item>
            )}
            <Item label={t('akte.detail.verfuegtVon')}>{verfuegtVon}</Item>
            <Item label={t('akte.detail.retention')} testId="akte-retention">
              {akte.aufbewahrungBis ? formatDate(akte.aufbewahrungBis, lang) : t('akte.retentionUnknown')}
            </Item>
            {akte.aussonderungsart && (
              <Item label={t('akte.detail.aussonderungsart')}>
                {t(`akte.aussonderungsart.${akte.aussonderungsart}`)}
              </Item>
            )}
          </>
        )}
        <Item label={t('akte.detail.vorgang')}>
          <a className="kern-link" href={hrefFor({ name: 'vorgang', id: akte.vorgangId })}>
            {t('akte.detail.openVorgang', { aktenzeichen: akte.aktenzeichen })}
          </a>
        </Item>
      </dl>
      <section aria-labelledby="akte-documents" className="ap-section" data-testid="akte-documents">
        <h2 id="akte-documents" className="kern-heading-medium">
          {t('akte.detail.documents')}
        </h2>
        <FeedbackRegion feedback={feedback} testId="akte-feedback" />
        {dokumente.length === 0 ? (
          <p className="kern-body">{t('akte.detail.documentsNone')}</p>
        ) : (
          <DokumentTable dokumente={dokumente} onFeedback={setFeedback} />
        )}
      </section>
    </article>
  );
}

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
