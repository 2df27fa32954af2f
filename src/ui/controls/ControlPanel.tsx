import { useShallow } from 'zustand/react/shallow';
import { CNN_WASM_REASON } from '../../engine/model/spec';
import { BACKEND_CHOICES, DATASET_NAMES, OPTIMIZERS } from '../../engine/types';
import { trainsCnn } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { MAX_SEED } from '../../state/urlCodec';
import { SectionGate } from '../classroom/ControlGate';
import { CONTROL_GROUPS, sectionKeys } from '../classroom/sections';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { backendChoiceLabel, datasetLabel, labelled, optimizerLabel } from '../labels';
import { AugmentationSection } from './AugmentationSection';
import { RangeField, SelectField } from './fields';
import { LearningRateField } from './LearningRateField';
import { ModelSection } from './ModelSection';
import { NumberField } from './NumberField';
import { Playback } from './Playback';
import { PruningSection } from './PruningSection';
import { RegularisationSection } from './RegularisationSection';

/** A fresh random seed in [0, 2³¹ − 1]. */
function randomSeed(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0] % (MAX_SEED + 1);
}

/**
 * The left panel: playback, then every setting of the experiment. Each control
 * carries `data-testid="control-<URL key>"` on its input or select. Changes
 * apply at once: data, model, seed and backend restart the run (cold); the
 * optimizer, learning rate, batch size, penalty, dropout and augmentation
 * apply from the next step (hot), and the pruning settings at once, to the current weights
 * (hot; the lottery is cold).
 */
export function ControlPanel() {
  const config = useAppStore(
    useShallow((s) => ({
      dataset: s.config.dataset,
      noise: s.config.noise,
      split: s.config.split,
      opt: s.config.opt,
      batch: s.config.batch,
      seed: s.config.seed,
      backend: s.config.backend,
      cnn: trainsCnn(s.config),
    })),
  );
  const setConfig = useAppStore((s) => s.setConfig);
  const setDataset = useAppStore((s) => s.setDataset);
  const mnist = config.dataset === 'mnist';
  const t = useT();
  const rt = useRuntimeText();

  return (
    <aside className="panel" aria-label={t('controls.panel')}>
      <Playback />
      <SectionGate controls={CONTROL_GROUPS.dataCard}>
        <section className="group">
          <h2>{t('controls.data.heading')}</h2>
          <SelectField
            label={t('controls.dataset')}
            testId="control-dataset"
            value={config.dataset}
            options={labelled(DATASET_NAMES, (v) => datasetLabel(t, v))}
            onChange={setDataset}
            hint={mnist ? t('controls.dataset.mnistHint') : undefined}
          />
          <RangeField label={t('controls.noise')} testId="control-noise" value={config.noise} min={0} max={50} unit=" %" disabled={mnist} onChange={(v) => setConfig('noise', v)} />
          <RangeField
            label={t('controls.split')}
            testId="control-split"
            value={config.split}
            min={10}
            max={90}
            unit=" %"
            disabled={mnist}
            onChange={(v) => setConfig('split', v)}
            hint={mnist ? t('controls.split.mnistHint') : undefined}
          />
        </section>
      </SectionGate>
      <SectionGate controls={sectionKeys('augmentation')}>
        <AugmentationSection />
      </SectionGate>
      <SectionGate controls={sectionKeys('model')}>
        <ModelSection />
      </SectionGate>
      <SectionGate controls={sectionKeys('training')}>
        <section className="group">
          <h2>{t('controls.training.heading')}</h2>
          <SelectField label={t('controls.opt')} testId="control-opt" value={config.opt} options={labelled(OPTIMIZERS, (v) => optimizerLabel(t, v))} onChange={(v) => setConfig('opt', v)} />
          <LearningRateField />
          <NumberField label={t('controls.batch')} testId="control-batch" value={config.batch} min={1} max={1024} onChange={(v) => setConfig('batch', v)} />
          <NumberField
            label={t('controls.seed')}
            testId="control-seed"
            value={config.seed}
            min={0}
            max={MAX_SEED}
            onChange={(v) => setConfig('seed', v)}
            after={
              <button type="button" className="icon" data-testid="btn-seed-shuffle" title={t('controls.seed.shuffle')} aria-label={t('controls.seed.shuffle')} onClick={() => setConfig('seed', randomSeed())}>
                ⚄
              </button>
            }
          />
          <SelectField
            label={t('controls.backend')}
            testId="control-backend"
            value={config.backend}
            options={labelled(BACKEND_CHOICES, (v) => backendChoiceLabel(t, v))}
            onChange={(v) => setConfig('backend', v)}
            hint={config.cnn && config.backend === 'wasm' ? t('controls.backend.cnnWasm', { reason: rt(CNN_WASM_REASON) }) : undefined}
          />
        </section>
      </SectionGate>
      <SectionGate controls={sectionKeys('regularisation')}>
        <RegularisationSection />
      </SectionGate>
      <SectionGate controls={sectionKeys('pruning')}>
        <PruningSection />
      </SectionGate>
    </aside>
  );
}
