import type { MetricPoint } from '../../protocol/messages';

/** The CSV export's file name. */
export const CSV_FILE_NAME = 'training-curves.csv';

/** The CSV export's header row. */
export const CSV_HEADER = 'step,train_loss,test_loss,test_accuracy,sparsity,penalty';

/** A number at full precision (the shortest text that reads back as the same double); empty when absent or not finite. */
function cell(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? String(v) : '';
}

/**
 * The chart series as CSV: {@link CSV_HEADER}, then one row per series point
 * (one logged step or chart bucket, oldest first), an empty cell where the
 * point has no such figure. Rows end with "\n" except the last, so the text
 * splits into exactly 1 + points.length lines.
 */
export function curvesCsv(points: readonly MetricPoint[]): string {
  const rows = [CSV_HEADER];
  for (const p of points) rows.push([p.step, p.trainLoss, p.testLoss, p.testAccuracy, p.sparsity, p.penalty].map(cell).join(','));
  return rows.join('\n');
}
