import { useId, useState, type SyntheticEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  NACHFORDERUNG_TEXT_MAX,
  nachforderungInput,
  type VorgangPruefliste,
  type Vorgang,
} from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import type { RunMutation } from './feedback.tsx';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { nextDay } from './nachforderung.ts';
import { openItemLabels } from './pruefliste-view.ts';
import { statusActionsFor } from './status-actions.ts';

/**
 * The next steps the status table gives the generic status change (manual edges only: the
 * Freigabe, seal and dispatch have their own commands and places), plus the Nachforderung
 * workflow. The step
 * to `entscheidungsreif` stays disabled while the Prüfliste is incomplete, with the open
 * items named beside it.
 */
export function StatusActions(p: {
  v: Vorgang;
  mayWork: boolean;
  pruefliste: VorgangPruefliste | undefined;
  run: RunMutation;
  onShowPruefliste: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const blockedId = useId();
  const { v, run } = p;
  if (!p.mayWork) return null;

  const { buttons: next, requestNachforderung: mayRequest, endNachforderung: mayEnd } = statusActionsFor(v.status);
  const incomplete = p.pruefliste !== undefined && !p.pruefliste.completeness.complete;
  const open = p.pruefliste && incomplete ? openItemLabels(p.pruefliste, lang) : undefined;

  return (
    <section aria-labelledby="vg-status-actions" className="ap-action-group">
      <h3 id="vg-status-actions" className="kern-heading-small">
        {t('workspace.status.heading')}
      </h3>
      <div className="ap-actions">
        {next.map((s) => {
          const blocked = s === 'entscheidungsreif' && incomplete;
          return (
            <Button
              key={s}
              className="kern-btn kern-btn--secondary"
              isDisabled={blocked}
              {...(blocked ? { 'aria-describedby': blockedId } : {})}
              onPress={() => void run('changeStatus', { vorgangId: v.id, to: s })}
            >
              <span className="kern-label">{t('vorgang.changeStatusTo', { status: t(`status.${s}`) })}</span>
            </Button>
          );
        })}
        {mayRequest && <NachforderungDialog v={v} run={run} />}
        {mayEnd && (
          <Button
            className="kern-btn kern-btn--secondary"
            onPress={() => void run('changeStatus', { vorgangId: v.id, to: 'in_bearbeitung' })}
          >
            <span className="kern-label">{t('workspace.nachforderung.end')}</span>
          </Button>
        )}
      </div>
      {next.length === 0 && !mayEnd && !mayRequest && <p className="kern-body">{t('vorgang.noNextStatus')}</p>}
      {open && next.includes('entscheidungsreif') && (
        <div className="ap-blocked" id={blockedId} data-testid="status-blocked">
          <p className="kern-body">
            {t('workspace.status.blocked', { status: t('status.entscheidungsreif') })}
            {open.missing.length > 0 && <> {t('workspace.status.openItems', { items: open.missing.join(', ') })}</>}
            {open.unexplained.length > 0 && (
              <> {t('workspace.status.unexplained', { items: open.unexplained.join(', ') })}</>
            )}
          </p>
          <Button className="kern-btn kern-btn--tertiary kern-btn--small" onPress={p.onShowPruefliste}>
            <span className="kern-label">{t('workspace.status.toPruefliste')}</span>
          </Button>
        </div>
      )}
    </section>
  );
}

function NachforderungDialog({ v, run }: { v: Vorgang; run: RunMutation }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      testId="nachforderung-dialog"
      title={t('workspace.nachforderung.title')}
      trigger={
        <Button className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('workspace.nachforderung.request')}</span>
        </Button>
      }
    >
      {(close) => <NachforderungForm v={v} run={run} close={close} />}
    </ModalDialog>
  );
}

function NachforderungForm({ v, run, close }: { v: Vorgang; run: RunMutation; close: () => void }) {
  const { t } = useTranslation();
  const { today } = useWorkspace();
  const [frist, setFrist] = useState('');
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const check = nachforderungInput(frist, text, today);
  const error = attempted && !check.ok ? check.error : null;

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (!check.ok) return;
    if (await run('requestNachforderung', { vorgangId: v.id, ...check.value })) close();
  };

  return (
    <Form validationBehavior="aria" onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body ap-stack">
        <p className="kern-body">{t('workspace.nachforderung.intro')}</p>
        <TextField
          className="kern-form-input"
          type="date"
          value={frist}
          onChange={setFrist}
          isInvalid={error === 'frist_invalid'}
          isRequired
          autoFocus
        >
          <Label className="kern-label">{t('workspace.nachforderung.frist')}</Label>
          <Input className="kern-form-input__input ap-date" min={nextDay(today)} data-testid="nachforderung-frist" />
          <FieldError className="kern-error">{t('workspace.nachforderung.fristInvalid')}</FieldError>
        </TextField>
        <TextField
          className="kern-form-input"
          value={text}
          onChange={setText}
          isInvalid={error === 'text_required'}
          isRequired
          maxLength={NACHFORDERUNG_TEXT_MAX}
        >
          <Label className="kern-label">{t('workspace.nachforderung.text')}</Label>
          <TextArea className="kern-form-input__input ap-textarea" rows={4} />
          <FieldError className="kern-error">{t('workspace.nachforderung.textRequired')}</FieldError>
        </TextField>
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={close}>
          <span className="kern-label">{t('workspace.common.cancel')}</span>
        </Button>
        <Button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('workspace.nachforderung.submit')}</span>
        </Button>
      </footer>
    </Form>
  );
}
