import { useMemo, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore } from '../../state/useAppStore';
import { formatCount } from '../format';
import { JobProgress } from './JobProgress';
import { ARM_COLOURS, RegPruneChart, armName } from './RegPruneChart';
import { ARMS, formatLambda, hanReading, regPruneRows } from './regulariseView';
import { ChartAlt } from '../a11y/ChartAlt';
import { regPruneSummary } from '../a11y/summaries';
import { useT } from '../i18n';
import { rich } from '../charts/richText';

/**
 * Regularise, then prune (the source article on pruning and regularisation; Han et al. 2015): three
 * networks from the same seed — no penalty, L1, L2 — pruned to the same
 * sparsities, tested right after pruning and after fine-tuning, with one line
 * that says whether Han et al.'s finding shows in this run. Its settings are `children`.
 */
export function RegPruneCard({ message, children }: { message: string | null; children?: ReactNode }) {
  const result = useAppStore((s) => s.regularisation.regPrune);
  const jobKind = useAppStore((s) => s.regularisation.job?.kind ?? null);
  const start = useAppStore((s) => s.regPrune);
  const cfg = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, l1: s.config.l1, l2: s.config.l2, steps: s.config.rp_steps, tune: s.config.rp_tune })));
  const classification = datasetInfo(cfg.dataset).task === 'classification';
  const rows = useMemo(() => (result === null ? [] : regPruneRows(result, classification)), [result, classification]);
  const lambda = Math.max(cfg.l1, cfg.l2);
  const t = useT();
  const figure = t(classification ? 'views.regprune.figureAcc' : 'views.regprune.figureLoss');

  return (
    <div className="chart-card reg-card" data-testid="reg-prune-card" data-points={rows.length}>
      <div className="chart-head">
        <h2>{t('views.regprune.title')}</h2>
        <button type="button" data-testid="btn-reg-prune" onClick={() => start()} disabled={jobKind !== null} aria-busy={jobKind === 'regPrune'}>
          {t('views.regprune.run')}
        </button>
      </div>
      {children}
      <p className="caption">
        {t('views.regprune.setup', { lambda: lambda > 0 ? formatLambda(lambda) : t('views.regprune.defaultLambda'), steps: formatCount(cfg.steps), tune: formatCount(cfg.tune) })}
      </p>
      <JobProgress kind="regPrune" message={message} />
      {result !== null && rows.length > 0 ? (
        <>
          <ul className="legend legend-left" aria-label={t('views.common.lines')}>
            {ARMS.map((arm) => (
              <li key={arm} className="legend-arm" style={{ color: ARM_COLOURS[arm] }}>
                <span>{arm === 'none' ? armName(arm, t) : t('views.regprune.armLambda', { arm: armName(arm, t), lambda: formatLambda(result.lambda) })}</span>
              </li>
            ))}
            <li className="legend-dashed">{t('views.regprune.afterPruning')}</li>
            <li className="legend-solid">{t('views.regprune.afterTuning')}</li>
          </ul>
          <ChartAlt name={t('a11y.regprune.name')} summary={regPruneSummary(t, rows, ARMS.map((arm) => ({ key: arm, name: armName(arm, t) })), classification)}>
            <RegPruneChart rows={rows} classification={classification} />
          </ChartAlt>
          <p className="caption">
            {rich(t('views.regprune.caption', { steps: result.steps, tune: result.tuneSteps, figure }), {
              rightAfter: <em>{t('views.regprune.rightAfter')}</em>,
              after: <em>{t('views.regprune.afterEm')}</em>,
            })}
          </p>
          <p className="reading" data-testid="reg-prune-reading">
            {hanReading(result, classification, t)}
          </p>
        </>
      ) : (
        <div className="chart-empty h260">
          <p>
            {jobKind === 'regPrune' ? t('views.regprune.running') : t('views.regprune.empty', { figure })}
          </p>
        </div>
      )}
    </div>
  );
}
