import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DescriptionItem as Item } from '../../app/DescriptionItem.tsx';
import { useDocumentTitle } from '../../app/document-title.ts';
import { hrefFor } from '../../app/router.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { getMeta } from '../../db/index.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { Button } from 'react-aria-components';
import type { Akte } from '../../../../shared/domain/akte.ts';
import { sha256Hex, type Dokument } from '../../../../shared/domain/index.ts';
import { usePlatform } from '../../app/platform-context.ts';
import { useAuthority } from '../bescheid/index.ts';
import { DokumentTable, FeedbackRegion, localized, useErrorText, type Feedback } from '../vorgang/index.ts';
import { renderEinsicht } from './einsicht-client.ts';
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
            <Item label={t('akte.dms.label')} testId="akte-dms">
              <DmsState akte={akte} />
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
      <EinsichtExport
        akte={akte}
        einheitTitel={einheit ? localized(einheit.titel, lang) : akte.kennzeichen}
        dokumente={dokumente}
        onFeedback={setFeedback}
      />
    </article>
  );
}

/**
 * Akteneinsicht: the Akte as one PDF (cover, index with hashes, every document) to hand to a
 * lawyer or a court. Built in the client from the cached or fetched bytes, so an Akte whose
 * documents are cached exports offline too.
 */
function EinsichtExport({
  akte,
  einheitTitel,
  dokumente,
  onFeedback,
}: {
  akte: Akte;
  einheitTitel: string;
  dokumente: readonly Dokument[];
  onFeedback: (f: Feedback) => void;
}) {
  const { t } = useTranslation();
  const { db, handle, session } = useWorkspace();
  const platform = usePlatform();
  const errorText = useErrorText();
  const authority = useAuthority(db);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (authority.kind !== 'ready') return;
    setBusy(true);
    try {
      const files = [];
      for (const d of dokumente) {
        const blob = await handle.getBlob(d.sha256, d.mediaType);
        if (!blob.ok) {
          onFeedback({
            kind: 'danger',
            lines: [t('akte.einsicht.failed', { reason: t('akte.einsicht.missing', { name: d.name }) })],
          });
          return;
        }
        files.push({
          titel: d.name,
          dateiname: d.name,
          mediaType: d.mediaType,
          sha256: d.sha256,
          veraktetAm: d.createdAt,
          bytes: new Uint8Array(await blob.value.arrayBuffer()),
        });
      }
      const answer = await renderEinsicht({
        authority: authority.authority,
        aktenzeichen: akte.aktenzeichen,
        titel: akte.aktenzeichen,
        aktenplan: { kennzeichen: akte.kennzeichen, titel: einheitTitel },
        exportedAt: new Date().toISOString(),
        exportedBy: session.user.displayName,
        dokumente: files,
      });
      if (!answer.ok) {
        onFeedback({ kind: 'danger', lines: [t('akte.einsicht.failed', { reason: answer.message })] });
        return;
      }
      const name = `Akteneinsicht-${akte.aktenzeichen.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`;
      const saved = await platform.saveFile({
        name,
        mediaType: 'application/pdf',
        bytes: answer.pdf,
        sha256: await sha256Hex(answer.pdf),
      });
      if (!saved.ok)
        onFeedback({ kind: 'danger', lines: [t('akte.einsicht.failed', { reason: errorText(saved.error) })] });
      else if (saved.value.saved) onFeedback({ kind: 'success', lines: [t('akte.einsicht.done', { name })] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="akte-einsicht" className="ap-section">
      <h2 id="akte-einsicht" className="kern-heading-medium">
        {t('akte.einsicht.heading')}
      </h2>
      <p className="kern-body">{t('akte.einsicht.intro')}</p>
      {authority.kind !== 'ready' && <p className="kern-body">{t('akte.einsicht.noAuthority')}</p>}
      <Button
        className="kern-btn kern-btn--secondary"
        isDisabled={busy || authority.kind !== 'ready'}
        onPress={() => void run()}
        data-testid="akteneinsicht"
      >
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">{busy ? t('akte.einsicht.busy') : t('akte.einsicht.button')}</span>
      </Button>
    </section>
  );
}

/** Where the Akte stands in the DMS, in words (docs/e-akte.md, "DMS"). */
export function DmsState({ akte }: { akte: Akte }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const dms = akte.dms;
  if (!dms) return <>{t('akte.dms.none')}</>;
  const date = formatDateTime(dms.at, lang);
  switch (dms.state) {
    case 'ausstehend':
      return <>{t('akte.dms.ausstehend', { date })}</>;
    case 'empfangen':
      return <>{t('akte.dms.empfangen', { date })}</>;
    case 'abgelegt':
      return <>{t('akte.dms.abgelegt', { date, id: dms.dmsId ?? '–' })}</>;
    case 'fehler':
      return <>{t('akte.dms.fehler', { date, grund: dms.grund ?? '–' })}</>;
  }
}
