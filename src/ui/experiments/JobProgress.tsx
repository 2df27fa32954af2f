import type { JobKind } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';
import { formatCount } from '../format';
import { progressFraction } from './regulariseView';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';

/**
 * The progress of the running job of `kind` (a bar, what runs now, a cancel
 * button), or why the last job of that kind ended early (`message`); nothing
 * otherwise. Shared by the λ-sweep and regularise-then-prune cards; only the
 * card whose job runs shows the bar, so the test ids stay unique on the page.
 */
export function JobProgress({ kind, message }: { kind: JobKind; message: string | null }) {
  const job = useAppStore((s) => s.regularisation.job);
  const cancelJob = useAppStore((s) => s.cancelJob);
  const t = useT();
  const runtime = useRuntimeText();
  if (job === null || job.kind !== kind) {
    return message !== null ? (
      <p className="caption caption-warn" role="status">
        {runtime(message)}
      </p>
    ) : null;
  }
  const fraction = progressFraction(job);
  const cancelling = job.label === 'Cancelling…';
  return (
    <div className="job-progress">
      <div className="job-progress-row">
        <progress
          data-testid="job-progress"
          aria-label={t(kind === 'lambdaSweep' ? 'views.job.progressLambda' : 'views.job.progressRegPrune')}
          data-done={job.done}
          data-total={job.total}
          max={1}
          // No value while the total is unknown: an indeterminate bar.
          {...(fraction === null ? {} : { value: fraction })}
        />
        <button type="button" data-testid="btn-cancel-job" onClick={() => cancelJob()} disabled={cancelling}>
          {t(cancelling ? 'views.job.cancelling' : 'views.common.cancel')}
        </button>
      </div>
      <p className="job-label" aria-live="polite">
        {job.total > 0 ? t('views.job.count', { done: formatCount(job.done), total: formatCount(job.total) }) : null}
        {runtime(job.label)}
        {t('views.job.paused')}
      </p>
    </div>
  );
}
