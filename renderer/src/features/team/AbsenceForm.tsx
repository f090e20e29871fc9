import { useId, useRef, useState, type SyntheticEvent, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/domain/index.ts';
import { hasErrors, validateAbsence, type AbsenceDraft, type AbsenceErrors } from './absences.ts';

interface Props {
  actor: User;
  /** Members of the org unit (possible absentees and deputies). */
  members: readonly User[];
  /** The lead chooses whom the absence is for; everyone else enters their own. */
  forAnyMember: boolean;
  today: string;
  /** Stores the absence; resolves to whether it was accepted. */
  onSubmit: (draft: AbsenceDraft) => Promise<boolean>;
}

type Field = 'userId' | 'from' | 'to' | 'deputyId';

/** Entering an absence: person (lead only), first and last day, deputy from the org unit. */
export function AbsenceForm({ actor, members, forAnyMember, today, onSubmit }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AbsenceDraft>({ userId: actor.id, deputyId: '', from: today, to: today });
  const [attempted, setAttempted] = useState(false);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | HTMLSelectElement | null>>>({});
  const errors: AbsenceErrors = attempted ? validateAbsence(draft, today) : {};
  const deputies = members.filter((m) => m.id !== draft.userId);

  const set = (field: Field, value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    const found = validateAbsence(draft, today);
    if (hasErrors(found)) {
      const first = (['from', 'to', 'deputyId'] as const).find((f) => found[f] !== undefined);
      if (first) refs.current[first]?.focus();
      return;
    }
    if (await onSubmit(draft)) {
      setDraft({ userId: draft.userId, deputyId: '', from: today, to: today });
      setAttempted(false);
    }
  };

  const error = (f: 'from' | 'to' | 'deputyId') => {
    const code = errors[f];
    return code ? t(`team.absences.errors.${code}`) : null;
  };

  return (
    <form className="ap-stack ap-absence-form" noValidate onSubmit={(e) => void submit(e)} data-testid="absence-form">
      {forAnyMember && (
        <Field label={t('team.absences.person')} error={null}>
          {(id, describedBy) => (
            <div className="kern-form-input__select-wrapper">
              <select
                id={id}
                aria-describedby={describedBy}
                className="kern-form-input__select"
                value={draft.userId}
                ref={(el) => {
                  refs.current.userId = el;
                }}
                onChange={(e) => {
                  const userId = e.target.value;
                  setDraft((d) => ({ ...d, userId, deputyId: d.deputyId === userId ? '' : d.deputyId }));
                }}
                data-testid="absence-person"
              >
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            </div>
          )}
        </Field>
      )}
      <div className="ap-absence-form__dates">
        <Field label={t('team.absences.from')} error={error('from')}>
          {(id, describedBy) => (
            <input
              id={id}
              type="date"
              className="kern-form-input__input ap-date"
              aria-describedby={describedBy}
              aria-invalid={errors.from ? true : undefined}
              value={draft.from}
              ref={(el) => {
                refs.current.from = el;
              }}
              onChange={(e) => set('from', e.target.value)}
              data-testid="absence-from"
            />
          )}
        </Field>
        <Field label={t('team.absences.to')} error={error('to')}>
          {(id, describedBy) => (
            <input
              id={id}
              type="date"
              className="kern-form-input__input ap-date"
              aria-describedby={describedBy}
              aria-invalid={errors.to ? true : undefined}
              value={draft.to}
              ref={(el) => {
                refs.current.to = el;
              }}
              onChange={(e) => set('to', e.target.value)}
              data-testid="absence-to"
            />
          )}
        </Field>
      </div>
      <Field label={t('team.absences.deputy')} error={error('deputyId')}>
        {(id, describedBy) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={id}
              className="kern-form-input__select"
              aria-describedby={describedBy}
              aria-invalid={errors.deputyId ? true : undefined}
              value={draft.deputyId}
              ref={(el) => {
                refs.current.deputyId = el;
              }}
              onChange={(e) => set('deputyId', e.target.value)}
              data-testid="absence-deputy"
            >
              <option value="">{t('team.absences.chooseDeputy')}</option>
              {deputies.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <div className="ap-actions">
        <Button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('team.absences.submit')}</span>
        </Button>
      </div>
    </form>
  );
}

function Field(p: {
  label: string;
  error: string | null;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {p.label}
      </label>
      {p.children(id, p.error ? errorId : undefined)}
      {p.error && (
        <p className="kern-error" id={errorId}>
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">{p.error}</span>
        </p>
      )}
    </div>
  );
}
