import type { ReactNode } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import type { LotteryRow } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';
import { formatCount, formatLoss, formatPercent } from '../format';
import { comparisonTable } from '../prune/pruningView';
import { useT, type MessageKey } from '../i18n';
import { lotteryLabel } from '../labels';

const MODE_TITLES: Record<LotteryRow['mode'], MessageKey> = {
  rewind: 'views.lottery.rewind',
  random: 'views.lottery.random',
};

/** One lottery table; `current` marks the rows of this run (`data-testid="lottery-row"`) for tests. */
function RoundsTable({ rows, classification, current }: { rows: LotteryRow[]; classification: boolean; current: boolean }) {
  const t = useT();
  return (
    <table className="data-table lottery">
      <thead>
        <tr>
          <th scope="col">{t('views.lottery.round')}</th>
          <th scope="col">{t('views.lottery.left')}</th>
          <th scope="col">{t(classification ? 'views.lottery.testAccuracy' : 'views.lottery.testLoss')}</th>
          {classification ? (
            <th scope="col" title={t('views.lottery.bestTitle')}>
              {t('views.lottery.best')}
            </th>
          ) : null}
          <th scope="col">{t('views.lottery.step')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.round}
            data-testid={current ? 'lottery-row' : undefined}
            data-round={r.round}
            data-remaining={r.remaining}
            data-accuracy={r.testAccuracy}
          >
            <td>{r.round === 0 ? t('views.lottery.dense') : r.round}</td>
            <td>{formatPercent(r.remaining)}</td>
            <td className="num-strong">{classification ? formatPercent(r.testAccuracy) : formatLoss(r.testLoss)}</td>
            {classification ? <td>{formatPercent(r.bestAccuracy)}</td> : null}
            <td>{formatCount(r.step)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The lottery-ticket rounds of this run (Frankle & Carbin 2019) and, beside
 * them, the latest finished table of the other mode: rewinding the surviving
 * weights to their initial values against re-initialising them at random.
 */
export function LotteryTable({ children }: { children?: ReactNode }) {
  const lottery = useAppStore((s) => s.pruning.lottery);
  const history = useAppStore((s) => s.pruning.lotteryHistory);
  const configMode = useAppStore((s) => s.config.lottery);
  const ltSteps = useAppStore((s) => s.config.lt_steps);
  const classification = datasetInfo(useAppStore((s) => s.config.dataset)).task === 'classification';
  const mode: LotteryRow['mode'] | null = lottery.rows[0]?.mode ?? (configMode === 'off' ? null : configMode);
  const other = comparisonTable(history, mode);
  const t = useT();

  return (
    <div className="chart-card" data-testid="lottery-table" data-done={lottery.done}>
      <div className="chart-head">
        <h2>
          {t('views.lottery.title')} <span className="chart-sub">{t('views.lottery.sub')}</span>
        </h2>
      </div>
      <p className="caption">{t('views.lottery.caption')}</p>
      {children}
      <div className="lottery-grid">
        <div>
          <h3>{t(mode === null ? 'views.lottery.thisRun' : MODE_TITLES[mode])}</h3>
          {lottery.rows.length > 0 ? (
            <RoundsTable rows={lottery.rows} classification={classification} current />
          ) : (
            <p className="muted">{t('views.lottery.pressPlay', { steps: formatCount(ltSteps) })}</p>
          )}
          {lottery.done ? <p className="muted">{t('views.lottery.finished')}</p> : null}
        </div>
        <div>
          <h3>{t(other === null ? 'views.lottery.comparison' : MODE_TITLES[other[0].mode])}</h3>
          {other !== null ? (
            <RoundsTable rows={other} classification={classification} current={false} />
          ) : (
            <p className="muted">{t('views.lottery.other', { mode: lotteryLabel(t, mode === 'random' ? 'rewind' : 'random') })}</p>
          )}
        </div>
      </div>
    </div>
  );
}
