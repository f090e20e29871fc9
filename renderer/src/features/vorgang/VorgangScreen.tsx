import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { vorgangPruefliste, workBlocker, type Vorgang } from '../../../../shared/domain/index.ts';
import { hrefFor } from '../../app/router.ts';
import { DescriptionItem as Item } from '../../app/DescriptionItem.tsx';
import { useDocumentTitle } from '../../app/document-title.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import '../../styles/workspace.css';
import { isHandedOver, isReadOnly } from '../../../../shared/domain/akte.ts';
import { ZdaSection } from '../akte/index.ts';
import { AssignmentActions } from './AssignmentActions.tsx';
import { useAssigneeAbsences } from './data.ts';
import { FeedbackRegion, useMutationFeedback } from './feedback.tsx';
import { localized } from './format-field.ts';
import { fristState, isOverdue } from './frist.ts';
import { usePane } from './use-pane.ts';
import { StatusActions } from './StatusActions.tsx';
import { VorgangPanes } from './VorgangPanes.tsx';
import { WiedervorlageSection } from './WiedervorlageSection.tsx';

export function VorgangScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { db, inboxState, source } = useWorkspace();
  const live = useLiveQuery(async () => (await db.vorgaenge.get(id)) ?? null, [db, id]);
  // While the initial sync writes page after page, a liveQuery may not answer for a while
  // (each write restarts it); the inbox's row cache usually has the row already.
  useSyncExternalStore(source.subscribe, source.getSnapshot);
  const v = live !== undefined ? live : source.cachedRow(id);
  useEffect(() => {
    void source.loadRows([id], true);
  }, [source, id]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = v !== undefined;
  useDocumentTitle(v ? `${v.aktenzeichen} – ${t('app.name')}` : null);

  useEffect(() => {
    if (loaded) headingRef.current?.focus({ preventScroll: true });
  }, [loaded]);

  const back = (
    <a className="kern-link ap-back" href={hrefFor({ name: 'inbox', view: inboxState.lastView })}>
      <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
      {t('vorgang.back')}
    </a>
  );

  if (v === undefined) {
    return (
      <div className="ap-vorgang">
        {back}
        <p className="kern-body">{t('vorgang.loading')}</p>
      </div>
    );
  }
  if (v === null) {
    return (
      <div className="ap-vorgang">
        {back}
        <h1 className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
          {t('vorgang.notFound')}
        </h1>
      </div>
    );
  }
  return <VorgangWorkspace v={v} back={back} headingRef={headingRef} />;
}

