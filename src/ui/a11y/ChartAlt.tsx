import { useId, useMemo, useRef, type ReactNode, type RefObject } from 'react';

/**
 * A chart's text alternative: the chart becomes one image (`role="img"`) named
 * `name` (what it plots) and described by `summary` (what it shows now, kept
 * in a hidden node that `aria-describedby` reads). The chart inside must not
 * take focus (recharts: `accessibilityLayer={false}`; StepChart's SVG is aria-hidden): an image has no
 * interactive parts.
 */
export function ChartAlt({ name, summary, children }: { name: string; summary: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="chart-alt" role="img" aria-label={name} aria-describedby={id}>
      {children}
      <span id={id} hidden data-testid="chart-summary">
        {summary}
      </span>
    </div>
  );
}

/** A description node for a canvas that redraws outside React: set its text from the draw function. */
export interface LiveDescription {
  /** For `aria-describedby` on the canvas. */
  id: string;
  /** Spread on the hidden node: `<span {...desc.props} />`. */
  props: { id: string; ref: RefObject<HTMLSpanElement | null>; hidden: true; 'data-testid': 'canvas-summary' };
  /** Replaces the description (no React render). */
  set(text: string): void;
}

/** A {@link LiveDescription}, stable for the component's life. */
export function useLiveDescription(): LiveDescription {
  const id = useId();
  const ref = useRef<HTMLSpanElement>(null);
  return useMemo(
    () => ({
      id,
      props: { id, ref, hidden: true, 'data-testid': 'canvas-summary' },
      set(text: string) {
        if (ref.current !== null && ref.current.textContent !== text) ref.current.textContent = text;
      },
    }),
    [id],
  );
}
