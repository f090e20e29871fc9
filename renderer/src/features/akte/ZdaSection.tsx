import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type SyntheticEvent } from 'react';
import {
  Button,
  FieldError,
  Form,
  Label,
  RadioButton,
  RadioField,
  RadioGroup,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ABSCHLUSS_GRUENDE, isClosed, zdaBlocker, type AbschlussGrund } from '../../../../shared/domain/akte.ts';
import { hasRole, type Vorgang } from '../../../../shared/domain/index.ts';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { hrefFor } from '../../app/router.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate } from '../../i18n/format.ts';
import type { RunMutation } from '../vorgang/index.ts';

/**
 * The Vorgang's place in the E-Akte: its Fallakte (link), z.d.A. verfügen for whoever may
 * work it — checked by the same rule as the server's, and only once nothing for the Vorgang
 * waits in the outbox — and, once concluded, the retention and the lead's Wiederaufnahme.
 */
export function ZdaSection({ v, mayWork, run }: { v: Vorgang; mayWork: boolean; run: RunMutation }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, session } = useWorkspace();
  const akte = useLiveQuery(() => db.akten.get(v.id), [db, v.id]);
  const closed = isClosed(v);
  const isLead = hasRole(session.user, 'lead') && session.user.orgUnitId === v.orgUnitId;

  return (
    <section aria-labelledby="vg-akte" className="ap-section" data-testid="zda-section">
      <h2 id="vg-akte" className="kern-heading-medium">
        {t('akte.zda.heading')}
      </h2>
      {closed && akte?.abschluss ? (
        <p className="kern-body" data-testid="zda-state">
          {t('akte.zda.closed', {
            date: formatDate(akte.abschluss.am, lang),
            grund: t(`akte.grund.${akte.abschluss.grund}`),
            bis: akte.aufbewahrungBis ? formatDate(akte.aufbewahrungBis, lang) : t('akte.retentionUnknown'),
          })}
        </p>
      ) : (
        <p className="kern-body">{t('akte.zda.laufend', { aktenzeichen: v.aktenzeichen })}</p>
      )}
      <div className="ap-actions">
        {akte && (
          <a className="kern-link" href={hrefFor({ name: 'akte', id: akte.id })} data-testid="open-akte">
            {t('akte.zda.openAkte')}
          </a>
        )}
        {!closed && mayWork && <ZdaDialog v={v} run={run} />}
        {closed && isLead && <WiederaufnahmeDialog v={v} run={run} />}
      </div>
    </section>
  );
}

function ZdaDialog({ v, run }: { v: Vorgang; run: RunMutation }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      testId="zda-dialog"
      title={t('akte.zda.dialogTitle')}
      trigger={
        <Button className="kern-btn kern-btn--secondary" data-testid="zda-open">
          <span className="kern-label">{t('akte.zda.button')}</span>
        </Button>
      }
    >
      {(close) => <ZdaForm v={v} run={run} close={close} />}
    </ModalDialog>
  );
}

