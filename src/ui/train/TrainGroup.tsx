import { CNN_WASM_REASON } from '../../engine/model/spec';
import { BACKEND_CHOICES, OPTIMIZERS } from '../../engine/types';
import { trainsCnn } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { boundsOf } from '../../state/urlCodec';
import { SectionGate } from '../classroom/ControlGate';
import { sectionKeys } from '../classroom/sections';
import { KeyNumber } from '../controls/ConfigFields';
import { SelectField } from '../controls/fields';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { backendChoiceLabel, labelled, optimizerLabel } from '../labels';
import { PinnedList } from '../pins/PinsBar';
import { Group, SubGroup } from '../shell/Group';
import { LearningRateField } from './LearningRateField';

/** A fresh random seed within the `seed` key's bounds. */
function randomSeed(): number {
  const { max } = boundsOf('seed');
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0] % (max + 1);
}

/**
 * "Train": how the network learns (optimizer, learning rate and batch size
 * apply from the next step; the seed and the backend start a new run), and the
 * runs pinned for comparison. Play, step, reset and the speed are in the
 * header, always in reach.
 */
export function TrainGroup() {
  const opt = useAppStore((s) => s.config.opt);
  const backend = useAppStore((s) => s.config.backend);
  const cnn = useAppStore((s) => trainsCnn(s.config));
  const setConfig = useAppStore((s) => s.setConfig);
  const t = useT();
  const rt = useRuntimeText();
  return (
    <Group panel="train" title={t('layout.panel.train')}>
      <SectionGate controls={sectionKeys('training')}>
        <SelectField label={t('controls.opt')} testId="control-opt" value={opt} options={labelled(OPTIMIZERS, (v) => optimizerLabel(t, v))} onChange={(v) => setConfig('opt', v)} />
        <LearningRateField />
        <KeyNumber k="batch" label={t('controls.batch')} delayMs={0} />
        <KeyNumber
          k="seed"
          label={t('controls.seed')}
          delayMs={0}
          after={
            <button type="button" className="icon" data-testid="btn-seed-shuffle" title={t('controls.seed.shuffle')} aria-label={t('controls.seed.shuffle')} onClick={() => setConfig('seed', randomSeed())}>
              ⚄
            </button>
          }
        />
        <SelectField
          label={t('controls.backend')}
          testId="control-backend"
          value={backend}
          options={labelled(BACKEND_CHOICES, (v) => backendChoiceLabel(t, v))}
          onChange={(v) => setConfig('backend', v)}
          hint={cnn && backend === 'wasm' ? t('controls.backend.cnnWasm', { reason: rt(CNN_WASM_REASON) }) : undefined}
        />
      </SectionGate>
      <SubGroup title={t('layout.pins.heading')} className="pins-group">
        <PinnedList />
      </SubGroup>
    </Group>
  );
}
