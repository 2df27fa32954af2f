import { useShallow } from 'zustand/react/shallow';
import { PruningMaskFormula } from '../math/Formulas';
import { datasetInfo } from '../../engine/data/catalog';
import { hiddenWidths } from '../../engine/model/spec';
import { IMPORTANCES, PRUNE_MODES, PRUNE_SCOPES } from '../../engine/prune/types';
import { configSpec, convLayersOf } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { formatPercent } from '../format';
import { SectionGate } from '../classroom/ControlGate';
import { CONTROL_GROUPS } from '../classroom/sections';
import { useT } from '../i18n';
import { importanceLabel, labelled, pruneModeLabel, pruneScopeLabel } from '../labels';
import { SelectField } from '../controls/fields';
import './pruning.css';
import { hiddenShapeText } from '../data/networkShape';
import { keptWidths, pruningLocks } from './pruningRules';
import { Reason } from '../controls/Reason';
import { ScheduleGroup } from './ScheduleGroup';
import { KeySlider } from '../controls/ConfigFields';
import { ThresholdField } from './ThresholdField';
import { Group } from '../shell/Group';

/** The per-layer cuts the worker reports (q·std or the smallest kept |w|), as a short list. */
const formatCuts = (cuts: readonly number[]): string => cuts.map((c) => (c === 0 ? '–' : Number(c.toPrecision(2)))).join(', ');

/**
 * "Prune": the weight mask by hand (threshold θ, target sparsity s or Han's
 * q·std), neurons by keep-ratio with compaction, then the gradual schedule.
 * Every change applies at once to the current network, no training step
 * needed; moving a control back restores the weights (the worker keeps the
 * dense ones). The lottery rounds are an experiment of their own (below the
 * stage). Test ids: `control-<URL key>`.
 */
export function PruneGroup() {
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
  const t = useT();
  const locks = pruningLocks(c, compacted, t);
  const manualOff = locks.manual !== null;
  const cuts = model !== null && model.thresholds.some((cut) => cut > 0) ? t('controls.cuts', { cuts: formatCuts(model.thresholds) }) : null;
  const info = datasetInfo(c.dataset);
  const convLayers = convLayersOf(c);
  const shape = (hidden: readonly number[]): string => hiddenShapeText(hidden, convLayers, c.pool, info.inputDim, info.outputDim);
  // A CNN's hidden layers: its conv filters, then its dense layers.
  const widths = hiddenWidths(configSpec(c));
  const canCompact = c.keep < 1 && !compacted && !compacting && locks.neurons === null;

  return (
    <Group panel="prune" title={t('layout.panel.prune')}>
      <SelectField
        label={t('controls.pmode')}
        testId="control-pmode"
        value={c.pmode}
        options={labelled(PRUNE_MODES, (v) => pruneModeLabel(t, v))}
        onChange={(v) => setConfig('pmode', v)}
      />
      <Reason text={locks.manual} />
      <PruningMaskFormula />
      {c.pmode === 'threshold' ? (
        <ThresholdField
          value={c.threshold}
          disabled={manualOff}
          title={locks.manual ?? undefined}
          onChange={(v) => setConfig('threshold', v)}
          hint={t('controls.threshold.hint')}
        />
      ) : c.pmode === 'sparsity' ? (
        <KeySlider
          k="sparsity"
          label={t('controls.sparsity')}
          format={(v) => (v === 0 ? t('controls.off') : formatPercent(v))}
          disabled={manualOff}
          title={locks.manual ?? undefined}
          hint={cuts ?? t('controls.sparsity.hint')}
        />
      ) : (
        <KeySlider
          k="q"
          label={t('controls.q')}
          format={(v) => (v === 0 ? t('controls.off') : v.toFixed(2))}
          disabled={manualOff}
          title={locks.manual ?? undefined}
          hint={cuts ?? t('controls.q.hint')}
        />
      )}
      <SelectField
        label={t('controls.scope')}
        testId="control-scope"
        value={c.scope}
        options={labelled(PRUNE_SCOPES, (v) => pruneScopeLabel(t, v))}
        disabled={locks.scope !== null}
        title={locks.scope ?? undefined}
        onChange={(v) => setConfig('scope', v)}
        hint={locks.scope === null ? t('controls.scope.hint') : t('controls.scope.hintOff')}
      />

      <SectionGate controls={CONTROL_GROUPS.neurons}>
        <details className="prune-sub" open>
          <summary>
            {t('controls.neurons')}{' '}
            <span className="prune-state">{c.keep < 1 ? t('controls.neurons.keep', { percent: t('controls.percent', { n: Math.round(c.keep * 100) }) }) : t('controls.neurons.all')}</span>
          </summary>
          <Reason text={locks.neurons} />
          <KeySlider
            k="keep"
            label={t('controls.keep')}
            format={(v) => (v === 1 ? t('controls.keep.all') : t('controls.percent', { n: Math.round(v * 100) }))}
            disabled={locks.neurons !== null}
            title={locks.neurons ?? undefined}
            hint={
              c.keep < 1
                ? t(convLayers.length > 0 ? 'controls.keep.hintCnn' : 'controls.keep.hint', { from: widths.join(','), to: keptWidths(widths, c.keep).join(',') })
                : t(convLayers.length > 0 ? 'controls.keep.hintOffCnn' : 'controls.keep.hintOff')
            }
          />
          <SelectField
            label={t('controls.importance')}
            testId="control-importance"
            value={c.importance}
            options={labelled(IMPORTANCES, (v) => importanceLabel(t, v))}
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
              title={canCompact ? t('controls.compact.title') : c.keep >= 1 ? t('controls.compact.needsKeep') : (locks.neurons ?? undefined)}
              onClick={compact}
            >
              {compacting ? t('controls.compacting') : t('controls.compact')}
            </button>
          </div>
          {compacted && model !== null ? (
            <p className="prune-done" data-testid="compacted-shape" data-value={shape(model.hidden)}>
              {t('controls.compacted', { shape: shape(model.hidden) })}
            </p>
          ) : null}
        </details>
      </SectionGate>

      <SectionGate controls={CONTROL_GROUPS.schedule}>
        <ScheduleGroup />
      </SectionGate>
    </Group>
  );
}
