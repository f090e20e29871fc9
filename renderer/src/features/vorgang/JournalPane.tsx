import { commandLabel } from '../../i18n/commands.ts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Dokument, JournalEvent, VerfahrenDef, Vorgang } from '../../../../shared/domain/index.ts';
import { prueflisteFor } from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useSyncStatus } from '../../sync/index.ts';
import { useJournal, type JournalView } from './data.ts';
import { FeedbackRegion, useErrorText, type Feedback } from './feedback.tsx';
import { localized } from './format-field.ts';
import { actionLabel, newestFirst, offlineCapturedAt, summaryLines, type JournalTexts } from './journal-format.ts';

/**
 * The Vorgang's journal from the server (cached for offline use), newest first, with this
 * device's actions not yet transferred on top and the result of the hash-chain check.
 */
export function JournalPane({
  v,
  def,
  dokumente,
}: {
  v: Vorgang;
  def: VerfahrenDef | undefined;
  dokumente: readonly Dokument[];
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, handle, lookups } = useWorkspace();
  const sync = useSyncStatus(db);
  const errorText = useErrorText();
  const journal = useJournal(db, v.id);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, setBusy] = useState(false);
  const offline = sync.state === 'offline';

  const refresh = useCallback(async () => {
    setBusy(true);
    setFeedback({ kind: 'info', lines: [t('workspace.journal.refreshing')] });
    const r = await handle.refreshJournal(v.id);
    setBusy(false);
    if (r.ok) setFeedback({ kind: 'success', lines: [t('workspace.journal.refreshed')] });
    else if (r.error.code === 'offline') setFeedback({ kind: 'warning', lines: [t('workspace.journal.offline')] });
    else
      setFeedback({ kind: 'warning', lines: [t('workspace.journal.refreshFailed', { reason: errorText(r.error) })] });
  }, [handle, v.id, t, errorText]);

  // Fetch once when the pane opens; later only on request.
  const fetched = useRef(false);
  useEffect(() => {
    if (fetched.current) return;
    fetched.current = true;
    void refresh();
  }, [refresh]);

  const texts: JournalTexts = useMemo(() => {
    const template = def && v.prueflisteVersion !== null ? prueflisteFor(def, v.prueflisteVersion) : undefined;
    const items = new Map(template?.items.map((i) => [i.id, localized(i.label, lang)]));
    const docs = new Map(dokumente.map((d) => [d.id, d.name]));
    return {
      t,
      lang,
      userName: (id) =>
        id.startsWith('system:')
          ? t('workspace.journal.system')
          : (lookups.users.get(id)?.displayName ?? t('user.unknown')),
      itemLabel: (id) => items.get(id) ?? id,
      dokumentName: (id) => docs.get(id),
    };
  }, [def, v.prueflisteVersion, dokumente, lookups.users, t, lang]);

  const events = newestFirst<JournalEvent>(journal.events);
  return (
    <section aria-labelledby="vg-journal" className="ap-section" data-testid="journal">
      <h2 id="vg-journal" className="kern-heading-medium">
        {t('workspace.journal.heading')}
      </h2>
      <p className="kern-body ap-muted">{t('workspace.journal.intro')}</p>
      <div className="ap-journal__bar">
        <Verification verification={journal.verification} />
        <Button
          className="kern-btn kern-btn--secondary kern-btn--small"
          isDisabled={busy}
          onPress={() => void refresh()}
        >
          <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
          <span className="kern-label">{t('workspace.journal.refresh')}</span>
        </Button>
      </div>
      <FeedbackRegion
        feedback={
          offline && !busy && feedback?.kind !== 'warning'
            ? { kind: 'warning', lines: [t('workspace.journal.offline')] }
            : feedback
        }
        testId="journal-feedback"
      />
      {journal.pending.length === 0 && events.length === 0 ? (
        <p className="kern-body">{t('workspace.journal.none')}</p>
      ) : (
        <ol className="ap-journal" reversed>
          {journal.pending.map((p) => (
            <li
              key={`pending-${p.seq}`}
              className="ap-journal__entry ap-journal__entry--pending"
              data-testid="journal-entry"
              data-pending="true"
              data-action={p.name}
            >
              <p className="kern-body kern-body--bold">
                {commandLabel(p.name, t)}{' '}
                <span className="ap-chip ap-chip--warning">
                  {p.state === 'sent' ? t('workspace.journal.sent') : t('workspace.journal.pending')}
                </span>
              </p>
              <p className="kern-body kern-body--small ap-muted">
                {t('workspace.journal.pendingAt', { time: formatDateTime(p.clientTime, lang) })}
              </p>
            </li>
          ))}
          {events.map((e) => {
            const offlineAt = offlineCapturedAt(e);
            const lines = summaryLines(e.action, e.summary, texts);
            return (
              <li
                key={e.seq}
                className={`ap-journal__entry${e.action === 'rejected' ? ' ap-journal__entry--rejected' : ''}`}
                data-testid="journal-entry"
                data-seq={e.seq}
                data-action={e.action}
              >
                <p className="kern-body kern-body--bold">{actionLabel(e.action, e.summary, t)}</p>
                <p className="kern-body kern-body--small ap-muted">
                  {texts.userName(e.actorId)} · {formatDateTime(e.serverTime, lang)}
                  {offlineAt !== null && (
                    <> · {t('workspace.journal.offlineAt', { time: formatDateTime(offlineAt, lang) })}</>
                  )}
                </p>
                {lines.length > 0 && (
                  <ul className="ap-journal__summary">
                    {lines.map((line, i) => (
                      <li key={i} className="kern-body kern-body--small ap-multiline">
                        {line}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Verification({ verification }: { verification: JournalView['verification'] }) {
  const { t } = useTranslation();
  // An empty chain verifies trivially; saying "checked" would claim more than it means.
  if (verification === null || (verification.ok && verification.count === 0)) {
    return (
      <p className="kern-body" data-testid="journal-verification" data-state="unknown">
        {t('workspace.journal.verification.unknown')}
      </p>
    );
  }
  if (verification.ok) {
    return (
      <p className="kern-body ap-verified" data-testid="journal-verification" data-state="ok">
        <span className="kern-icon kern-icon--success" aria-hidden="true" />{' '}
        {t('workspace.journal.verification.ok', { count: verification.count })}
      </p>
    );
  }
  return (
    <p className="kern-body kern-error" data-testid="journal-verification" data-state="broken">
      {t('workspace.journal.verification.broken', {
        seq: verification.brokenAt,
        reason: t(`workspace.journal.verification.reason.${verification.reason}`),
      })}
    </p>
  );
}
