import type { StageView } from '../../state/page';
import { AccuracyCard, SparsityCard } from '../charts/ChartCards';
import { AugExperimentCard, LotteryCard } from '../experiments/ExperimentCards';
import { SweepPanel } from '../experiments/SweepChart';
import { AugPreviewCard } from '../images/AugPreviewCard';
import { OwnDataCard } from '../owndata/OwnDataCard';
import { ControlGate } from '../classroom/ControlGate';
import { CompactionCard } from '../prune/CompactionCard';
import { ScheduleCurve } from '../prune/ScheduleCurve';
import { WeightHistogram } from '../prune/WeightHistogram';

/**
 * One view by its id: the card that shows it, wherever it sits (on the stage
 * with `fill`, taking the height it is given; below it at its own height).
 * A view is on the page once: the stage takes it, the lists below skip it.
 */
export function ViewCard({ id, fill = false }: { id: StageView; fill?: boolean }) {
  switch (id) {
    case 'accuracy':
      return <AccuracyCard fill={fill} />;
    case 'sparsity':
      return <SparsityCard fill={fill} />;
    case 'histogram':
      return <WeightHistogram />;
    case 'schedule':
      return <ScheduleCurve />;
    case 'compaction':
      return <CompactionCard placeholder={fill} />;
    case 'sweep':
      return <SweepPanel />;
    case 'lottery':
      return <LotteryCard />;
    case 'augPreview':
      return <AugPreviewCard />;
    case 'augExperiment':
      return <AugExperimentCard />;
    case 'ownData':
      return (
        <ControlGate control="pts">
          <OwnDataCard />
        </ControlGate>
      );
  }
}
