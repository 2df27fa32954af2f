import type { ReactNode } from 'react';
import './metric.css';

/**
 * One header figure: a label and a value, with the raw machine value in
 * `data-value` for tests (`data-testid="metric-<name>"`). `note`, when given,
 * says under the value what the figure is over and how old it is (e.g. "500 of
 * 2,000 test digits · step 1,234"; `data-testid="metric-<name>-note"`).
 */
export function Metric({ name, label, value, raw, title, note }: { name: string; label: string; value: ReactNode; raw: string; title?: string; note?: string | null }) {
  return (
    <div className="metric" title={title}>
      <dt>{label}</dt>
      <dd data-testid={`metric-${name}`} data-value={raw}>
        {value}
      </dd>
      {note ? (
        <dd className="metric-note" data-testid={`metric-${name}-note`}>
          {note}
        </dd>
      ) : null}
    </div>
  );
}
