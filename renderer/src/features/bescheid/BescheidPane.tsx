import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { hasRole, type Bescheid, type Vorgang, type VorgangStatus } from '../../../../shared/domain/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import '../../styles/bescheid.css';
import { bescheidApi } from './api.ts';
import { authorityMissingKey, useAuthority } from './authority.ts';
import { loadErrorText } from './template-error.ts';
import { BescheidEditor, type EditorStart } from './BescheidEditor.tsx';
import { BescheidView } from './BescheidView.tsx';
import { useVorgangBescheid, writeDraft } from './data.ts';
import { EDITABLE_STATES, mergeDraft, type BescheidDraftRow } from './draft.ts';
import { FreigabeDecision } from './FreigabeDecision.tsx';
import { AfterUmlauf, UmlaufSection } from './UmlaufSection.tsx';
import type { BescheidForm } from './form.ts';
import { previewLetter } from './preview-letter.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { bescheidRegistries, type BescheidRegistries } from './resources.ts';
import { SealedBescheid } from './SealedBescheid.tsx';
import { ruleFee } from './start.ts';
import { StartBescheid } from './StartBescheid.tsx';
import { FeedbackRegion, useErrorText, type Feedback } from './ui.tsx';

/** Vorgang statuses in which a new Bescheid can be started (the server's saveBescheid rule). */
const STARTABLE: ReadonlySet<VorgangStatus> = new Set(['entscheidungsreif', 'zurueckgegeben']);

/**
 * The Bescheid of a Vorgang in the workspace, through its life: start from a Textvorlage, edit
 * with live preview and autosave, submit, wait for the Freigabe (or approve it, as the lead),
 * take back a returned draft, and download and check the sealed PDF. `mayWork`: whether the
 * user may work on the Vorgang (assignee, lead, deputy) — only they edit and submit.
 */
export function BescheidPane({ vorgang, mayWork }: { vorgang: Vorgang; mayWork: boolean }) {
  const { t } = useTranslation();
  const { db } = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [focusHeading, setFocusHeading] = useState(false);
  const registries = useMemo(() => bescheidRegistries(), []);
  const data = useVorgangBescheid(db, vorgang.id);
  const state = data?.bescheid?.state;

  // After submitting, the editor (and the focused button) is gone: the heading takes the focus.
  useEffect(() => {
    if (!focusHeading) return;
    headingRef.current?.focus();
    setFocusHeading(false);
  }, [focusHeading, state]);

  let body;
  if (!registries.ok) {
    body = (
      <Alert kind="danger" title={t('bescheid.loadFailed')}>
        {loadErrorText(t, registries.error)}
      </Alert>
    );
  } else if (data === undefined) {
    body = <p className="kern-body">{t('bescheid.loading')}</p>;
  } else {
    body = (
      <PaneBody
        vorgang={vorgang}
        mayWork={mayWork}
        registries={registries.value}
        bescheid={data.bescheid}
        draft={data.draft}
        onSubmitted={() => setFocusHeading(true)}
      />
    );
  }

  return (
    <section
      aria-labelledby="vg-bescheid"
      className="ap-section ap-bescheid"
      data-testid="bescheid"
      data-state={state ?? 'none'}
    >
      <h2 id="vg-bescheid" className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
        {t('bescheid.heading')}
      </h2>
      {body}
    </section>
  );
}

