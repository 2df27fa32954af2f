import { useShallow } from 'zustand/react/shallow';
import type { JobKind, RunPhase } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';

const PHASE_TEXT: Record<RunPhase, string> = {
  idle: 'Starting…',
  loading: 'Loading data…',
  measuring: 'Measuring backends…',
  paused: 'Paused',
  training: 'Training',
  diverged: 'Diverged',
  error: 'Stopped by an error',
};

/** Why training waits while a job runs (the worker pauses for it). */
const JOB_PAUSE_TEXT: Record<JobKind, string> = {
  lambdaSweep: 'Paused for the λ sweep',
  regPrune: 'Paused for regularise-then-prune',
};

/** Play/pause (big), step and reset, with the run's phase in words. Keys: space, s, r. */
export function Playback() {
  const { playing, phase, job } = useAppStore(useShallow((s) => ({ playing: s.run.playing, phase: s.run.phase, job: s.regularisation.job })));
  const togglePlay = useAppStore((s) => s.togglePlay);
  const stepOnce = useAppStore((s) => s.stepOnce);
  const reset = useAppStore((s) => s.reset);
  return (
    <div className="playback">
      <button
        type="button"
        className="play"
        data-testid="btn-play"
        data-state={playing ? 'playing' : 'paused'}
        aria-pressed={playing}
        aria-label="Play"
        aria-keyshortcuts="Space"
        title={job !== null ? JOB_PAUSE_TEXT[job.kind] : playing ? 'Pause (space)' : 'Play (space)'}
        disabled={job !== null}
        onClick={togglePlay}
      >
        <span aria-hidden="true" className={playing ? 'icon-pause' : 'icon-play'} />
      </button>
      <div className="playback-side">
        <div className="playback-buttons">
          <button type="button" data-testid="btn-step" title={job !== null ? JOB_PAUSE_TEXT[job.kind] : 'Train one step (s)'} disabled={job !== null} onClick={stepOnce}>
            +1 step
          </button>
          <button type="button" data-testid="btn-reset" title="New weights from the seed, step 0 (r)" onClick={reset}>
            Reset
          </button>
        </div>
        <p className="phase" data-testid="run-phase" data-value={phase} aria-live="polite">
          {job !== null && phase === 'paused' ? JOB_PAUSE_TEXT[job.kind] : PHASE_TEXT[phase]}
        </p>
      </div>
    </div>
  );
}
