import type { ReactNode } from 'react';

/**
 * One header figure: a label and a value, with the raw machine value in
 * `data-value` for tests (`data-testid="metric-<name>"`). `named`: the open
 * lesson's step names it (presenter mode then keeps it on screen).
 */
export function Metric({ name, label, value, raw, title, named = false }: { name: string; label: string; value: ReactNode; raw: string; title?: string; named?: boolean }) {
  return (
    <div className={named ? 'metric named' : 'metric'} title={title}>
      <dt>{label}</dt>
      <dd data-testid={`metric-${name}`} data-value={raw}>
        {value}
      </dd>
    </div>
  );
}
