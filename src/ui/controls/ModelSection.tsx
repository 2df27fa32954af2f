import { useShallow } from 'zustand/react/shallow';
import { POOL_SIZES } from '../../engine/model/convSpec';
import { ACTIVATIONS } from '../../engine/types';
import { ARCHES } from '../../protocol/config';
import { imageDataset } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { ACTIVATION_LABELS, ARCH_LABELS } from '../labels';
import { ConvField } from './ConvField';
import { SelectField } from './fields';
import { LayersField } from './LayersField';
import { SizeTable } from './SizeTable';
import './network.css';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

/** Pooling as the select offers it, largest window first: '2' → 2×2 max-pool, '1' → none. */
const POOL_OPTIONS = [...POOL_SIZES].sort((a, b) => b - a).map((p) => ({ value: String(p), label: p > 1 ? `${p}×${p} max-pool after each conv` : 'none' }));

/** Why the CNN cannot train on the WASM backend (the facts of engine/model/spec.ts CNN_WASM_REASON). */
const CNN_BACKEND_HINT = 'Trains on WebGL, WebGPU or CPU: tfjs WASM has no kernel for conv gradients (Conv2DBackpropFilter).';

/**
 * The "Model" card: the network structure (MLP or, on image data, a CNN with
 * its conv layers and pooling, or the seed article's CNN in one click), the
 * hidden (for a CNN: dense) layers, the activation, and on image data how the
 * MLP and the CNN compare in size. Every control here starts a new run.
 * Test ids: `control-arch`, `control-conv`, `control-pool`, `btn-seed-cnn`,
 * `control-layers`, `control-act`, `size-table`.
 */
export function ModelSection() {
  const c = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, arch: s.config.arch, pool: s.config.pool, act: s.config.act })));
  const setConfig = useAppStore((s) => s.setConfig);
  const applySeedArticleCnn = useAppStore((s) => s.applySeedArticleCnn);
  const images = imageDataset(c.dataset);
  const cnn = images && c.arch === 'cnn';
  return (
    <section className="group" aria-label="Model settings">
      <h2>Model</h2>
      <SelectField
        label="Network"
        testId="control-arch"
        value={images ? c.arch : 'mlp'}
        options={options(ARCHES, ARCH_LABELS)}
        disabled={!images}
        title={images ? undefined : 'CNNs need image data: pick MNIST'}
        onChange={(v) => setConfig('arch', v)}
        hint={
          !images ? (
            <span data-testid="arch-hint">CNNs need image data: pick MNIST.</span>
          ) : cnn ? (
            <span data-testid="arch-hint">{CNN_BACKEND_HINT}</span>
          ) : undefined
        }
      />
      {images ? (
        <div className="model-preset">
          <button type="button" data-testid="btn-seed-cnn" onClick={applySeedArticleCnn} title="Conv 32 → pool → Conv 64 → pool → Flatten → Dense 128 → Dropout 0.5 → 10 (a new run)">
            Seed-article CNN
          </button>
          <span className="hint">Conv 32 → pool → Conv 64 → pool → Dense 128 → Dropout 0.5</span>
        </div>
      ) : null}
      {cnn ? (
        <>
          <ConvField />
          <SelectField label="Pooling" testId="control-pool" value={String(c.pool)} options={POOL_OPTIONS} onChange={(v) => setConfig('pool', Number(v))} />
        </>
      ) : null}
      <LayersField />
      <SelectField label="Activation" testId="control-act" value={c.act} options={options(ACTIVATIONS, ACTIVATION_LABELS)} onChange={(v) => setConfig('act', v)} hint={cnn ? 'Conv and dense layers alike.' : undefined} />
      <SizeTable />
    </section>
  );
}
