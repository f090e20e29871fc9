import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { applicantName, manualNextStatuses, type Vorgang } from '../../../../shared/domain/index.ts';
import { isLeadOf } from '../../../../shared/mutators/guards.ts';
import type { MutationArgs, MutationName } from '../../../../shared/mutators/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { hrefFor } from '../../app/router.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime, todayIso } from '../../i18n/format.ts';
import { AntragsdatenView } from './AntragsdatenView.tsx';
import { localized } from './format-field.ts';
import { fristState, isOverdue } from './frist.ts';
import { NotesSection } from './NotesSection.tsx';
import { WiedervorlageSection } from './WiedervorlageSection.tsx';

export type RunMutation = <N extends MutationName>(name: N, args: MutationArgs<N>) => Promise<boolean>;

type Feedback = { kind: 'success' | 'danger'; text: string } | null;

export function VorgangScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, handle, session, lookups, inboxState, source } = useWorkspace();
  const live = useLiveQuery(async () => (await db.vorgaenge.get(id)) ?? null, [db, id]);
  // While the initial sync writes page after page, a liveQuery may not answer for a while
  // (each write restarts it); the inbox's row cache usually has the row already.
  useSyncExternalStore(source.subscribe, source.getSnapshot);
  const v = live !== undefined ? live : source.cachedRow(id);
  useEffect(() => {
    void source.loadRows([id], true);
  }, [source, id]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const loaded = v !== undefined;
  useDocumentTitle(v ? `${v.aktenzeichen} – ${t('app.name')}` : null);

  useEffect(() => {
    if (loaded) headingRef.current?.focus({ preventScroll: true });
  }, [loaded]);

  const run: RunMutation = async (name, args) => {
    const r = await handle.mutate(name, args);
    setFeedback(
      r.ok ? { kind: 'success', text: t('vorgang.done') } : { kind: 'danger', text: t(`errors.${r.error.code}`) },
    );
    return r.ok;
  };

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

  const user = session.user;
  const def = lookups.verfahren.get(v.verfahrenId);
  const mayWork = v.assigneeId === user.id || isLeadOf(user, v);
  const assignee =
    v.assigneeId === null ? t('inbox.unassigned') : (lookups.users.get(v.assigneeId)?.displayName ?? t('user.unknown'));
  const next = manualNextStatuses(v.status);

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
            <FristText v={v} />
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
        </dl>
      </section>

      <section aria-labelledby="vg-actions" className="ap-section">
        <h2 id="vg-actions" className="kern-heading-medium">
          {t('vorgang.actions')}
        </h2>
        <div aria-live="polite" data-testid="vorgang-feedback">
          {feedback && (
            <Alert kind={feedback.kind} announce={false}>
              {feedback.text}
            </Alert>
          )}
        </div>
        <div className="ap-actions">
          {v.assigneeId === null && (
            <Button className="kern-btn kern-btn--primary" onPress={() => void run('claim', { vorgangId: v.id })}>
              <span className="kern-label">{t('vorgang.claim')}</span>
            </Button>
          )}
          {mayWork &&
            next.map((s) => (
              <Button
                key={s}
                className="kern-btn kern-btn--secondary"
                onPress={() => void run('changeStatus', { vorgangId: v.id, to: s })}
              >
                <span className="kern-label">{t('vorgang.changeStatusTo', { status: t(`status.${s}`) })}</span>
              </Button>
            ))}
        </div>
        {mayWork && next.length === 0 && <p className="kern-body">{t('vorgang.noNextStatus')}</p>}
        {!mayWork && v.assigneeId !== null && <p className="kern-body">{t('vorgang.mayNotWork')}</p>}
      </section>

      <WiedervorlageSection v={v} mayWork={mayWork} run={run} />

      <section aria-labelledby="vg-applicant" className="ap-section">
        <h2 id="vg-applicant" className="kern-heading-medium">
          {t('vorgang.applicant')}
        </h2>
        <dl className="kern-description-list">
          <Item label={t('vorgang.name')}>{applicantName(v.applicant)}</Item>
          <Item label={t('vorgang.address')}>
            {[v.applicant.street, `${v.applicant.postalCode} ${v.applicant.city}`.trim()].filter(Boolean).join(', ')}
          </Item>
          {v.applicant.email && <Item label={t('vorgang.email')}>{v.applicant.email}</Item>}
        </dl>
      </section>

      <AntragsdatenView v={v} def={def} lang={lang} />
      <NotesSection vorgangId={v.id} run={run} />
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

function FristText({ v }: { v: Vorgang }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const today = todayIso();
  const state = fristState(v.frist, today);
  const date = formatDate(v.frist, lang);
  // A Frist of finished work no longer runs: just the date.
  if (!state || (state.kind === 'overdue' && !isOverdue(v.frist, v.status, today))) return <>{date}</>;
  if (state.kind === 'overdue') {
    return (
      <span className="ap-overdue">
        {date} <span className="ap-tag ap-tag--danger">{t('vorgang.overdueBy', { count: state.days })}</span>
      </span>
    );
  }
  return (
    <>
      {date} ({state.kind === 'today' ? t('vorgang.dueToday') : t('vorgang.daysLeft', { count: state.days })})
    </>
  );
}
