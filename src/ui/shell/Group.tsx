import { useId, type ReactNode } from 'react';
import type { PanelId } from '../../state/page';

/**
 * One group of controls in the sidebar (`data-panel` names it for the step
 * bar, which scrolls to it and follows it): a heading and what the student
 * sets while doing one thing (choosing data and network, training, pruning,
 * regularising, shaping the images). Its views sit beside it on the stage.
 */
export function Group({ panel, title, children }: { panel: PanelId; title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="group" data-panel={panel} id={`group-${panel}`} aria-labelledby={id}>
      <h2 id={id} className="group-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A titled part of a group (e.g. the network inside "Data & network"). */
export function SubGroup({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={className === undefined ? 'subgroup' : `subgroup ${className}`} role="group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </div>
  );
}
