import { useState, type SyntheticEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isoDate, type Vorgang } from '../../../../shared/domain/index.ts';
import type { RunMutation } from './feedback.tsx';

/** Set or clear the follow-up date; only the assignee or the lead may (the server re-checks). */
export function WiedervorlageSection({ v, mayWork, run }: { v: Vorgang; mayWork: boolean; run: RunMutation }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(v.wiedervorlage?.date ?? '');
  const [note, setNote] = useState(v.wiedervorlage?.note ?? '');
  const [attempted, setAttempted] = useState(false);
  const valid = isoDate.safeParse(date).success;

  if (!mayWork) return null;

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (!valid) return;
    const trimmed = note.trim();
    void run('setWiedervorlage', trimmed ? { vorgangId: v.id, date, note: trimmed } : { vorgangId: v.id, date });
  };

  return (
    <section aria-labelledby="vg-wiedervorlage" className="ap-section">
      <h2 id="vg-wiedervorlage" className="kern-heading-medium">
        {t('wiedervorlage.heading')}
      </h2>
      <Form validationBehavior="aria" onSubmit={submit} className="ap-stack ap-wv-form">
        <TextField
          className="kern-form-input"
          type="date"
          value={date}
          onChange={setDate}
          isInvalid={attempted && !valid}
        >
          <Label className="kern-label">{t('wiedervorlage.date')}</Label>
          <Input className="kern-form-input__input ap-date" data-testid="wiedervorlage-date" />
          <FieldError className="kern-error">{t('wiedervorlage.dateRequired')}</FieldError>
        </TextField>
        <TextField className="kern-form-input" value={note} onChange={setNote} maxLength={500}>
          <Label className="kern-label">{t('wiedervorlage.note')}</Label>
          <Input className="kern-form-input__input" data-testid="wiedervorlage-note" />
        </TextField>
        <div className="ap-actions">
          <Button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('wiedervorlage.set')}</span>
          </Button>
          {v.wiedervorlage && (
            <Button
              className="kern-btn kern-btn--tertiary"
              onPress={() => {
                setDate('');
                setNote('');
                void run('clearWiedervorlage', { vorgangId: v.id });
              }}
            >
              <span className="kern-label">{t('wiedervorlage.clear')}</span>
            </Button>
          )}
        </div>
      </Form>
    </section>
  );
}
