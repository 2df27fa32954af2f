import { useState } from 'react';
import type { JobKind } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';
import { LambdaSweepCard } from './LambdaSweepCard';
import { RegPruneCard } from './RegPruneCard';
import { useT } from '../i18n';

/**
 * The regularisation pictures below the pruning ones: choosing λ by
 * cross-validation and the regularise-then-prune experiment, side by side.
 * (The penalty curve is in the loss chart; L1's and L2's weight shapes in the
 * pruning section's histogram, signed view.)
 */
export function RegularisationArea() {
  const jobKind = useAppStore((s) => s.regularisation.job?.kind ?? null);
  const jobMessage = useAppStore((s) => s.regularisation.jobMessage);
  // The store's message does not say which job it is about: remember the last kind that ran (updated during render, React's pattern for state derived from a change).
  const [lastKind, setLastKind] = useState<JobKind | null>(jobKind);
  if (jobKind !== null && jobKind !== lastKind) setLastKind(jobKind);
  const t = useT();
  return (
    <section className="regularisation" aria-label={t('views.reg.section')}>
      <h2 className="section-title">{t('views.reg.section')}</h2>
      <div className="pruning-pair">
        <LambdaSweepCard message={lastKind === 'lambdaSweep' ? jobMessage : null} />
        <RegPruneCard message={lastKind === 'regPrune' ? jobMessage : null} />
      </div>
    </section>
  );
}
