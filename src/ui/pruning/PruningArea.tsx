import { useAppStore } from '../../state/useAppStore';
import { CompactionCard } from './CompactionCard';
import { LotteryTable } from './LotteryTable';
import { ScheduleCurve } from './ScheduleCurve';
import { SweepPanel } from './SweepChart';
import { WeightHistogram } from './WeightHistogram';
import { useT } from '../i18n';

/**
 * The pruning pictures below the step-axis charts: weight histogram and
 * accuracy-vs-sparsity sweep side by side, then the schedule, compaction and
 * lottery cards when they have something to show.
 */
export function PruningArea() {
  const scheduled = useAppStore((s) => s.config.sched === 'poly');
  const lottery = useAppStore((s) => s.config.lottery !== 'off' || s.pruning.lottery.rows.length > 0);
  const t = useT();
  return (
    <section className="pruning" aria-label={t('views.pruning.section')}>
      <h2 className="section-title">{t('views.pruning.section')}</h2>
      <div className="pruning-pair">
        <WeightHistogram />
        <SweepPanel />
      </div>
      {scheduled ? <ScheduleCurve /> : null}
      <CompactionCard />
      {lottery ? <LotteryTable /> : null}
    </section>
  );
}
