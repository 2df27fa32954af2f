import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore';
import { formatMegabytes } from '../format';

/**
 * What the run needs the student to know: download progress, backend
 * measurement, divergence, errors and backend fallbacks.
 */
export function RunBanner() {
  const { phase, message, loadProgress, backendNotice } = useAppStore(
    useShallow((s) => ({ phase: s.run.phase, message: s.run.message, loadProgress: s.run.loadProgress, backendNotice: s.run.backendNotice })),
  );
  return (
    <>
      {phase === 'loading' ? <LoadingBar message={message} progress={loadProgress} /> : null}
      {phase === 'measuring' ? (
        <div className="notice notice-info" role="status" data-testid="phase-message" data-phase={phase}>
          {message ?? 'Measuring backends…'}
        </div>
      ) : null}
      {phase === 'diverged' || phase === 'error' ? (
        <div className="notice notice-error" role="alert" data-testid="phase-message" data-phase={phase}>
          <strong>{phase === 'diverged' ? 'Training diverged.' : 'Something went wrong.'}</strong> {message}
        </div>
      ) : null}
      {backendNotice ? (
        <div className="notice notice-warn" role="status" data-testid="backend-notice">
          {backendNotice}
        </div>
      ) : null}
    </>
  );
}

function LoadingBar({ message, progress }: { message: string | null; progress: { loaded: number; total: number } | null }) {
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.loaded / progress.total) : null;
  const text = message ?? 'Loading…';
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
