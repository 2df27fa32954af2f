import { useShallow } from 'zustand/react/shallow';
import { POOL_SIZES } from '../../engine/model/convSpec';
import { ACTIVATIONS } from '../../engine/types';
import { ARCHES } from '../../protocol/config';
import { imageDataset } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { ControlGate } from '../classroom/ControlGate';
import { SEED_CNN_ALSO_SETS } from '../classroom/sections';
import { useT, type Translate } from '../i18n';
import { activationLabel, archLabel, labelled } from '../labels';
import { ConvField } from './ConvField';
import { SelectField } from '../controls/fields';
import { LayersField } from './LayersField';
import { SizeTable } from './SizeTable';
import { SubGroup } from '../shell/Group';
import './network.css';

/** Pooling as the select offers it, largest window first: '2' → 2×2 max-pool, '1' → none. */
const poolOptions = (t: Translate) =>
  [...POOL_SIZES].sort((a, b) => b - a).map((p) => ({ value: String(p), label: p > 1 ? t('controls.pool.window', { p }) : t('controls.pool.none') }));

/**
 * The network, inside "Data & network": the network structure (MLP or, on image data, a CNN with
 * its conv layers and pooling, or the classic small CNN in one click), the
 * hidden (for a CNN: dense) layers, the activation, and on image data how the
 * MLP and the CNN compare in size (right under the choice). Every control here starts a new run.
 * Test ids: `control-arch`, `control-conv`, `control-pool`, `btn-seed-cnn`,
 * `control-layers`, `control-act`, `size-table`.
 */
export function ModelSection() {
  const c = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, arch: s.config.arch, pool: s.config.pool, act: s.config.act })));
  const setConfig = useAppStore((s) => s.setConfig);
  const setArch = useAppStore((s) => s.setArch);
  const applySeedArticleCnn = useAppStore((s) => s.applySeedArticleCnn);
  const images = imageDataset(c.dataset);
  const cnn = images && c.arch === 'cnn';
  const t = useT();
  return (
    <SubGroup title={t('controls.model.heading')}>
      <SelectField
        label={t('controls.arch')}
        testId="control-arch"
        value={images ? c.arch : 'mlp'}
        options={labelled(ARCHES, (v) => archLabel(t, v))}
        disabled={!images}
        title={images ? undefined : t('controls.arch.needsImages')}
        onChange={(v) => setArch(v)}
        hint={
          !images ? (
            <span data-testid="arch-hint">{t('controls.arch.needsImages')}</span>
          ) : cnn ? (
            <span data-testid="arch-hint">{t('controls.arch.cnnBackends')}</span>
          ) : undefined
        }
      />
      <SizeTable />
      {images ? (
        <ControlGate control="arch" alsoSets={SEED_CNN_ALSO_SETS}>
          <div className="model-preset">
            <button type="button" data-testid="btn-seed-cnn" onClick={applySeedArticleCnn} title={t('controls.seedCnn.title')}>
              {t('controls.seedCnn')}
            </button>
            <span className="hint">{t('controls.seedCnn.stack')}</span>
          </div>
        </ControlGate>
      ) : null}
      {cnn ? (
        <>
          <ControlGate control="conv">
            <ConvField />
          </ControlGate>
          <SelectField label={t('controls.pool')} testId="control-pool" value={String(c.pool)} options={poolOptions(t)} onChange={(v) => setConfig('pool', Number(v))} />
        </>
      ) : null}
      <ControlGate control="layers">
        <LayersField />
      </ControlGate>
      <SelectField
        label={t('controls.act')}
        testId="control-act"
        value={c.act}
        options={labelled(ACTIVATIONS, (v) => activationLabel(t, v))}
        onChange={(v) => setConfig('act', v)}
        hint={cnn ? t('controls.act.cnnHint') : undefined}
      />
    </SubGroup>
  );
}
