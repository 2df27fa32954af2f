import { useState } from 'react';
import type { JobKind } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';
import { useT } from '../i18n';
import { AugExperimentBox } from './AugExperimentBox';
import { ChoosingLambdaSettings, RegPruneSettings } from './ExperimentSettings';
import { LambdaSweepCard } from './LambdaSweepCard';
import { LotterySettings } from './LotterySettings';
import { LotteryTable } from './LotteryTable';
import { RegPruneCard } from './RegPruneCard';

/**
 * The experiments as cards, each with its settings, its run button, its
 * progress and its result chart or table in one place. They can sit in the
 * experiments space or, during a lesson, on the stage beside the controls.
 */

/** Lottery tickets (Frankle & Carbin 2019): mode and rounds, then the rounds table beside the other mode's. Play runs the rounds. */
export function LotteryCard() {
  return (
    <LotteryTable>
      <LotterySettings />
    </LotteryTable>
  );
}

/** The effect of augmentation (MNIST): two pinned runs, without and with the chosen augmentation. */
export function AugExperimentCard() {
  const mnist = useAppStore((s) => s.config.dataset === 'mnist');
  const t = useT();
  if (!mnist) {
    return (
      <div className="chart-card exp-card">
        <div className="chart-head">
          <h2>{t('views.augexp.title')}</h2>
        </div>
        <p className="caption">{t('controls.aug.unavailable')}</p>
      </div>
    );
  }
  return (
    <div className="chart-card exp-card">
      <AugExperimentBox />
    </div>
  );
}

/**
 * Choosing λ by cross-validation and regularise-then-prune: the two jobs that
 * pause training while they run (one at a time). The store's job message does
 * not say which job it is about, so the card of the last kind that ran shows it.
 */
export function useLastJobMessage(): (kind: JobKind) => string | null {
  const jobKind = useAppStore((s) => s.regularisation.job?.kind ?? null);
  const jobMessage = useAppStore((s) => s.regularisation.jobMessage);
  // Updated during render: React's pattern for state derived from a change.
  const [lastKind, setLastKind] = useState<JobKind | null>(jobKind);
  if (jobKind !== null && jobKind !== lastKind) setLastKind(jobKind);
  return (kind) => (lastKind === kind ? jobMessage : null);
}

export function LambdaCvCard({ message }: { message: string | null }) {
  return (
    <LambdaSweepCard message={message}>
      <ChoosingLambdaSettings />
    </LambdaSweepCard>
  );
}

export function RegThenPruneCard({ message }: { message: string | null }) {
  return (
    <RegPruneCard message={message}>
      <RegPruneSettings />
    </RegPruneCard>
  );
}
