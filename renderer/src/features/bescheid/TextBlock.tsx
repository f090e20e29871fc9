import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarkerHit } from './markers.ts';

/**
 * One labelled text field of the Bescheid. A field with unresolved placeholders is marked
 * invalid and names them, so a screen reader hears which ones remain where the text is.
 */
export function TextBlock(p: {
  label: string;
  hint?: string | undefined;
  value: string;
  multiline: boolean;
  rows?: number | undefined;
  maxLength?: number | undefined;
  markers: readonly MarkerHit[];
  /** Translated problems of this field (required, too long, …). */
  problems: readonly string[];
  onChange: (value: string) => void;
  onBlur: () => void;
  inputRef: (el: HTMLTextAreaElement | HTMLInputElement | null) => void;
  readOnly?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const invalid = p.markers.length > 0 || p.problems.length > 0;
  const describedBy = [p.hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ');
  const common = {
    id,
    className: 'kern-form-input__input' + (p.multiline ? ' ap-textarea ap-bescheid-text' : ''),
    value: p.value,
    readOnly: p.readOnly,
    maxLength: p.maxLength,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy || undefined,
    onBlur: p.onBlur,
    'data-testid': p.testId,
  };
  return (
    <div className={`kern-form-input${invalid ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {p.label}
      </label>
      {p.multiline ? (
        <textarea {...common} ref={p.inputRef} rows={p.rows ?? 6} onChange={(e) => p.onChange(e.target.value)} />
      ) : (
        <input {...common} ref={p.inputRef} autoComplete="off" onChange={(e) => p.onChange(e.target.value)} />
      )}
      {p.hint && (
        <p className="kern-hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {invalid && (
        <div className="kern-error" id={`${id}-error`}>
          {p.problems.map((text) => (
            <p key={text}>{text}</p>
          ))}
          {p.markers.length > 0 && (
            <p>
              {t('bescheid.markers.inField', {
                count: p.markers.length,
                paths: [...new Set(p.markers.map((m) => m.path))].join(', '),
              })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
