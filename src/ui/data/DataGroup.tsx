import { DATASET_NAMES } from '../../engine/types';
import { useAppStore } from '../../state/useAppStore';
import { SectionGate } from '../classroom/ControlGate';
import { CONTROL_GROUPS, sectionKeys } from '../classroom/sections';
import { KeySlider } from '../controls/ConfigFields';
import { SelectField } from '../controls/fields';
import { useT } from '../i18n';
import { datasetLabel, labelled } from '../labels';
import { Group, SubGroup } from '../shell/Group';
import { ModelSection } from './ModelSection';

/**
 * "Data & network": the dataset with its noise and training share, then the
 * network (MLP or CNN, layers, activation). Every control here starts a new
 * run. Test ids: `control-dataset`, `control-noise`, `control-split`, and the
 * network's (see {@link ModelSection}).
 */
export function DataGroup() {
  const dataset = useAppStore((s) => s.config.dataset);
  const setDataset = useAppStore((s) => s.setDataset);
  const mnist = dataset === 'mnist';
  const t = useT();
  return (
    <Group panel="data" title={t('layout.panel.data')}>
      <SectionGate controls={CONTROL_GROUPS.dataCard}>
        <SubGroup title={t('controls.data.heading')}>
          <SelectField
            label={t('controls.dataset')}
            testId="control-dataset"
            value={dataset}
            options={labelled(DATASET_NAMES, (v) => datasetLabel(t, v))}
            onChange={setDataset}
            hint={mnist ? t('controls.dataset.mnistHint') : undefined}
          />
          <KeySlider k="noise" label={t('controls.noise')} format={(v) => `${v} %`} disabled={mnist} />
          <KeySlider k="split" label={t('controls.split')} format={(v) => `${v} %`} disabled={mnist} hint={mnist ? t('controls.split.mnistHint') : undefined} />
        </SubGroup>
      </SectionGate>
      <SectionGate controls={sectionKeys('model')}>
        <ModelSection />
      </SectionGate>
    </Group>
  );
}
