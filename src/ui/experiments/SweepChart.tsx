import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceDot, Tooltip, XAxis, YAxis } from 'recharts';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore } from '../../state/useAppStore';
import { tickLoss, tickPercent } from '../charts/chartFormat';
import { STAGGER_MS, useLagged } from '../charts/useLagged';
import { formatLoss, formatPercent } from '../format';
import { modelSparsity, sweepData, type SweepDatum } from '../prune/pruningView';

import { CURRENT_COLOUR, SWEEP_COLOUR } from '../charts/palette';
import { ChartAlt } from '../a11y/ChartAlt';
import { sweepSummary } from '../a11y/summaries';
import { useT } from '../i18n';
import { rich } from '../charts/richText';

/** The current network as a marker: its sparsity and test figure, labelled. */
interface CurrentPoint {
  x: number;
  y: number;
  label: string;
}

const PercentTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * Test accuracy (loss for regression) against sparsity: the network pruned
 * to each sparsity with no retraining (the sweep), and where the current
 * network sits (fine-tuned once it trained on after its mask changed).
 */
const SweepPlot = memo(function SweepPlot({ data, current, classification }: { data: SweepDatum[]; current: CurrentPoint | null; classification: boolean }) {
  const yTick = classification ? tickPercent : tickLoss;
  const t = useT();
  return (
    <ComposedChart accessibilityLayer={false} responsive style={{ width: '100%', height: 260 }} margin={{ top: 26, right: 24, bottom: 18, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis
        dataKey="sparsity"
        type="number"
        domain={[0, 1]}
        ticks={PercentTicks}
        tickFormatter={tickPercent}
        stroke="#5b6470"
        label={{ value: t('views.sweep.axis'), position: 'insideBottom', offset: -12, fill: '#1b2128', fontSize: 14 }}
      />
      <YAxis
        dataKey="y"
        type="number"
        domain={classification ? [0, 1] : [0, 'auto']}
        ticks={classification ? PercentTicks : undefined}
        tickFormatter={yTick}
        width={56}
        stroke="#5b6470"
      />
      <Tooltip
        isAnimationActive={false}
        formatter={(v) => (typeof v === 'number' ? (classification ? formatPercent(v) : formatLoss(v)) : String(v))}
        labelFormatter={(s) => t('views.common.sparsityN', { value: typeof s === 'number' ? formatPercent(s) : String(s) })}
      />
      <Line
        data={data}
        name={t(classification ? 'views.sweep.lineAcc' : 'views.sweep.lineLoss')}
        dataKey="y"
        type="linear"
        stroke={SWEEP_COLOUR}
        strokeWidth={2.5}
        dot={{ r: 3.5, fill: SWEEP_COLOUR, strokeWidth: 0 }}
        activeDot={false}
        isAnimationActive={false}
      />
      {current !== null ? (
        <ReferenceDot
          x={current.x}
          y={current.y}
          r={8}
          fill={CURRENT_COLOUR}
          stroke="#ffffff"
          strokeWidth={2}
          ifOverflow="extendDomain"
          // Beside the dot, not above it: at 100 % accuracy a label on top would run into the chart's edge.
          label={{ value: current.label, position: current.x < 0.7 ? 'right' : 'left', fill: '#1b2128', fontSize: 14, fontWeight: 600, offset: 12 }}
        />
      ) : null}
    </ComposedChart>
  );
});

/**
 * The sweep card: a button that asks the worker to evaluate the current
 * network at 0–99 % sparsity without retraining, pruned in the slider's scope
 * (per layer or global, said in the caption), and the resulting curve with
 * the current network's point on it (Han et al. 2015, fig. 5's picture).
 */
export function SweepPanel() {
  const sweep = useAppStore((s) => s.pruning.sweep);
  const sweeping = useAppStore((s) => s.pruning.sweeping);
  const startSweep = useAppStore((s) => s.sweep);
  const model = useAppStore((s) => s.pruning.model);
  const dataset = useAppStore((s) => s.config.dataset);
  // The sweep prunes in the slider's scope: the one it ran with, or (before one ran) the one it will use.
  const configScope = useAppStore((s) => s.config.scope);
  const scope = sweep?.scope ?? configScope;
  const testAccuracy = useAppStore((s) => s.run.testAccuracy);
  const testLoss = useAppStore((s) => s.run.testLoss);
  const classification = datasetInfo(dataset).task === 'classification';
  const t = useT();

  const y = classification ? testAccuracy : testLoss;
  const x = model === null ? null : modelSparsity(model);
  const label = t(model !== null && model.fineTuneSteps > 0 ? 'views.sweep.fineTuned' : 'views.sweep.current');
  // A new object only when the marker moves; it redraws in its own slot after the other charts.
  const currentNow = useMemo(() => (x === null || y === null || !Number.isFinite(y) ? null : { x, y, label }), [x, y, label]);
  const current = useLagged(currentNow, STAGGER_MS.sweep);
  const data = useMemo(() => (sweep === null ? null : sweepData(sweep.points, classification)), [sweep, classification]);

  return (
    <div className="chart-card pruning-card" data-testid="sweep-chart" data-points={sweep?.points.length ?? 0} data-scope={scope}>
      <div className="chart-head">
        <h2>{t(classification ? 'views.sweep.titleAcc' : 'views.sweep.titleLoss')}</h2>
        <button type="button" data-testid="btn-sweep" onClick={() => startSweep()} disabled={sweeping || model === null} aria-busy={sweeping}>
          {t(sweeping ? 'views.sweep.sweeping' : 'views.sweep.sweep')}
        </button>
      </div>
      <p className="caption">
        {rich(t(classification ? 'views.sweep.captionAcc' : 'views.sweep.captionLoss'), {
          line: <span className="ink-sweep">{t('views.sweep.line')}</span>,
          noRetraining: <em>{t('views.sweep.noRetraining')}</em>,
          dot: <span className="ink-current">{t('views.sweep.dot')}</span>,
        })}{' '}
        <span data-testid="sweep-scope">{t(scope === 'global' ? 'views.sweep.scopeGlobal' : 'views.sweep.scopeLayer')}</span>
      </p>
      {data !== null && data.length > 0 ? (
        <ChartAlt name={t(classification ? 'a11y.sweep.name' : 'a11y.sweep.nameLoss')} summary={sweepSummary(t, data, current, classification)}>
          <SweepPlot data={data} current={current} classification={classification} />
        </ChartAlt>
      ) : (
        <div className="chart-empty h260">
          <p>{t(sweeping ? 'views.sweep.running' : 'views.sweep.empty')}</p>
        </div>
      )}
    </div>
  );
}