function ZdaForm({ v, run, close }: { v: Vorgang; run: RunMutation; close: () => void }) {
  const { t } = useTranslation();
  const { db } = useWorkspace();
  const [grund, setGrund] = useState<AbschlussGrund>(v.status === 'versandt' ? 'bescheid_versandt' : 'ruecknahme');
  const [begruendung, setBegruendung] = useState('');
  const [attempted, setAttempted] = useState(false);
  // The outbox is the client's own knowledge: an unsent change must not be overtaken by z.d.A.
  const pending = useLiveQuery(
    () =>
      db.outbox
        .filter(
          (e) => typeof e.args === 'object' && e.args !== null && 'vorgangId' in e.args && e.args.vorgangId === v.id,
        )
        .count(),
    [db, v.id],
    0,
  );
  const text = begruendung.trim() === '' ? null : begruendung;
  const blocker = zdaBlocker(v, grund, text);
  const shown = blocker === 'begruendung_missing' && !attempted ? null : blocker;

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (blocker !== null || pending > 0) return;
    if (await run('verfuegeZda', { vorgangId: v.id, grund, begruendung: text })) close();
  };

  return (
    <Form validationBehavior="aria" onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body ap-stack">
        <p className="kern-body">{t('akte.zda.intro')}</p>
        <RadioGroup
          className="kern-fieldset"
          value={grund}
          onChange={(g) => setGrund(g as AbschlussGrund)}
          data-testid="zda-grund"
        >
          <Label className="kern-label">{t('akte.zda.grund')}</Label>
          <div className="ap-stack ap-stack--tight">
            {ABSCHLUSS_GRUENDE.map((g) => (
              <RadioField key={g} value={g}>
                <RadioButton className="ap-radio">{t(`akte.grund.${g}`)}</RadioButton>
              </RadioField>
            ))}
          </div>
        </RadioGroup>
        {grund !== 'bescheid_versandt' && (
          <TextField
            className="kern-form-input"
            value={begruendung}
            onChange={setBegruendung}
            isRequired
            maxLength={1000}
            isInvalid={attempted && blocker === 'begruendung_missing'}
          >
            <Label className="kern-label">{t('akte.zda.begruendung')}</Label>
            <TextArea className="kern-form-input__input ap-textarea" rows={3} data-testid="zda-begruendung" />
            <FieldError className="kern-error">{t('akte.zda.blocker.begruendung_missing')}</FieldError>
          </TextField>
        )}
        {shown !== null && shown !== 'begruendung_missing' && (
          <p className="kern-body ap-blocked" role="status" data-testid="zda-blocker">
            {t(`akte.zda.blocker.${shown}`)}
          </p>
        )}
        {pending > 0 && (
          <p className="kern-body ap-blocked" role="status" data-testid="zda-pending">
            {t('akte.zda.pending')}
          </p>
        )}
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={close}>
          <span className="kern-label">{t('akte.zda.cancel')}</span>
        </Button>
        <Button
          type="submit"
          className="kern-btn kern-btn--primary"
          isDisabled={pending > 0 || (blocker !== null && blocker !== 'begruendung_missing')}
          data-testid="zda-submit"
        >
          <span className="kern-label">{t('akte.zda.submit')}</span>
        </Button>
      </footer>
    </Form>
  );
}

function WiederaufnahmeDialog({ v, run }: { v: Vorgang; run: RunMutation }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      testId="wiederaufnahme-dialog"
      title={t('akte.wiederaufnahme.dialogTitle')}
      trigger={
        <Button className="kern-btn kern-btn--secondary" data-testid="wiederaufnahme-open">
          <span className="kern-label">{t('akte.wiederaufnahme.button')}</span>
        </Button>
      }
    >
      {(close) => <WiederaufnahmeForm v={v} run={run} close={close} />}
    </ModalDialog>
  );
}

function WiederaufnahmeForm({ v, run, close }: { v: Vorgang; run: RunMutation; close: () => void }) {
  const { t } = useTranslation();
  const [begruendung, setBegruendung] = useState('');
  const [attempted, setAttempted] = useState(false);
  const missing = begruendung.trim() === '';
  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (missing) return;
    if (await run('wiederaufnehmen', { vorgangId: v.id, begruendung: begruendung.trim() })) close();
  };
  return (
    <Form validationBehavior="aria" onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body ap-stack">
        <p className="kern-body">{t('akte.wiederaufnahme.intro')}</p>
        <TextField
          className="kern-form-input"
          value={begruendung}
          onChange={setBegruendung}
          isRequired
          maxLength={1000}
          isInvalid={attempted && missing}
          autoFocus
        >
          <Label className="kern-label">{t('akte.wiederaufnahme.begruendung')}</Label>
          <TextArea className="kern-form-input__input ap-textarea" rows={3} data-testid="wiederaufnahme-begruendung" />
          <FieldError className="kern-error">{t('akte.wiederaufnahme.required')}</FieldError>
        </TextField>
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={close}>
          <span className="kern-label">{t('akte.zda.cancel')}</span>
        </Button>
        <Button type="submit" className="kern-btn kern-btn--primary" data-testid="wiederaufnahme-submit">
          <span className="kern-label">{t('akte.wiederaufnahme.submit')}</span>
        </Button>
      </footer>
    </Form>
  );
}
