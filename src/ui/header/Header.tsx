import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { forwardFlopsPerSample, parameterCount } from '../../engine/model/spec';
import { currentLessonStep } from '../../state/lessons';
import { configSpec } from '../../state/network';
import { nonzeroOf, sparsityOf } from '../../state/pruning';
import { useAppStore } from '../../state/useAppStore';
import { formatCompact, formatCount, formatFlops, formatLoss, formatPercent, formatRate, rawValue } from '../format';
import { PageTools } from '../classroom/PageTools';
import { useT } from '../i18n';
import { BackendBadge } from './BackendBadge';
import { figureNotes } from './figureNotes';
import { Playback } from './Playback';
import { Metric } from './Metric';

/** The figures of the header's second line (presenter mode shows them only when a lesson step names them). */
const MORE_FIGURES = ['epoch', 'steps-per-sec', 'data-loss', 'penalty', 'nonzero', 'flops'] as const;

/**
 * The header, sticky at the top of every screen: the product, play / step /
 * reset and the speed, the figures a student watches (step,
 * test accuracy and loss, train loss, sparsity, parameters), the page tools,
 * and a second line of figures (epoch, steps/s, backend, data loss, penalty,
 * non-zero weights, FLOPs per sample).
 */
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
  // The figures the open lesson's step names: presenter mode keeps them in the header.
  const named = useAppStore((s) => currentLessonStep(s.page.lesson, s.lessonStep)?.names.join(' ') ?? '');
  const isNamed = (metric: string): boolean => named.split(' ').includes(`metric-${metric}`);
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
    <header className={MORE_FIGURES.some(isNamed) ? 'topbar has-named' : 'topbar'}>
      <div className="brand">
        <h1 title={t('layout.tagline')}>
          Prune <span>Playground</span>
        </h1>
      </div>
      <Playback />
      <dl className="metrics metrics-main" aria-label={t('layout.figures')}>
        <Metric name="step" label={t('header.step')} value={formatCount(run.step)} raw={String(run.step)} />
        <Metric
          name="test-accuracy"
          label={t('header.testAccuracy')}
          value={classification ? formatPercent(run.testAccuracy) : t('header.notApplicable')}
          raw={classification ? rawValue(run.testAccuracy) : ''}
          title={classification ? t('header.testAccuracyTitle') : t('header.testAccuracyNone')}
        />
        <Metric name="test-loss" label={t('header.testLoss')} value={formatLoss(run.testLoss)} raw={rawValue(run.testLoss)} title={t('header.testLossTitle', { loss: lossName })} note={notes.test} />
        <Metric
          name="train-loss"
          label={t('header.trainLoss')}
          value={formatLoss(objective)}
          raw={rawValue(objective)}
          title={regularised ? t('header.trainLossTitle') : t('header.trainLossTitleBare')}
          note={notes.train}
        />
        <Metric name="sparsity" label={t('header.sparsity')} value={formatPercent(sparsity)} raw={rawValue(sparsity)} title={t('header.sparsityTitle')} />
        <Metric
          name="params"
          label={t('header.params')}
          value={formatCompact(params)}
          raw={String(params)}
          title={t(model?.compacted ? 'header.paramsTitleCompacted' : 'header.paramsTitle', { count: formatCount(params) })}
        />
      </dl>
      <dl className="metrics metrics-more" aria-label={t('layout.figures.more')}>
        <Metric named={isNamed('epoch')} name="epoch" label={t('header.epoch')} value={formatCount(run.epoch)} raw={String(run.epoch)} title={t('header.epochTitle')} />
        <Metric named={isNamed('steps-per-sec')} name="steps-per-sec" label={t('header.rate')} value={formatRate(run.stepsPerSecond)} raw={String(run.stepsPerSecond)} title={t('header.rateTitle')} />
        <BackendBadge />
        <Metric named={isNamed('data-loss')} name="data-loss" label={t('header.dataLoss')} value={formatLoss(run.trainLoss)} raw={rawValue(run.trainLoss)} title={t('header.dataLossTitle', { loss: lossName })} />
        <Metric named={isNamed('penalty')} name="penalty" label={t('header.penalty')} value={penalty === 0 ? '0' : formatLoss(penalty)} raw={rawValue(penalty)} title={t('header.penaltyTitle')} />
        <Metric
          named={isNamed('nonzero')}
          name="nonzero"
          label={t('header.nonzero')}
          value={formatCompact(nonzero)}
          raw={rawValue(nonzero)}
          title={nonzero === null ? t('header.nonzeroTitleNone') : t('header.nonzeroTitle', { count: formatCount(nonzero) })}
        />
        <Metric named={isNamed('flops')} name="flops" label={t('header.flops')} value={formatFlops(flops)} raw={String(flops)} title={t('header.flopsTitle')} />
      </dl>
      <PageTools />
    </header>
  );
}
