import type { PinLines } from '../pins/pinLines';
import { chartLine, type ChartLine } from './StepChart';

/** Which chart pinned lines are for: it decides the lines each pin contributes. */
export type PinnedKind = 'loss' | 'accuracy' | 'sparsity';

/**
 * The pinned runs' dashed reference lines on one step-axis chart (thin: train
 * loss; thick: test loss or accuracy; sparsity: the whole network's). Their
 * points keep their identity across redraws, so their paths are built once.
 */
export function pinnedChartLines(kind: PinnedKind, pins: readonly PinLines[]): ChartLine[] {
  return pins.flatMap((pin) => {
    const style = { name: '', colour: pin.colour, pinned: true } as const;
    if (kind === 'loss') {
      const lines = [chartLine(pin.train, (p) => p.trainLoss, { ...style, id: `pin-train-${pin.id}`, width: 1.25, dash: '4 3' })];
      if (pin.evals.length > 0) lines.push(chartLine(pin.evals, (p) => p.testLoss, { ...style, id: `pin-test-${pin.id}`, width: 2.25, dash: '9 4' }));
      return lines;
    }
    if (kind === 'accuracy') return pin.hasAccuracy ? [chartLine(pin.evals, (p) => p.testAccuracy, { ...style, id: `pin-acc-${pin.id}`, width: 2, dash: '9 4' })] : [];
    return pin.sparsity.length > 0 ? [chartLine(pin.sparsity, (p) => p.sparsity, { ...style, id: `pin-sparsity-${pin.id}`, width: 2, dash: '9 4', curve: 'stepAfter' })] : [];
  });
}
