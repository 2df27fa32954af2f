import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { forwardFlopsPerSample, parameterCount } from '../../engine/model/spec';
import { configSpec } from '../../state/network';
import { nonzeroOf, sparsityOf } from '../../state/pruning';
import { useAppStore } from '../../state/useAppStore';
import { formatCompact, formatCount, formatFlops, formatLoss, formatPercent, formatRate, rawValue } from '../format';
import { PageTools } from '../classroom/PageTools';
import { useT } from '../i18n';
import { BackendBadge } from './BackendBadge';
import { figureNotes } from './figureNotes';
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
  const t = useT();
  const lossName = classification ? t('header.loss.crossEntropy') : t('header.loss.mse');
  // Issue 16: each figure says which rows it is over and the step it belongs to (run.testStep, testRows, trainLossKind, …).
  const noted = useAppStore(
    useShallow((s) => ({
      testStep: s.run.testStep,
      testRows: s.run.testRows,
      testTotal: s.run.testTotal,
      trainLossStep: s.run.trainLossStep,
      trainLossKind: s.run.trainLossKind,
      trainLossRows: s.run.trainLossRows,
      trainLossTotal: s.run.trainLossTotal,
    })),
  );
  const notes = figureNotes(t, noted, dataset);
  // The penalty is 0 while it is off, even before the first step; the objective is data loss + penalty (what Keras reports).
  const penalty = run.penalty ?? (regularised ? null : 0);
  const objective = run.trainLoss === null ? null : run.trainLoss + (run.penalty ?? 0);

  return (
    <header className="topbar">
      <h1>
        Prune <span>Playground</span>
      </h1>
      <dl className="metrics">
        <Metric name="step" label={t('header.step')} value={formatCount(run.step)} raw={String(run.step)} />
        <Metric name="epoch" label={t('header.epoch')} value={formatCount(run.epoch)} raw={String(run.epoch)} title={t('header.epochTitle')} />
        <Metric name="steps-per-sec" label={t('header.rate')} value={formatRate(run.stepsPerSecond)} raw={String(run.stepsPerSecond)} title={t('header.rateTitle')} />
        <BackendBadge />
        <Metric
          name="train-loss"
          label={t('header.trainLoss')}
          value={formatLoss(objective)}
          raw={rawValue(objective)}
          title={regularised ? t('header.trainLossTitle') : t('header.trainLossTitleBare')}
          note={notes.train}
        />
        <Metric name="data-loss" label={t('header.dataLoss')} value={formatLoss(run.trainLoss)} raw={rawValue(run.trainLoss)} title={t('header.dataLossTitle', { loss: lossName })} />
        <Metric name="penalty" label={t('header.penalty')} value={penalty === 0 ? '0' : formatLoss(penalty)} raw={rawValue(penalty)} title={t('header.penaltyTitle')} />
        <Metric name="test-loss" label={t('header.testLoss')} value={formatLoss(run.testLoss)} raw={rawValue(run.testLoss)} title={t('header.testLossTitle', { loss: lossName })} note={notes.test} />
        <Metric
          name="test-accuracy"
          label={t('header.testAccuracy')}
          value={classification ? formatPercent(run.testAccuracy) : t('header.notApplicable')}
          raw={classification ? rawValue(run.testAccuracy) : ''}
          title={classification ? t('header.testAccuracyTitle') : t('header.testAccuracyNone')}
        />
        <Metric
          name="params"
          label={t('header.params')}
          value={formatCompact(params)}
          raw={String(params)}
          title={t(model?.compacted ? 'header.paramsTitleCompacted' : 'header.paramsTitle', { count: formatCount(params) })}
        />
        <Metric name="sparsity" label={t('header.sparsity')} value={formatPercent(sparsity)} raw={rawValue(sparsity)} title={t('header.sparsityTitle')} />
        <Metric
          name="nonzero"
          label={t('header.nonzero')}
          value={formatCompact(nonzero)}
          raw={rawValue(nonzero)}
          title={nonzero === null ? t('header.nonzeroTitleNone') : t('header.nonzeroTitle', { count: formatCount(nonzero) })}
        />
        <Metric name="flops" label={t('header.flops')} value={formatFlops(flops)} raw={String(flops)} title={t('header.flopsTitle')} />
      </dl>
      <PageTools />
    </header>
  );
}
