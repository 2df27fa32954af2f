import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { forwardFlopsPerSample, parameterCount } from '../../engine/model/spec';
import { configSpec } from '../../state/network';
import { nonzeroOf, sparsityOf } from '../../state/pruning';
import { useAppStore } from '../../state/useAppStore';
import { formatCompact, formatCount, formatFlops, formatLoss, formatPercent, formatRate, rawValue } from '../format';
import { PageTools } from '../classroom/PageTools';
import { BackendBadge } from './BackendBadge';
import { Metric } from './Metric';

/** The product name and the live figures of the run, in one line. */
export function Header() {
  const run = useAppStore(
    useShallow((s) => ({
      step: s.run.step,
      epoch: s.run.epoch,
      stepsPerSecond: s.run.stepsPerSecond,
      trainLoss: s.run.trainLoss,
      penalty: s.run.penalty,
      testLoss: s.run.testLoss,
      testAccuracy: s.run.testAccuracy,
    })),
  );
  const net = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, arch: s.config.arch, conv: s.config.conv, pool: s.config.pool, layers: s.config.layers, act: s.config.act })));
  const dataset = net.dataset;
  const regularised = useAppStore((s) => s.config.l1 > 0 || s.config.l2 > 0);
  const info = datasetInfo(dataset);
  const model = useAppStore((s) => s.pruning.model);
  // Before the run's first stats, the counts of the configured (dense) network.
  const specCost = useMemo(() => {
    const spec = configSpec(net);
    return { params: parameterCount(spec), flops: forwardFlopsPerSample(spec) };
  }, [net]);
  const params = model?.params ?? specCost.params;
  const flops = model?.flops ?? specCost.flops;
  const sparsity = sparsityOf(model);
  const nonzero = nonzeroOf(model);
  const classification = info.task === 'classification';
  const lossName = classification ? 'cross-entropy' : 'mean squared error';
  // The penalty is 0 while it is off, even before the first step; the objective is data loss + penalty (what Keras reports).
  const penalty = run.penalty ?? (regularised ? null : 0);
  const objective = run.trainLoss === null ? null : run.trainLoss + (run.penalty ?? 0);

  return (
    <header className="topbar">
      <h1>
        Prune <span>Playground</span>
      </h1>
      <dl className="metrics">
        <Metric name="step" label="Step" value={formatCount(run.step)} raw={String(run.step)} />
        <Metric name="epoch" label="Epoch" value={formatCount(run.epoch)} raw={String(run.epoch)} title="Completed passes over the training set" />
        <Metric
          name="steps-per-sec"
          label="Steps/s"
          value={formatRate(run.stepsPerSecond)}
          raw={String(run.stepsPerSecond)}
          title="Training steps per second over the last second (evaluation and messaging included)"
        />
        <BackendBadge />
        <Metric
          name="train-loss"
          label="Train loss"
          value={formatLoss(objective)}
          raw={rawValue(objective)}
          title={`Data loss + penalty of the latest mini-batches: what training minimises${regularised ? '' : ' (no penalty: the data loss)'}`}
        />
        <Metric name="data-loss" label="Data loss" value={formatLoss(run.trainLoss)} raw={rawValue(run.trainLoss)} title={`Mean ${lossName} of the latest mini-batches, comparable with the test loss`} />
        <Metric
          name="penalty"
          label="Penalty"
          value={penalty === 0 ? '0' : formatLoss(penalty)}
          raw={rawValue(penalty)}
          title="λ₁Σ|w| + λ₂Σw² over the weights (biases excluded), added to the data loss; 0 when off"
        />
        <Metric name="test-loss" label="Test loss" value={formatLoss(run.testLoss)} raw={rawValue(run.testLoss)} title={`${lossName} on the held-out test set`} />
        <Metric
          name="test-accuracy"
          label="Test accuracy"
          value={classification ? formatPercent(run.testAccuracy) : 'n/a'}
          raw={classification ? rawValue(run.testAccuracy) : ''}
          title={classification ? 'Share of test samples classified correctly' : 'Regression: no accuracy'}
        />
        <Metric
          name="params"
          label="Parameters"
          value={formatCompact(params)}
          raw={String(params)}
          title={`${formatCount(params)} weights and biases${model?.compacted ? ' of the compacted network' : ''}`}
        />
        <Metric
          name="sparsity"
          label="Sparsity"
          value={formatPercent(sparsity)}
          raw={rawValue(sparsity)}
          title="Share of the weights (biases excluded) that are exactly zero"
        />
        <Metric
          name="nonzero"
          label="Non-zero"
          value={formatCompact(nonzero)}
          raw={rawValue(nonzero)}
          title={nonzero === null ? 'Weights not exactly zero' : `${formatCount(nonzero)} weights not exactly zero (biases excluded)`}
        />
        <Metric
          name="flops"
          label="FLOPs"
          value={formatFlops(flops)}
          raw={String(flops)}
          title="Dense forward pass per sample (2·in·out per layer, × output positions for a conv layer): zeros in a dense matrix still cost, removed neurons do not"
        />
      </dl>
      <PageTools />
    </header>
  );
}
