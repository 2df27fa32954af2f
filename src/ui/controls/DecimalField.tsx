import { useId, type ReactNode } from 'react';
import type { Row } from '../../state/urlCodec';
import { controlKeyOf } from '../classroom/visibility';
import { Field, useDraft } from './fields';

/**
 * A decimal text box validated by a URL schema row (`0.001`, `1e-5`): a draft
 * outside the row's bounds is marked and not committed. For values whose
 * useful range spans decades (λ₁, λ₂, the λ grid's ends), where a slider
 * cannot hit every value.
 */
export function DecimalField({
  label,
  testId,
  value,
  row,
  onChange,
  hint,
  disabled = false,
  title,
  delayMs = 400,
}: {
  label: string;
  testId: string;
  value: number;
  row: Row<number>;
  onChange: (value: number) => void;
  hint?: ReactNode;
  disabled?: boolean;
  title?: string;
  /** Quiet time before a typed value commits (Enter and blur commit at once). */
  delayMs?: number;
}) {
  const id = useId();
  const parse = (text: string): number | null => {
    const d = row.decode(text);
    return d.ok ? d.value : null;
  };
  const field = useDraft(value, String, parse, onChange, delayMs);
  return (
    <Field label={label} htmlFor={id} hint={hint} control={controlKeyOf(testId)}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        spellCheck={false}
        data-testid={testId}
        disabled={disabled}
        title={title}
        value={field.draft}
        aria-invalid={field.invalid}
        onChange={(e) => field.onChange(e.target.value)}
        onBlur={field.onBlur}
        onKeyDown={(e) => {
          if (e.key === 'Enter') field.onCommit();
        }}
      />
    </Field>
  );
}
