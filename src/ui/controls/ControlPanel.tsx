import { useShallow } from 'zustand/react/shallow';
import { CNN_WASM_REASON } from '../../engine/model/spec';
import { BACKEND_CHOICES, DATASET_NAMES, OPTIMIZERS } from '../../engine/types';
import { trainsCnn } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { MAX_SEED } from '../../state/urlCodec';
import { BACKEND_CHOICE_LABELS, DATASET_LABELS, OPTIMIZER_LABELS } from '../labels';
import { AugmentationSection } from './AugmentationSection';
import { RangeField, SelectField } from './fields';
import { LearningRateField } from './LearningRateField';
import { ModelSection } from './ModelSection';
import { NumberField } from './NumberField';
import { Playback } from './Playback';
import { PruningSection } from './PruningSection';
import { RegularisationSection } from './RegularisationSection';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

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

  return (
    <aside className="panel" aria-label="Experiment settings">
      <Playback />
      <section className="group">
        <h2>Data</h2>
        <SelectField
          label="Dataset"
          testId="control-dataset"
          value={config.dataset}
          options={options(DATASET_NAMES, DATASET_LABELS)}
          onChange={setDataset}
          hint={mnist ? 'Switching to MNIST also picks LeNet-300-100, ReLU, batch 128, lr 0.001.' : undefined}
        />
        <RangeField label="Noise" testId="control-noise" value={config.noise} min={0} max={50} unit=" %" disabled={mnist} onChange={(v) => setConfig('noise', v)} />
        <RangeField
          label="Training share"
          testId="control-split"
          value={config.split}
          min={10}
          max={90}
          unit=" %"
          disabled={mnist}
          onChange={(v) => setConfig('split', v)}
          hint={mnist ? 'MNIST: a fixed split of 8,000 training and 2,000 test digits; use fewer training digits below.' : undefined}
        />
      </section>
      <AugmentationSection />
      <ModelSection />
      <section className="group">
        <h2>Training</h2>
        <SelectField label="Optimizer" testId="control-opt" value={config.opt} options={options(OPTIMIZERS, OPTIMIZER_LABELS)} onChange={(v) => setConfig('opt', v)} />
        <LearningRateField />
        <NumberField label="Batch size" testId="control-batch" value={config.batch} min={1} max={1024} onChange={(v) => setConfig('batch', v)} />
        <NumberField
          label="Seed"
          testId="control-seed"
          value={config.seed}
          min={0}
          max={MAX_SEED}
          onChange={(v) => setConfig('seed', v)}
          after={
            <button type="button" className="icon" data-testid="btn-seed-shuffle" title="New random seed" aria-label="New random seed" onClick={() => setConfig('seed', randomSeed())}>
              ⚄
            </button>
          }
        />
        <SelectField
          label="Backend"
          testId="control-backend"
          value={config.backend}
          options={options(BACKEND_CHOICES, BACKEND_CHOICE_LABELS)}
          onChange={(v) => setConfig('backend', v)}
          hint={config.cnn && config.backend === 'wasm' ? `${CNN_WASM_REASON}: this run trains on another backend.` : undefined}
        />
      </section>
      <RegularisationSection />
      <PruningSection />
    </aside>
  );
}
