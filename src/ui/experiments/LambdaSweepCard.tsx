import { useMemo, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { sweptPenalty } from '../../protocol/config';
import { useAppStore } from '../../state/useAppStore';
import { downloadText } from '../download';
import { JobProgress } from './JobProgress';
import { LAMBDA_CSV_NAME, formatLambda, lambdaSweepCsv, sweepKindLabel, sweepReading, validationRows } from './regulariseView';
import { ValidationCurve } from './ValidationCurve';
import { ChartAlt } from '../a11y/ChartAlt';
import { validationSummary } from '../a11y/summaries';
import { useT } from '../i18n';

/**
 * Choosing λ by k-fold cross-validation: its settings (`children`), a button
 * that asks the worker for the sweep (training pauses), its progress, and the validation curve — mean ± std
 * of the validation loss and the train loss against log λ — with the best λ,
 * one click to apply it, and the curve as CSV.
 */
export function LambdaSweepCard({ message, children }: { message: string | null; children?: ReactNode }) {
  const result = useAppStore((s) => s.regularisation.lambdaSweep);
  const jobKind = useAppStore((s) => s.regularisation.job?.kind ?? null);
  const busy = jobKind !== null;
  const t = useT();
  const start = useAppStore((s) => s.lambdaSweep);
  const applyLambda = useAppStore((s) => s.applyLambda);
  const cfg = useAppStore(
    useShallow((s) => ({ dataset: s.config.dataset, l1: s.config.l1, l2: s.config.l2, prox: s.config.prox, k: s.config.cv_k, steps: s.config.cv_steps, min: s.config.cv_min, max: s.config.cv_max, points: s.config.cv_points })),
  );
  const classification = datasetInfo(cfg.dataset).task === 'classification';
  const rows = useMemo(() => (result === null ? [] : validationRows(result)), [result]);

  // The kind the next sweep varies (the worker's rule), and the kind of the one shown.
  const nextKind = sweepKindLabel({ kind: sweptPenalty(cfg), prox: cfg.prox === 1 }, t);
  const kind = result?.kind ?? sweptPenalty(cfg);
  // The λ in use now for the shown kind (L1's for elastic net, where both are equal after applying).
  const currentLambda = kind === 'l2' ? cfg.l2 : cfg.l1;
  const best = result?.bestLambda ?? null;
  const inUse = best !== null && (kind === 'l1' ? cfg.l1 === best && cfg.l2 === 0 : kind === 'l2' ? cfg.l2 === best && cfg.l1 === 0 : cfg.l1 === best && cfg.l2 === best);

  return (
    <div className="chart-card reg-card" data-testid="lambda-sweep-card" data-points={result?.points.length ?? 0}>
      <div className="chart-head">
        <h2>{t('views.lambda.title')}</h2>
        <button type="button" data-testid="btn-lambda-sweep" onClick={() => start()} disabled={busy} aria-busy={busy}>
          {t('views.lambda.run')}
        </button>
      </div>
      {children}
      <p className="caption">
        {t('views.lambda.setup', {
          k: cfg.k,
          kind: nextKind,
          points: cfg.points,
          from: formatLambda(Math.min(cfg.min, cfg.max)),
          to: formatLambda(Math.max(cfg.min, cfg.max)),
          steps: cfg.steps,
        })}
      </p>
      <JobProgress kind="lambdaSweep" message={message} />
      {result !== null && rows.length > 0 ? (
        <>
          <ul className="legend legend-left" aria-label={t('views.common.lines')}>
            <li className="legend-test">{t('views.lambda.validation', { k: result.k })}</li>
            <li className="legend-box legend-band">{t('views.lambda.band')}</li>
            <li className="legend-train">{t('views.lambda.train')}</li>
            <li className="legend-best">{t('views.lambda.best')}</li>
          </ul>
          <ChartAlt name={t('a11y.validation.name')} summary={validationSummary(t, rows, formatLambda)}>
            <ValidationCurve rows={rows} bestLambda={result.bestLambda} currentLambda={currentLambda} lossName={t(classification ? 'views.common.crossEntropy' : 'views.common.mse')} />
          </ChartAlt>
          <div className="result-row">
            <span>
              {t('views.lambda.bestIs', { kind: sweepKindLabel(result, t) })}{' '}
              <strong className="ink-best" data-testid="sweep-best-lambda" data-value={result.bestLambda}>
                {formatLambda(result.bestLambda)}
              </strong>
            </span>
            <button type="button" data-testid="btn-apply-lambda" onClick={() => applyLambda(result.bestLambda)}>
              {t(inUse ? 'views.lambda.inUse' : 'views.lambda.use', { lambda: formatLambda(result.bestLambda) })}
            </button>
            <button type="button" data-testid="btn-lambda-csv" onClick={() => downloadText(LAMBDA_CSV_NAME, lambdaSweepCsv(result))}>
              {t('views.common.downloadCsv')}
            </button>
          </div>
          <p className="caption">{t('views.lambda.caption')}</p>
          <p className="reading" data-testid="sweep-reading">
            {sweepReading(result, t)}
          </p>
        </>
      ) : (
        <div className="chart-empty h260">
          <p>
            {t(jobKind === 'lambdaSweep' ? 'views.lambda.running' : 'views.lambda.empty')}
          </p>
        </div>
      )}
    </div>
  );
}
