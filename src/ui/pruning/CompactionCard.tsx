import type { ReactNode } from 'react';
import type { MeasuredCost } from '../../protocol/messages';
import { convLayersOf } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { formatCount } from '../format';
import { ratioText } from './pruningView';

/** Bytes in kB or MB, one decimal. */
function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

/** Milliseconds with two significant decimals below 10. */
function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

function Row({ label, before, after, ratio }: { label: ReactNode; before: ReactNode; after: ReactNode; ratio: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{before}</td>
      <td>{after}</td>
      <td className="num-strong">{ratio}</td>
    </tr>
  );
}

/** Sum of hidden widths: the neurons left. */
function neurons(c: MeasuredCost): number {
  return c.hidden.reduce((a, b) => a + b, 0);
}

/**
 * Before / after figures of the latest compaction: the neurons the keep-ratio
 * masked are physically removed, so every matrix shrinks and inference really
 * gets faster — unlike unstructured zeros, which leave the dense work unchanged.
 */
export function CompactionCard() {
  const compaction = useAppStore((s) => s.pruning.compaction);
  const convCount = useAppStore((s) => convLayersOf(s.config).length);
  if (compaction === null) return null;
  const { before, after } = compaction;
  const same = neurons(before) === neurons(after);
  return (
    <div className="chart-card" data-testid="compaction-table" data-step={compaction.step}>
      <div className="chart-head">
        <h2>
          Compacted model <span className="chart-sub">(neurons physically removed at step {formatCount(compaction.step)})</span>
        </h2>
      </div>
      <table className="data-table compaction">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Smaller / faster by</th>
          </tr>
        </thead>
        <tbody>
          <Row label={convCount > 0 ? `Filters (${convCount} conv layers) · dense widths` : 'Hidden widths'} before={before.hidden.join(' · ') || '—'} after={after.hidden.join(' · ') || '—'} ratio={ratioText(neurons(before), neurons(after))} />
          <Row label="Parameters" before={formatCount(before.params)} after={formatCount(after.params)} ratio={ratioText(before.params, after.params)} />
          <Row label="FLOPs per sample" before={formatCount(before.flops)} after={formatCount(after.flops)} ratio={ratioText(before.flops, after.flops)} />
          <Row label="Model size (float32)" before={formatBytes(before.bytes)} after={formatBytes(after.bytes)} ratio={ratioText(before.bytes, after.bytes)} />
          <Row
            label={`Inference time, batch of ${formatCount(after.inferenceRows)} rows`}
            before={
              <span data-testid="metric-infer-before" data-value={before.inferenceMs}>
                {formatMs(before.inferenceMs)}
              </span>
            }
            after={
              <span data-testid="metric-infer-after" data-value={after.inferenceMs}>
                {formatMs(after.inferenceMs)}
              </span>
            }
            ratio={ratioText(before.inferenceMs, after.inferenceMs)}
          />
        </tbody>
      </table>
      <p className="caption">
        {same ? 'No neuron was masked (keep = 100 %), so nothing was removed. ' : null}
        Removing whole neurons shrinks every matrix, so the model really runs faster. Zeroing single weights (unstructured sparsity) only means fewer non-zeros: the dense
        matrices, and the time, stay the same.
      </p>
    </div>
  );
}
