import type { ReactNode } from 'react';
import type { MeasuredCost } from '../../protocol/messages';
import { convLayersOf } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { formatCount } from '../format';
import { ratioText } from './pruningView';
import { useT } from '../i18n';

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
 * Before any compaction: nothing, or with `placeholder` a card that says what will show.
 */
export function CompactionCard({ placeholder = false }: { placeholder?: boolean }) {
  const compaction = useAppStore((s) => s.pruning.compaction);
  const convCount = useAppStore((s) => convLayersOf(s.config).length);
  const t = useT();
  if (compaction === null) {
    // On the stage (a lesson's step about compacting) the card says what will appear; elsewhere it waits for a compaction.
    if (!placeholder) return null;
    return (
      <div className="chart-card" data-testid="compaction-table" data-empty="true">
        <div className="chart-head">
          <h2>{t('views.compact.title')}</h2>
        </div>
        <p className="muted">{t('layout.compact.empty')}</p>
      </div>
    );
  }
  const { before, after } = compaction;
  const same = neurons(before) === neurons(after);
  return (
    <div className="chart-card" data-testid="compaction-table" data-step={compaction.step}>
      <div className="chart-head">
        <h2>
          {t('views.compact.title')} <span className="chart-sub">{t('views.compact.sub', { step: formatCount(compaction.step) })}</span>
        </h2>
      </div>
      <table className="data-table compaction">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('views.compact.before')}</th>
            <th scope="col">{t('views.compact.after')}</th>
            <th scope="col">{t('views.compact.ratio')}</th>
          </tr>
        </thead>
        <tbody>
          <Row label={convCount > 0 ? t('views.compact.filters', { n: convCount }) : t('views.compact.hidden')} before={before.hidden.join(' · ') || '—'} after={after.hidden.join(' · ') || '—'} ratio={ratioText(neurons(before), neurons(after))} />
          <Row label={t('views.compact.params')} before={formatCount(before.params)} after={formatCount(after.params)} ratio={ratioText(before.params, after.params)} />
          <Row label={t('views.compact.flops')} before={formatCount(before.flops)} after={formatCount(after.flops)} ratio={ratioText(before.flops, after.flops)} />
          <Row label={t('views.compact.size')} before={formatBytes(before.bytes)} after={formatBytes(after.bytes)} ratio={ratioText(before.bytes, after.bytes)} />
          <Row
            label={t('views.compact.time', { rows: formatCount(after.inferenceRows) })}
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
        {same ? t('views.compact.same') : null}
        {t('views.compact.caption')}
      </p>
    </div>
  );
}
