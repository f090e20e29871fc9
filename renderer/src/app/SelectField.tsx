import { useId } from 'react';

/**
 * A labelled native select in KERN style: the browser's own control, which screen readers and
 * keyboards know best, for short fixed lists (filters).
 */
export function SelectField(p: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  testId: string;
}) {
  const id = useId();
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {p.label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className="kern-form-input__select"
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          data-testid={p.testId}
        >
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
