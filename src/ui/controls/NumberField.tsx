import { useId, type ReactNode } from 'react';
import { controlKeyOf } from '../classroom/visibility';
import { useDraft } from './fields';
import { Field } from './fields';

/**
 * A whole-number input with bounds; out-of-range or non-numeric drafts are
 * marked and not committed. `after` renders beside the input (e.g. a dice button).
 * Give `delayMs` when a commit is costly (a cold key restarts the run).
 */
export function NumberField({
  label,
  testId,
  value,
  min,
  max,
  onChange,
  hint,
  after,
  disabled = false,
  delayMs = 0,
}: {
  label: string;
  testId: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  hint?: ReactNode;
  after?: ReactNode;
  disabled?: boolean;
  /** Quiet time before a typed value commits (Enter and blur commit at once); 0 = as typed. */
  delayMs?: number;
}) {
  const id = useId();
  const parse = (text: string): number | null => {
    if (!/^\s*\d+\s*$/.test(text)) return null;
    const n = Number(text);
    return n >= min && n <= max ? n : null;
  };
  const field = useDraft(value, String, parse, onChange, delayMs);
  return (
    <Field label={label} htmlFor={id} hint={hint} control={controlKeyOf(testId)}>
      <div className="input-row">
        <input
          id={id}
          type="number"
          data-testid={testId}
          min={min}
          max={max}
          step={1}
          disabled={disabled}
          value={field.draft}
          aria-invalid={field.invalid}
          onChange={(e) => field.onChange(e.target.value)}
          onBlur={field.onBlur}
          onKeyDown={(e) => {
            if (e.key === 'Enter') field.onCommit();
          }}
        />
        {after}
      </div>
    </Field>
  );
}
