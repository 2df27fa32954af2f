import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { hiddenWidths } from '../../engine/model/spec';
import { IMPORTANCES, PRUNE_MODES, PRUNE_SCOPES } from '../../engine/prune/types';
import { configSpec, convLayersOf } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { formatPercent } from '../format';
import { IMPORTANCE_LABELS, PRUNE_MODE_LABELS, PRUNE_SCOPE_LABELS } from '../labels';
import { SelectField } from './fields';
import { LotteryGroup } from './LotteryGroup';
import './pruning.css';
import { hiddenShapeText } from './networkShape';
import { keptWidths, pruningLocks } from './pruningRules';
import { Reason } from './Reason';
import { ScheduleGroup } from './ScheduleGroup';
import { FloatRangeField, ThresholdField } from './SliderFields';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

/** The per-layer cuts the worker reports (q·std or the smallest kept |w|), as a short list. */
const formatCuts = (cuts: readonly number[]): string => cuts.map((c) => (c === 0 ? '–' : Number(c.toPrecision(2)))).join(', ');

/**
 * The "Pruning" card: the weight mask by hand (threshold θ, target sparsity s
 * or Han's q·std), neurons by keep-ratio with compaction, then the gradual
 * schedule and the lottery ticket. Every change applies at once to the current
 * network, no training step needed; moving a control back restores the weights
 * (the worker keeps the dense ones). Test ids: `control-<URL key>`.
 */
export function PruningSection() {
  const c = useAppStore(
    useShallow((s) => ({
      dataset: s.config.dataset,
      arch: s.config.arch,
      conv: s.config.conv,
      pool: s.config.pool,
      layers: s.config.layers,
      act: s.config.act,
      pmode: s.config.pmode,
      threshold: s.config.threshold,
      sparsity: s.config.sparsity,
      q: s.config.q,
      scope: s.config.scope,
      keep: s.config.keep,
      importance: s.config.importance,
      sched: s.config.sched,
      lottery: s.config.lottery,
    })),
  );
  const { model, compacting } = useAppStore(useShallow((s) => ({ model: s.pruning.model, compacting: s.pruning.compacting })));
  const setConfig = useAppStore((s) => s.setConfig);
  const compact = useAppStore((s) => s.compact);
  const compacted = model?.compacted ?? false;
  const locks = pruningLocks(c, compacted);
  const manualOff = locks.manual !== null;
  const cuts = model !== null && model.thresholds.some((t) => t > 0) ? `Cut per layer: ${formatCuts(model.thresholds)}.` : null;
  const info = datasetInfo(c.dataset);
  const convLayers = convLayersOf(c);
  const shape = (hidden: readonly number[]): string => hiddenShapeText(hidden, convLayers, c.pool, info.inputDim, info.outputDim);
  // A CNN's hidden layers: its conv filters, then its dense layers.
  const widths = hiddenWidths(configSpec(c));
  const canCompact = c.keep < 1 && !compacted && !compacting && locks.neurons === null;

  return (
    <section className="group" aria-label="Pruning settings">
      <h2>Pruning</h2>
      <SelectField label="Prune weights by" testId="control-pmode" value={c.pmode} options={options(PRUNE_MODES, PRUNE_MODE_LABELS)} onChange={(v) => setConfig('pmode', v)} />
      <Reason text={locks.manual} />
      {c.pmode === 'threshold' ? (
        <ThresholdField
          value={c.threshold}
          disabled={manualOff}
          title={locks.manual ?? undefined}
          onChange={(v) => setConfig('threshold', v)}
          hint="|w| < θ is set to 0; move back to restore. Far left = off."
        />
      ) : c.pmode === 'sparsity' ? (
        <FloatRangeField
          label="Target sparsity s"
          testId="control-sparsity"
          value={c.sparsity}
          min={0}
          max={0.999}
          step={0.001}
          format={(v) => (v === 0 ? 'off' : formatPercent(v))}
          disabled={manualOff}
          title={locks.manual ?? undefined}
          onChange={(v) => setConfig('sparsity', v)}
          hint={cuts ?? 'The smallest s of all |w| are set to 0 (one weight always survives).'}
        />
      ) : (
        <FloatRangeField
          label="Quality q"
          testId="control-q"
          value={c.q}
          min={0}
          max={5}
          step={0.05}
          format={(v) => (v === 0 ? 'off' : v.toFixed(2))}
          disabled={manualOff}
          title={locks.manual ?? undefined}
          onChange={(v) => setConfig('q', v)}
          hint={cuts ?? 'Per layer θ = q · std(W) (Han et al. 2015); 0 = off.'}
        />
      )}
      <SelectField
        label="Scope"
        testId="control-scope"
        value={c.scope}
        options={options(PRUNE_SCOPES, PRUNE_SCOPE_LABELS)}
        disabled={locks.scope !== null}
        title={locks.scope ?? undefined}
        onChange={(v) => setConfig('scope', v)}
        hint={locks.scope === null ? 'Per layer: every layer hits s. Global: one cut over all layers.' : 'Only for target sparsity and the schedule.'}
      />

      <details className="prune-sub" open>
        <summary>
          Neurons <span className="prune-state">{c.keep < 1 ? `keep ${Math.round(c.keep * 100)} %` : 'all kept'}</span>
        </summary>
        <Reason text={locks.neurons} />
        <FloatRangeField
          label="Keep ratio p"
          testId="control-keep"
          value={c.keep}
          min={0.01}
          max={1}
          step={0.01}
          format={(v) => (v === 1 ? 'all' : `${Math.round(v * 100)} %`)}
          disabled={locks.neurons !== null}
          title={locks.neurons ?? undefined}
          onChange={(v) => setConfig('keep', v)}
          hint={
            c.keep < 1
              ? `Keeps the ⌈p·n⌉ most important ${convLayers.length > 0 ? 'filters and neurons per conv and dense' : 'neurons per hidden'} layer: ${widths.join(',')} → ${keptWidths(widths, c.keep).join(',')}.`
              : `Move left to switch off the least important ${convLayers.length > 0 ? 'filters and neurons' : 'neurons'}.`
          }
        />
        <SelectField
          label="Importance"
          testId="control-importance"
          value={c.importance}
          options={options(IMPORTANCES, IMPORTANCE_LABELS)}
          disabled={locks.neurons !== null}
          title={locks.neurons ?? undefined}
          onChange={(v) => setConfig('importance', v)}
        />
        <div className="prune-actions">
          <button
            type="button"
            data-testid="btn-compact"
            disabled={!canCompact}
            aria-busy={compacting}
            title={canCompact ? 'Remove the switched-off neurons for real: a smaller dense network with the same outputs' : c.keep >= 1 ? 'Set a keep ratio below 100 % first' : (locks.neurons ?? undefined)}
            onClick={compact}
          >
            {compacting ? 'Compacting…' : 'Compact'}
          </button>
        </div>
        {compacted && model !== null ? (
          <p className="prune-done" data-testid="compacted-shape" data-value={shape(model.hidden)}>
            Compacted to {shape(model.hidden)} — reset to restore
          </p>
        ) : null}
      </details>

      <ScheduleGroup />
      <LotteryGroup />
    </section>
  );
}
