import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore } from '../../state/useAppStore';
import { formatCount } from '../format';
import { JobProgress } from './JobProgress';
import { ARM_COLOURS, ARM_NAMES, RegPruneChart } from './RegPruneChart';
import { ARMS, formatLambda, hanReading, regPruneRows } from './regulariseView';

/**
 * Regularise, then prune (the seed article's FAQ; Han et al. 2015): three
 * networks from the same seed — no penalty, L1, L2 — pruned to the same
 * sparsities, tested right after pruning and after fine-tuning, with one line
 * that says whether Han et al.'s finding shows in this run.
 */
export function RegPruneCard({ message }: { message: string | null }) {
  const result = useAppStore((s) => s.regularisation.regPrune);
  const jobKind = useAppStore((s) => s.regularisation.job?.kind ?? null);
  const start = useAppStore((s) => s.regPrune);
  const cfg = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, l1: s.config.l1, l2: s.config.l2, steps: s.config.rp_steps, tune: s.config.rp_tune })));
  const classification = datasetInfo(cfg.dataset).task === 'classification';
  const rows = useMemo(() => (result === null ? [] : regPruneRows(result, classification)), [result, classification]);
  const lambda = Math.max(cfg.l1, cfg.l2);
  const figure = classification ? 'test accuracy' : 'test loss';

  return (
    <div className="chart-card reg-card" data-testid="reg-prune-card" data-points={rows.length}>
      <div className="chart-head">
        <h2>Regularise, then prune</h2>
        <button type="button" data-testid="btn-reg-prune" onClick={() => start()} disabled={jobKind !== null} aria-busy={jobKind === 'regPrune'}>
          Run experiment
        </button>
      </div>
      <p className="caption">
        Trains three networks from the same seed — no penalty, L1 and L2 at λ = {lambda > 0 ? formatLambda(lambda) : '1e-4 (the default while no penalty is set)'} — for{' '}
        {formatCount(cfg.steps)} steps, prunes each to 50–95{"\u00a0"}% sparsity, then fine-tunes {formatCount(cfg.tune)} steps with the mask held.
      </p>
      <JobProgress kind="regPrune" message={message} />
      {result !== null && rows.length > 0 ? (
        <>
          <ul className="legend legend-left" aria-label="Lines">
            {ARMS.map((arm) => (
              <li key={arm} className="legend-arm" style={{ color: ARM_COLOURS[arm] }}>
                <span>{arm === 'none' ? ARM_NAMES[arm] : `${ARM_NAMES[arm]} (λ = ${formatLambda(result.lambda)})`}</span>
              </li>
            ))}
            <li className="legend-dashed">right after pruning</li>
            <li className="legend-solid">after fine-tuning</li>
          </ul>
          <RegPruneChart rows={rows} classification={classification} />
          <p className="caption">
            Han et al. (2015): L1 pushes many weights close to zero, so it loses least <em>right after</em> pruning; L2 does better <em>after</em> retraining. Compare the
            dashed L1 and L2 lines, then the solid ones. {result.steps} training and {result.tuneSteps} fine-tuning steps per network, {figure} on the test set.
          </p>
          <p className="reading" data-testid="reg-prune-reading">
            {hanReading(result, classification)}
          </p>
        </>
      ) : (
        <div className="chart-empty h260">
          <p>
            {jobKind === 'regPrune'
              ? 'Training, pruning and fine-tuning three networks…'
              : `Press Run experiment to compare no penalty, L1 and L2 after pruning: ${figure} against sparsity, before and after fine-tuning.`}
          </p>
        </div>
      )}
    </div>
  );
}
