import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { tickLoss, tickPercent } from '../charts/chartFormat';
import { formatLoss, formatPercent } from '../format';
import { ARM_COLOURS as PALETTE_ARM_COLOURS } from '../charts/palette';
import { ARMS, type Arm, type RegPruneRow } from './regulariseView';
import { translator, useT, type Translate } from '../i18n';

/** One colour per arm (Okabe–Ito): no penalty grey, L1 vermillion, L2 blue (see palette.ts). */
export const ARM_COLOURS: Record<Arm, string> = PALETTE_ARM_COLOURS;
/** An arm's name in the language of `t`: "No penalty", "L1", "L2". */
export function armName(arm: Arm, t: Translate): string {
  return arm === 'none' ? t('views.regprune.noPenalty') : arm.toUpperCase();
}
export const ARM_NAMES: Record<Arm, string> = { none: armName('none', translator('en')), l1: 'L1', l2: 'L2' };

/** A sparsity as an evenly spaced category: "dense", "50 %", … "95 %". */
function levelLabel(sparsity: number, t: Translate): string {
  return sparsity === 0 ? t('views.regprune.dense') : `${+(sparsity * 100).toFixed(1)} %`;
}

/** Round accuracy ticks from `low` to 100 %: every 5, 10 or 25 points by the span. */
function accuracyTicks(low: number): number[] {
  const span = 1 - low;
  const step = span <= 0.3 ? 0.05 : span <= 0.6 ? 0.1 : 0.25;
  const ticks: number[] = [];
  for (let t = 1; t >= low - 1e-9; t -= step) ticks.unshift(+t.toFixed(4));
  return ticks;
}

/**
 * Test accuracy (loss for regression) of the three networks against sparsity:
 * dashed right after pruning, solid after fine-tuning, all starting from each
 * network's dense figure. The sparsities are evenly spaced categories, so the
 * interesting 80–95 % end is not squeezed.
 */
export const RegPruneChart = memo(function RegPruneChart({ rows, classification }: { rows: RegPruneRow[]; classification: boolean }) {
  const t = useT();
  const data = rows.map((r) => ({ ...r, level: levelLabel(r.sparsity, t) }));
  const format = (v: unknown): string => (typeof v === 'number' ? (classification ? formatPercent(v) : formatLoss(v)) : String(v));
  let lowest = 1;
  if (classification) for (const r of rows) for (const a of ARMS) lowest = Math.min(lowest, r[`${a}_before`] ?? 1, r[`${a}_after`] ?? 1);
  // Accuracy from the tenth below the lowest value to 100 %, so the differences are not squeezed against a 0 baseline.
  const yLow = Math.max(0, Math.floor(lowest * 10) / 10);
  const yDomain: [number, number | 'auto'] = classification ? [yLow, 1] : [0, 'auto'];
  const yTicks = classification ? accuracyTicks(yLow) : undefined;
  return (
    <LineChart accessibilityLayer={false} data={data} responsive style={{ width: '100%', height: 280 }} margin={{ top: 12, right: 24, bottom: 18, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis
        dataKey="level"
        type="category"
        stroke="#5b6470"
        label={{ value: t('views.regprune.axis'), position: 'insideBottom', offset: -12, fill: '#1b2128', fontSize: 14 }}
      />
      <YAxis domain={yDomain} ticks={yTicks} tickFormatter={classification ? tickPercent : tickLoss} width={56} stroke="#5b6470" />
      <Tooltip isAnimationActive={false} formatter={format} labelFormatter={(l) => t('views.common.sparsityN', { value: String(l) })} />
      {ARMS.map((arm) => (
        <Line
          key={`${arm}_before`}
          dataKey={`${arm}_before`}
          name={t('views.regprune.lineBefore', { arm: armName(arm, t) })}
          type="linear"
          stroke={ARM_COLOURS[arm]}
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={{ r: 3, fill: ARM_COLOURS[arm], strokeWidth: 0 }}
          activeDot={false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
      {ARMS.map((arm) => (
        <Line
          key={`${arm}_after`}
          dataKey={`${arm}_after`}
          name={t('views.regprune.lineAfter', { arm: armName(arm, t) })}
          type="linear"
          stroke={ARM_COLOURS[arm]}
          strokeWidth={3}
          dot={{ r: 4, fill: ARM_COLOURS[arm], strokeWidth: 0 }}
          activeDot={false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
});
