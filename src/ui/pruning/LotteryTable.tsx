import { datasetInfo } from '../../engine/data/catalog';
import type { LotteryRow } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';
import { formatCount, formatLoss, formatPercent } from '../format';
import { comparisonTable } from './pruningView';

const MODE_TITLES: Record<LotteryRow['mode'], string> = {
  rewind: 'Winning ticket: rewound to init',
  random: 'Control: random re-init',
};

/** One lottery table; `current` marks the rows of this run (`data-testid="lottery-row"`) for tests. */
function RoundsTable({ rows, classification, current }: { rows: LotteryRow[]; classification: boolean; current: boolean }) {
  return (
    <table className="data-table lottery">
      <thead>
        <tr>
          <th scope="col">Round</th>
          <th scope="col">Weights left</th>
          <th scope="col">{classification ? 'Test accuracy' : 'Test loss'}</th>
          {classification ? <th scope="col" title="Best test accuracy during the round">Best</th> : null}
          <th scope="col">Step</th>
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
            <td>{r.round === 0 ? '0 (dense)' : r.round}</td>
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
export function LotteryTable() {
  const lottery = useAppStore((s) => s.pruning.lottery);
  const history = useAppStore((s) => s.pruning.lotteryHistory);
  const configMode = useAppStore((s) => s.config.lottery);
  const ltSteps = useAppStore((s) => s.config.lt_steps);
  const classification = datasetInfo(useAppStore((s) => s.config.dataset)).task === 'classification';
  const mode: LotteryRow['mode'] | null = lottery.rows[0]?.mode ?? (configMode === 'off' ? null : configMode);
  const other = comparisonTable(history, mode);

  return (
    <div className="chart-card" data-testid="lottery-table" data-done={lottery.done}>
      <div className="chart-head">
        <h2>
          Lottery tickets <span className="chart-sub">(Frankle &amp; Carbin 2019)</span>
        </h2>
      </div>
      <p className="caption">
        Train, prune the smallest remaining weights, reset the survivors to their initial values, train again. A winning ticket keeps its accuracy with few weights left; the
        same mask with freshly random weights (the control) does worse. Run both modes to compare.
      </p>
      <div className="lottery-grid">
        <div>
          <h3>{mode === null ? 'This run' : MODE_TITLES[mode]}</h3>
          {lottery.rows.length > 0 ? (
            <RoundsTable rows={lottery.rows} classification={classification} current />
          ) : (
            <p className="muted">Press play: each round trains {formatCount(ltSteps)} steps, then prunes and rewinds.</p>
          )}
          {lottery.done ? <p className="muted">Finished.</p> : null}
        </div>
        <div>
          <h3>{other === null ? 'For comparison' : MODE_TITLES[other[0].mode]}</h3>
          {other !== null ? (
            <RoundsTable rows={other} classification={classification} current={false} />
          ) : (
            <p className="muted">
              Finish this run, then switch to {mode === 'random' ? 'rewind' : 'random'} and run again: its table appears here, round by round beside this one.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
