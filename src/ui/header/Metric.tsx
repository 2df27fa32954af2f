import type { ReactNode } from 'react';

/**
 * One header figure: a label and a value, with the raw machine value in
 * `data-value` for tests (`data-testid="metric-<name>"`).
 */
export function Metric({ name, label, value, raw, title }: { name: string; label: string; value: ReactNode; raw: string; title?: string }) {
  return (
    <div className="metric" title={title}>
      <dt>{label}</dt>
      <dd data-testid={`metric-${name}`} data-value={raw}>
        {value}
      </dd>
    </div>
  );
}