/** The loaded Vorgang: header with overview and actions, then the panes. */
function VorgangWorkspace({
  v,
  back,
  headingRef,
}: {
  v: Vorgang;
  back: ReactNode;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, session, lookups, today } = useWorkspace();
  const user = session.user;
  const def = lookups.verfahren.get(v.verfahrenId);
  const absences = useAssigneeAbsences(db, v.assigneeId);
  // A Vorgang verfügt z.d.A. is read-only for everyone (only the lead's Wiederaufnahme remains);
  // one handed to another authority for good.
  const mayWork = !isReadOnly(v) && workBlocker(user, v, absences, today) === null;
  const { prueflisteVersion, pruefliste: prueflisteState, antragsdaten } = v;
  const pruefliste = useMemo(
    () =>
      def === undefined
        ? undefined
        : vorgangPruefliste(def, { prueflisteVersion, pruefliste: prueflisteState, antragsdaten }, today),
    [def, prueflisteVersion, prueflisteState, antragsdaten, today],
  );
  const { run, feedback } = useMutationFeedback();
  const [pane, setPane, tabsRef] = usePane();
  const assignee =
    v.assigneeId === null ? t('inbox.unassigned') : (lookups.users.get(v.assigneeId)?.displayName ?? t('user.unknown'));

  return (
    <article className="ap-vorgang" data-testid="vorgang" data-vorgang-id={v.id} data-version={v.version}>
      {back}
      <header className="ap-vorgang__header">
        <h1 className="kern-heading-large" ref={headingRef} tabIndex={-1} data-testid="vorgang-aktenzeichen">
          {v.aktenzeichen}
        </h1>
        <p className="kern-subline">{def ? localized(def.name, lang) : v.verfahrenId}</p>
      </header>

      <section aria-labelledby="vg-overview" className="ap-section">
        <h2 id="vg-overview" className="kern-heading-medium">
          {t('vorgang.overview')}
        </h2>
        <dl className="kern-description-list ap-overview">
          <Item label={t('vorgang.status')} testId="vorgang-status">
            <span className="ap-status" data-status={v.status}>
              {t(`status.${v.status}`)}
            </span>
          </Item>
          <Item label={t('vorgang.frist')} testId="vorgang-frist">
            <FristText frist={v.frist} v={v} />
          </Item>
          <Item label={t('vorgang.assignee')} testId="vorgang-assignee">
            {assignee}
          </Item>
          <Item label={t('vorgang.receivedAt')}>{formatDateTime(v.receivedAt, lang)}</Item>
          <Item label={t('wiedervorlage.heading')} testId="vorgang-wiedervorlage">
            {v.wiedervorlage
              ? t('wiedervorlage.current', { date: formatDate(v.wiedervorlage.date, lang) })
              : t('wiedervorlage.none')}
          </Item>
          {v.nachforderung && (
            <Item label={t('workspace.nachforderung.label')} testId="vorgang-nachforderung">
              <span className="ap-stack ap-stack--tight">
                <span>
                  {t('workspace.nachforderung.running', {
                    frist: formatDate(v.nachforderung.frist, lang),
                    requested: formatDateTime(v.nachforderung.requestedAt, lang),
                  })}{' '}
                  <FristText frist={v.nachforderung.frist} v={v} hideDate />
                </span>
                <span className="ap-multiline">{v.nachforderung.text}</span>
              </span>
            </Item>
          )}
        </dl>
      </section>

      <section aria-labelledby="vg-actions" className="ap-section">
        <h2 id="vg-actions" className="kern-heading-medium">
          {t('vorgang.actions')}
        </h2>
        <FeedbackRegion feedback={feedback} testId="vorgang-feedback" />
        {isHandedOver(v) && (
          <p className="kern-body" data-testid="abgabe-pending">
            {t('workspace.abgabe.pendingPlain')}
          </p>
        )}
        <div className="ap-action-groups">
          {!isReadOnly(v) && <AssignmentActions v={v} mayWork={mayWork} run={run} />}
          <StatusActions
            v={v}
            mayWork={mayWork}
            pruefliste={pruefliste}
            run={run}
            onShowPruefliste={() => setPane('pruefliste', { focus: true })}
          />
        </div>
        {!mayWork && v.assigneeId !== null && <p className="kern-body">{t('workspace.assign.mayNotWork')}</p>}
      </section>

      <WiedervorlageSection v={v} mayWork={mayWork} run={run} />

      {!isHandedOver(v) && <ZdaSection v={v} mayWork={mayWork} run={run} />}

      <VorgangPanes
        v={v}
        def={def}
        pruefliste={pruefliste}
        mayWork={mayWork}
        pane={pane}
        onPane={(p) => setPane(p)}
        tabsRef={tabsRef}
      />
    </article>
  );
}

/** A Frist with days left or overdue; `hideDate` for a line that names the date already. */
function FristText({ frist, v, hideDate = false }: { frist: string; v: Vorgang; hideDate?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { today } = useWorkspace();
  const state = fristState(frist, today);
  const date = hideDate ? '' : formatDate(frist, lang);
  // A Frist of finished work no longer runs: just the date.
  if (!state || (state.kind === 'overdue' && !isOverdue(frist, v.status, today))) return <>{date}</>;
  if (state.kind === 'overdue') {
    return (
      <span className="ap-overdue">
        {date} <span className="ap-tag ap-tag--danger">{t('vorgang.overdueBy', { count: state.days })}</span>
      </span>
    );
  }
  const left = state.kind === 'today' ? t('vorgang.dueToday') : t('vorgang.daysLeft', { count: state.days });
  return <>{hideDate ? `(${left})` : `${date} (${left})`}</>;
}
