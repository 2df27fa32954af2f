import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ControlGate } from '../classroom/ControlGate';
import { controlKeyOf, type ControlKeys } from '../classroom/visibility';

type FieldProps = { label: string; htmlFor: string; hint?: ReactNode; children: ReactNode; aside?: ReactNode; control?: ControlKeys };

/**
 * A labelled row of the control panel; `hint` explains the control in a line.
 * `control`: the URL key(s) it sets, so a classroom link can hide it (not
 * rendered at all) or lock it (disabled, with a padlock).
 */
export function Field(props: FieldProps) {
  return (
    <ControlGate control={props.control}>
      <FieldRow {...props} />
    </ControlGate>
  );
}

function FieldRow({ label, htmlFor, hint, children, aside }: FieldProps) {
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={htmlFor}>{label}</label>
        {aside !== undefined ? <span className="field-aside">{aside}</span> : null}
      </div>
      {children}
      {hint !== undefined ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

/** A `<select>` over typed values, labelled; `testId` goes on the select itself. */
export function SelectField<T extends string>({
  label,
  testId,
  value,
  options,
  onChange,
  hint,
  disabled = false,
  title,
  control,
}: {
  label: string;
  testId: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  disabled?: boolean;
  /** Tooltip on the select, e.g. why it is disabled. */
  title?: string;
  /** The URL key(s) it sets when its test id names none (`control-penalty` sets l1 and l2). */
  control?: ControlKeys;
}) {
  const id = useId();
  return (
    <Field label={label} htmlFor={id} hint={hint} control={control ?? controlKeyOf(testId)}>
      <select
        id={id}
        data-testid={testId}
        value={value}
        disabled={disabled}
        title={title}
        onChange={(e) => {
          const hit = options.find((o) => o.value === e.target.value);
          if (hit) onChange(hit.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A slider over whole numbers with its value shown beside the label. */
export function RangeField({
  label,
  testId,
  value,
  min,
  max,
  unit = '',
  disabled = false,
  onChange,
  hint,
}: {
  label: string;
  testId: string;
  value: number;
  min: number;
  max: number;
  unit?: string;
  disabled?: boolean;
  onChange: (value: number) => void;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <Field label={label} htmlFor={id} hint={hint} aside={`${value}${unit}`} control={controlKeyOf(testId)}>
      <input
        id={id}
        type="range"
        data-testid={testId}
        min={min}
        max={max}
        step={1}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isInteger(n)) onChange(n);
        }}
      />
    </Field>
  );
}

/**
 * A text box whose draft may be invalid while the user types: `parse` turns
 * the text into a value or null. A valid draft commits as typed (after
 * `delayMs` of quiet when given, so typing `300` does not rebuild for `3` and
 * `30`) and at once on Enter or blur; an invalid draft is marked and reverts
 * on blur. A new `value` from outside (a pasted link) replaces the draft.
 */
export function useDraft<T>(value: T, format: (v: T) => string, parse: (text: string) => T | null, commit: (v: T) => void, delayMs = 0) {
  const [draft, setDraft] = useState(() => format(value));
  const [shown, setShown] = useState(() => format(value));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const formatted = format(value);
  if (formatted !== shown) {
    // The value changed from outside: show it, unless the draft already means the same.
    setShown(formatted);
    const parsed = parse(draft);
    if (parsed === null || format(parsed) !== formatted) setDraft(formatted);
  }
  const commitText = (text: string): void => {
    clearTimeout(timer.current);
    const v = parse(text);
    if (v !== null && format(v) !== formatted) {
      // The field now stands for v: if the value moves on before this renders again (back to the old value, say), the draft follows it.
      setShown(format(v));
      commit(v);
    }
  };
  return {
    draft,
    invalid: parse(draft) === null,
    onChange(text: string) {
      setDraft(text);
      clearTimeout(timer.current);
      if (delayMs > 0) timer.current = setTimeout(() => commitText(text), delayMs);
      else commitText(text);
    },
    /** Commits now (Enter). */
    onCommit() {
      commitText(draft);
    },
    onBlur() {
      if (parse(draft) === null) setDraft(formatted);
      else commitText(draft);
    },
  };
}

/**
 * The exact-value box beside a log slider or select (`control-lr-exact`,
 * `control-threshold-exact`): a decimal text input driven by {@link useDraft},
 * committing on Enter as well.
 */
export function ExactInput({ label, testId, exact, disabled = false, title }: { label: string; testId: string; exact: ReturnType<typeof useDraft<number>>; disabled?: boolean; title?: string }) {
  return (
    <input
      type="text"
      inputMode="decimal"
      className="exact"
      aria-label={label}
      data-testid={testId}
      spellCheck={false}
      disabled={disabled}
      title={title}
      value={exact.draft}
      aria-invalid={exact.invalid}
      onChange={(e) => exact.onChange(e.target.value)}
      onBlur={exact.onBlur}
      onKeyDown={(e) => {
        if (e.key === 'Enter') exact.onCommit();
      }}
    />
  );
}

/** A text input bound to a {@link useDraft} field: commits on Enter, blur or the draft's delay; `aria-describedby` points at `${id}-hint`. */
export function DraftTextInput<T>({ id, testId, field, numeric = false }: { id: string; testId: string; field: ReturnType<typeof useDraft<T>>; numeric?: boolean }) {
  return (
    <input
      id={id}
      type="text"
      inputMode={numeric ? 'numeric' : undefined}
      spellCheck={false}
      autoComplete="off"
      data-testid={testId}
      value={field.draft}
      aria-invalid={field.invalid}
      aria-describedby={`${id}-hint`}
      onChange={(e) => field.onChange(e.target.value)}
      onBlur={field.onBlur}
      onKeyDown={(e) => {
        if (e.key === 'Enter') field.onCommit();
      }}
    />
  );
}
