import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore } from '../../state/useAppStore';
import { formatMegabytes } from '../format';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { notLearningText } from './notLearningText';

/**
 * What the run needs the student to know: download progress, backend
 * measurement, divergence, a run that is not learning, errors and backend
 * fallbacks, all inside one region, `data-testid="run-notice"` (present even when empty).
 */
export function RunBanner() {
  const { phase, message, loadProgress, backendNotice } = useAppStore(
    useShallow((s) => ({ phase: s.run.phase, message: s.run.message, loadProgress: s.run.loadProgress, backendNotice: s.run.backendNotice })),
  );
  const t = useT();
  const rt = useRuntimeText();
  const text = message === null ? null : rt(message);
  return (
    <div className="run-notice" data-testid="run-notice">
      {phase === 'loading' ? <LoadingBar message={text} progress={loadProgress} /> : null}
      {phase === 'measuring' ? (
        <div className="notice notice-info" role="status" data-testid="phase-message" data-phase={phase}>
          {text ?? t('header.run.measuring')}
        </div>
      ) : null}
      {phase === 'diverged' || phase === 'error' ? (
        <div className="notice notice-error" role="alert" data-testid="phase-message" data-phase={phase}>
          {/* A divergence message says "Training diverged at step …" itself. */}
          {phase === 'diverged' && text ? null : <strong>{phase === 'diverged' ? t('header.run.diverged') : t('header.run.error')}</strong>} {text}
        </div>
      ) : null}
      <NotLearningLine />
      {backendNotice ? (
        <div className="notice notice-warn" role="status" data-testid="backend-notice">
          {rt(backendNotice)}
        </div>
      ) : null}
      <StorageNoticeLine />
    </div>
  );
}

/** The "not learning" notice (`data-testid="not-learning-notice"`, `data-cause` low | high): training goes on; it goes once the loss falls. */
function NotLearningLine() {
  const notice = useAppStore((s) => s.run.notLearning);
  const dataset = useAppStore((s) => s.config.dataset);
  const t = useT();
  if (notice === null) return null;
  const info = datasetInfo(dataset);
  return (
    <div className="notice notice-warn" role="status" data-testid="not-learning-notice" data-cause={notice.cause}>
      {notLearningText(t, notice, info.task === 'classification' ? info.outputDim : null)}
    </div>
  );
}

/** A problem with this browser's storage (state/persist.ts): a stored value discarded, or a write refused. Dismissible. */
function StorageNoticeLine() {
  const notice = useAppStore((s) => s.storageNotice);
  const dismiss = useAppStore((s) => s.dismissStorageNotice);
  const t = useT();
  if (notice === null) return null;
  return (
    <div className="notice notice-warn" role="status" data-testid="storage-notice" data-kind={notice}>
      <span>{t(`header.storage.${notice}`)}</span>
      <button type="button" className="dismiss" data-testid="btn-dismiss-storage-notice" aria-label={t('header.dismiss')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

function LoadingBar({ message, progress }: { message: string | null; progress: { loaded: number; total: number } | null }) {
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.loaded / progress.total) : null;
  const t = useT();
  const text = message ?? t('header.run.loading');
  return (
    <div className="notice notice-info loading" data-testid="loading-bar" role="status">
      <span>
        {text}{' '}
        {fraction !== null ? `${Math.floor(fraction * 100)} %` : progress ? formatMegabytes(progress.loaded) : ''}
      </span>
      <progress max={1} value={fraction ?? undefined} aria-label={text} />
    </div>
  );
}
