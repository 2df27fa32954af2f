import { useShallow } from 'zustand/react/shallow';
import type { JobKind, RunPhase } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';
import { useT, type MessageKey } from '../i18n';
import { SpeedField } from './SpeedField';

/** The run's phase in words. */
const phaseKey = (phase: RunPhase): MessageKey => `controls.phase.${phase}`;

/** Why training waits while a job runs (the worker pauses for it). */
const jobPauseKey = (job: JobKind): MessageKey => `controls.jobPause.${job}`;

/** Play/pause, step, reset and the speed, with the run's phase in words. Keys: space, s, r. */
export function Playback() {
  const { playing, phase, job } = useAppStore(useShallow((s) => ({ playing: s.run.playing, phase: s.run.phase, job: s.regularisation.job })));
  const togglePlay = useAppStore((s) => s.togglePlay);
  const stepOnce = useAppStore((s) => s.stepOnce);
  const reset = useAppStore((s) => s.reset);
  const t = useT();
  return (
    <div className="playback">
      <button
        type="button"
        className="play"
        data-testid="btn-play"
        data-state={playing ? 'playing' : 'paused'}
        aria-pressed={playing}
        aria-label={t('controls.play')}
        aria-keyshortcuts="Space"
        title={job !== null ? t(jobPauseKey(job.kind)) : playing ? t('controls.pauseTitle') : t('controls.playTitle')}
        disabled={job !== null}
        onClick={togglePlay}
      >
        <span aria-hidden="true" className={playing ? 'icon-pause' : 'icon-play'} />
      </button>
      <div className="playback-side">
        <div className="playback-buttons">
          <button type="button" data-testid="btn-step" title={job !== null ? t(jobPauseKey(job.kind)) : t('controls.stepTitle')} disabled={job !== null} onClick={stepOnce}>
            {t('controls.step')}
          </button>
          <button type="button" data-testid="btn-reset" title={t('controls.resetTitle')} onClick={reset}>
            {t('controls.reset')}
          </button>
        </div>
        <div className="playback-status">
          <p className="phase" data-testid="run-phase" data-value={phase} aria-live="polite">
            {job !== null && phase === 'paused' ? t(jobPauseKey(job.kind)) : t(phaseKey(phase))}
          </p>
          <SpeedField />
        </div>
      </div>
    </div>
  );
}
