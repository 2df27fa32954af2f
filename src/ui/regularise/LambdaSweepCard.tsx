import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { sweptPenalty } from '../../protocol/config';
import { useAppStore } from '../../state/useAppStore';
import { downloadText } from '../download';
import { JobProgress } from './JobProgress';
import { LAMBDA_CSV_NAME, formatLambda, lambdaSweepCsv, sweepKindLabel, sweepReading, validationRows } from './regulariseView';
import { ValidationCurve } from './ValidationCurve';

/**
 * Choosing λ by k-fold cross-validation: a button that asks the worker for the
 * sweep (training pauses), its progress, and the validation curve — mean ± std
 * of the validation loss and the train loss against log λ — with the best λ,
 * one click to apply it, and the curve as CSV.
 */
export function LambdaSweepCard({ message }: { message: string | null }) {
  const result = useAppStore((s) => s.regularisation.lambdaSweep);
  const jobKind = useAppStore((s) => s.regularisation.job?.kind ?? null);
  const busy = jobKind !== null;
  const start = useAppStore((s) => s.lambdaSweep);
  const applyLambda = useAppStore((s) => s.applyLambda);
  const cfg = useAppStore(
    useShallow((s) => ({ dataset: s.config.dataset, l1: s.config.l1, l2: s.config.l2, prox: s.config.prox, k: s.config.cv_k, steps: s.config.cv_steps, min: s.config.cv_min, max: s.config.cv_max, points: s.config.cv_points })),
  );
  const classification = datasetInfo(cfg.dataset).task === 'classification';
  const rows = useMemo(() => (result === null ? [] : validationRows(result)), [result]);

  // The kind the next sweep varies (the worker's rule), and the kind of the one shown.
  const nextKind = sweepKindLabel({ kind: sweptPenalty(cfg), prox: cfg.prox === 1 });
  const kind = result?.kind ?? sweptPenalty(cfg);
  // The λ in use now for the shown kind (L1's for elastic net, where both are equal after applying).
  const currentLambda = kind === 'l2' ? cfg.l2 : cfg.l1;
  const best = result?.bestLambda ?? null;
  const inUse = best !== null && (kind === 'l1' ? cfg.l1 === best && cfg.l2 === 0 : kind === 'l2' ? cfg.l2 === best && cfg.l1 === 0 : cfg.l1 === best && cfg.l2 === best);

  return (
    <div className="chart-card reg-card" data-testid="lambda-sweep-card" data-points={result?.points.length ?? 0}>
      <div className="chart-head">
        <h2>Choosing λ by cross-validation</h2>
        <button type="button" data-testid="btn-lambda-sweep" onClick={() => start()} disabled={busy} aria-busy={busy}>
          Run λ sweep
        </button>
      </div>
      <p className="caption">
        {cfg.k}-fold cross-validation of {nextKind} over {cfg.points} values of λ from {formatLambda(Math.min(cfg.min, cfg.max))} to {formatLambda(Math.max(cfg.min, cfg.max))},{' '}
        {cfg.steps} steps per fold, same network and seed (settings: left panel, Regularisation › Choosing λ).
      </p>
      <JobProgress kind="lambdaSweep" message={message} />
      {result !== null && rows.length > 0 ? (
        <>
          <ul className="legend legend-left" aria-label="Lines">
            <li className="legend-test">Validation (mean of {result.k} folds)</li>
            <li className="legend-box legend-band">± 1 std over folds</li>
            <li className="legend-train">Train</li>
            <li className="legend-best">Best λ</li>
          </ul>
          <ValidationCurve rows={rows} bestLambda={result.bestLambda} currentLambda={currentLambda} lossName={classification ? 'cross-entropy' : 'MSE'} />
          <div className="result-row">
            <span>
              Best λ ({sweepKindLabel(result)}) ={' '}
              <strong className="ink-best" data-testid="sweep-best-lambda" data-value={result.bestLambda}>
                {formatLambda(result.bestLambda)}
              </strong>
            </span>
            <button type="button" data-testid="btn-apply-lambda" onClick={() => applyLambda(result.bestLambda)}>
              {inUse ? `λ = ${formatLambda(result.bestLambda)} in use ✓` : `Use λ = ${formatLambda(result.bestLambda)}`}
            </button>
            <button type="button" data-testid="btn-lambda-csv" onClick={() => downloadText(LAMBDA_CSV_NAME, lambdaSweepCsv(result))}>
              Download CSV
            </button>
          </div>
          <p className="caption">
            Too small λ over-fits (train ≪ validation), too large under-fits (both high): pick the bottom of the U. The band shows how much the folds disagree.
          </p>
          <p className="reading" data-testid="sweep-reading">
            {sweepReading(result)}
          </p>
        </>
      ) : (
        <div className="chart-empty h260">
          <p>
            {jobKind === 'lambdaSweep'
              ? 'Cross-validating…'
              : 'Press Run λ sweep to train the network on every fold for each λ and plot validation loss against λ: the U shape between over- and under-fitting.'}
          </p>
        </div>
      )}
    </div>
  );
}
