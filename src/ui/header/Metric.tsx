import type { ReactNode } from 'react';
import './metric.css';

/**
 * One header figure: a label and a value, with the raw machine value in
 * `data-value` for tests (`data-testid="metric-<name>"`). `note`, when given,
 * says under the value what the figure is over and how old it is (e.g. "500 of
 * 2,000 test digits · step 1,234"; `data-testid="metric-<name>-note"`).
 * `named`: the open lesson's step names it (presenter mode then keeps it on screen).
 */
export function Metric({ name, label, value, raw, title, note, named = false }: { name: string; label: string; value: ReactNode; raw: string; title?: string; note?: string | null; named?: boolean }) {
  return (
    <div className={named ? 'metric named' : 'metric'} title={title}>
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