function PaneBody(p: {
  vorgang: Vorgang;
  mayWork: boolean;
  registries: BescheidRegistries;
  bescheid: Bescheid | undefined;
  draft: BescheidDraftRow | undefined;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation();
  const { db } = useWorkspace();
  const justStarted = useRef(false);
  const { vorgang, bescheid, draft, registries } = p;

  if (bescheid === undefined || EDITABLE_STATES.has(bescheid.state)) {
    const fee = ruleFee(registries, vorgang);
    const merged = mergeDraft(bescheid, draft, fee.ok ? fee.value.cents : null);
    if (merged.kind === 'none') {
      if (!p.mayWork) return <p className="kern-body">{t('bescheid.none')}</p>;
      if (!STARTABLE.has(vorgang.status)) {
        return (
          <p className="kern-body" data-testid="bescheid-not-ready">
            {t('bescheid.notReady', { status: t('status.entscheidungsreif') })}
          </p>
        );
      }
      const start = (form: BescheidForm) => {
        justStarted.current = true;
        void writeDraft(db, {
          bescheidId: crypto.randomUUID(),
          vorgangId: vorgang.id,
          form,
          baseVersion: 0,
          updatedAt: new Date().toISOString(),
        });
      };
      return <StartBescheid vorgang={vorgang} registries={registries} onStart={start} />;
    }
    if (!p.mayWork) {
      return bescheid ? (
        <ReadOnly vorgang={vorgang} bescheid={bescheid} registries={registries}>
          <p className="kern-body">{t('bescheid.mayNotWork')}</p>
        </ReadOnly>
      ) : (
        <p className="kern-body">{t('bescheid.none')}</p>
      );
    }
    const bescheidId = bescheid?.id ?? draft?.bescheidId;
    if (bescheidId === undefined) return null;
    const start: EditorStart = {
      form: merged.form,
      baseVersion: merged.kind === 'stored' ? (bescheid?.version ?? 0) : (draft?.baseVersion ?? 0),
      conflict: merged.kind === 'conflict' ? merged.stored : null,
      unsaved: merged.kind === 'draft',
    };
    return (
      <BescheidEditor
        key={bescheidId}
        vorgang={vorgang}
        bescheidId={bescheidId}
        stored={bescheid}
        start={start}
        registries={registries}
        onSubmitted={p.onSubmitted}
        focusOnMount={justStarted.current}
      />
    );
  }

  return <Submitted vorgang={vorgang} bescheid={bescheid} registries={registries} mayWork={p.mayWork} />;
}

function Submitted({
  vorgang,
  bescheid,
  registries,
  mayWork,
}: {
  vorgang: Vorgang;
  bescheid: Bescheid;
  registries: BescheidRegistries;
  mayWork: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { lookups } = useWorkspace();
  const name = (id: string) => lookups.users.get(id)?.displayName ?? t('bescheid.unknownPerson');

  switch (bescheid.state) {
    case 'eingereicht':
      return (
        <ReadOnly vorgang={vorgang} bescheid={bescheid} registries={registries}>
          <Alert kind="info" title={t('bescheid.submitted.title')} testId="bescheid-status">
            {t('bescheid.submitted.text', {
              author: name(bescheid.authorId),
              time: bescheid.submittedAt ? formatDateTime(bescheid.submittedAt, lang) : '—',
            })}
          </Alert>
          <AfterUmlauf bescheid={bescheid}>
            <FreigabeDecision bescheid={bescheid} />
          </AfterUmlauf>
        </ReadOnly>
      );
    case 'freigegeben':
      return (
        <ReadOnly vorgang={vorgang} bescheid={bescheid} registries={registries}>
          <Alert kind="success" title={t('bescheid.approved.title')} testId="bescheid-status">
            {bescheid.approval
              ? t('bescheid.approved.text', {
                  approver: name(bescheid.approval.by),
                  time: formatDateTime(bescheid.approval.at, lang),
                })
              : t('bescheid.approved.title')}
          </Alert>
          <SealRetry bescheid={bescheid} />
        </ReadOnly>
      );
    default:
      return (
        <div className="ap-stack">
          <Alert kind="success" title={t('bescheid.sealed.title')} testId="bescheid-status">
            {bescheid.approval
              ? t('bescheid.approved.text', {
                  approver: name(bescheid.approval.by),
                  time: formatDateTime(bescheid.approval.at, lang),
                })
              : t('bescheid.sealed.title')}
          </Alert>
          <SealedBescheid vorgang={vorgang} bescheid={bescheid} mayWork={mayWork} />
          <details className="ap-bescheid-details">
            <summary>{t('bescheid.showContent')}</summary>
            <BescheidView content={bescheid.content} registries={registries} />
          </details>
        </div>
      );
  }
}

/** The content read-only beside its preview, with the state's message and actions on top. */
function ReadOnly({
  vorgang,
  bescheid,
  registries,
  children,
}: {
  vorgang: Vorgang;
  bescheid: Bescheid;
  registries: BescheidRegistries;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { db, lookups, today } = useWorkspace();
  const authority = useAuthority(db);
  const missing = authorityMissingKey(authority);
  const letter =
    authority.kind === 'ready'
      ? previewLetter(bescheid.content, {
          aktenzeichen: vorgang.aktenzeichen,
          sachbearbeitung: lookups.users.get(bescheid.authorId)?.displayName ?? t('bescheid.unknownPerson'),
          datum: today,
          authority: authority.authority,
        })
      : null;
  return (
    <div className="ap-bescheid-editor">
      <div className="ap-bescheid-editor__text ap-stack">
        {children}
        <UmlaufSection bescheid={bescheid} />
        <BescheidView content={bescheid.content} registries={registries} />
      </div>
      <PreviewPanel
        letter={letter}
        title={t('bescheid.preview.frameTitle', { aktenzeichen: vorgang.aktenzeichen })}
        unavailable={missing && t(missing)}
      />
    </div>
  );
}

/**
 * The server seals right after the Freigabe; when that failed (seal service down), the author
 * or a lead of the unit can ask again.
 */
function SealRetry({ bescheid }: { bescheid: Bescheid }) {
  const { t } = useTranslation();
  const { session, handle } = useWorkspace();
  const errorText = useErrorText();
  const id = useId();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, setBusy] = useState(false);
  const user = session.user;
  const may = user.id === bescheid.authorId || (hasRole(user, 'lead') && user.orgUnitId === bescheid.orgUnitId);
  if (!may) return null;
  const retry = async () => {
    setBusy(true);
    const r = await bescheidApi(session).call('bescheidSeal', { query: { bescheidId: bescheid.id } });
    setBusy(false);
    if (r.ok) {
      handle.syncNow();
      setFeedback({ kind: 'success', text: t('bescheid.approved.sealRequested') });
    } else {
      setFeedback({ kind: 'danger', text: t('bescheid.approved.sealFailed', { reason: errorText(r.error) }) });
    }
  };
  return (
    <div className="ap-stack ap-bescheid-tight">
      <p className="kern-body ap-muted" id={id}>
        {t('bescheid.approved.sealing')}
      </p>
      <FeedbackRegion feedback={feedback} testId="bescheid-seal-feedback" />
      <div>
        <Button
          className="kern-btn kern-btn--tertiary kern-btn--small"
          isDisabled={busy}
          aria-describedby={id}
          onPress={() => void retry()}
          data-testid="bescheid-seal-retry"
        >
          <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
          <span className="kern-label">{t('bescheid.approved.sealRetry')}</span>
        </Button>
      </div>
    </div>
  );
}
