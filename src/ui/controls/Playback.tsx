import { useShallow } from 'zustand/react/shallow';
import type { RunPhase } from '../../protocol/messages';
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

/** Play/pause (big), step and reset, with the run's phase in words. Keys: space, s, r. */
export function Playback() {
  const { playing, phase } = useAppStore(useShallow((s) => ({ playing: s.run.playing, phase: s.run.phase })));
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
        title={playing ? 'Pause (space)' : 'Play (space)'}
        onClick={togglePlay}
      >
        <span aria-hidden="true" className={playing ? 'icon-pause' : 'icon-play'} />
      </button>
      <div className="playback-side">
        <div className="playback-buttons">
          <button type="button" data-testid="btn-step" title="Train one step (s)" onClick={stepOnce}>
            +1 step
          </button>
          <button type="button" data-testid="btn-reset" title="New weights from the seed, step 0 (r)" onClick={reset}>
            Reset
          </button>
        </div>
        <p className="phase" data-testid="run-phase" data-value={phase} aria-live="polite">
          {PHASE_TEXT[phase]}
        </p>
      </div>
    </div>
  );
}
