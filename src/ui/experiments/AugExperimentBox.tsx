import { useShallow } from 'zustand/react/shallow';
import { AUG_EXP_MAX_STEPS, AUG_EXP_MIN_STEPS, AUG_EXP_SUGGESTED_TRAIN_SIZE, augExperimentRefusal, ownPins } from '../../state/augExperiment';
import { useAppStore } from '../../state/useAppStore';
import { NumberField } from '../controls/NumberField';
import { formatCount } from '../format';
import { differenceText, progressFraction, progressText, resultText } from './augExperimentView';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { rich } from '../charts/richText';
import './augExperiment.css';

/**
 * "Effect of augmentation" (mnist), an experiment card: one click
 * trains the current network twice from the same seed for the same number of
 * steps, without augmentation and then with the chosen one, pins both runs
 * (the accuracy chart overlays their test curves; a rerun replaces the two
 * pins) and says the two test accuracies in one line. The state machine lives in `state/augExperiment.ts`.
 */
export function AugExperimentBox() {
  const s = useAppStore(
    useShallow((st) => ({
      config: st.config,
      // The experiment's own pins from an earlier run do not count: a new run replaces them.
      pinCount: st.pinned.length - ownPins(st.pinned).length,
      jobRunning: st.regularisation.job !== null,
      steps: st.augExperiment.steps,
      exp: st.augExperiment.run,
    })),
  );
  const setConfig = useAppStore((st) => st.setConfig);
  const setSteps = useAppStore((st) => st.setAugExperimentSteps);
  const start = useAppStore((st) => st.startAugExperiment);
  const cancel = useAppStore((st) => st.cancelAugExperiment);
  const { config, exp } = s;
  const t = useT();
  const runtime = useRuntimeText();
  const running = exp.status === 'running';
  const refusal = running ? null : augExperimentRefusal(config, s.pinCount, s.jobRunning);
  const scarce = config.trainSize <= AUG_EXP_SUGGESTED_TRAIN_SIZE;
  // While the first arm trains the config holds no augmentation: name the experiment's.
  const aug = exp.status === 'running' ? exp.aug : config.aug;

  return (
    <div className="aug-exp" data-testid="aug-experiment" data-status={exp.status} role="group" aria-label={t('views.augexp.title')}>
      <div className="chart-head">
        <h2>{t('views.augexp.title')}</h2>
      </div>
      <p className="hint">{rich(t('views.augexp.intro', { steps: formatCount(s.steps) }), { aug: aug === '' ? t('views.augexp.chosen') : <code>{aug}</code> })}</p>
      <p className="hint">
        {rich(t('views.augexp.scarce'), {
          rest: scarce ? (
            t('views.augexp.trainingOn', { n: formatCount(config.trainSize) })
          ) : (
            <>
              {t('views.augexp.try', { n: formatCount(AUG_EXP_SUGGESTED_TRAIN_SIZE), now: formatCount(config.trainSize) })}{' '}
              <button
                type="button"
                className="link-button"
                data-testid="btn-aug-exp-trainsize"
                disabled={running}
                onClick={() => setConfig('trainSize', AUG_EXP_SUGGESTED_TRAIN_SIZE)}
              >
                {t('views.augexp.use', { n: formatCount(AUG_EXP_SUGGESTED_TRAIN_SIZE) })}
              </button>
            </>
          ),
        })}
      </p>
      <div className="aug-exp-row">
        <NumberField
          label={t('views.augexp.steps')}
          testId="control-aug-exp-steps"
          value={s.steps}
          min={AUG_EXP_MIN_STEPS}
          max={AUG_EXP_MAX_STEPS}
          disabled={running}
          onChange={setSteps}
        />
        <button type="button" className="aug-exp-start" data-testid="btn-aug-experiment" disabled={running || refusal !== null} onClick={() => start()}>
          {t('views.augexp.compare')}
        </button>
      </div>
      {refusal !== null ? (
        <p className="prune-reason" role="note" data-testid="aug-experiment-reason">
          {runtime(refusal)}
        </p>
      ) : null}
      {exp.status === 'running' ? (
        <div className="job-progress" data-testid="aug-experiment-progress" data-arm={exp.arm} data-step={exp.step} data-budget={exp.budget}>
          <div className="job-progress-row">
            <progress max={1} value={progressFraction(exp)} aria-label={t('views.augexp.progress')} />
            <button type="button" data-testid="btn-aug-experiment-cancel" onClick={() => cancel()}>
              {t('views.common.cancel')}
            </button>
          </div>
          <p className="job-label" aria-live="polite">
            {progressText(exp, t)}
          </p>
        </div>
      ) : null}
      {exp.status === 'done' ? (
        <p className="aug-exp-result" role="status">
          <span data-testid="aug-experiment-result" data-none={exp.noneAccuracy} data-aug={exp.augAccuracy}>
            {resultText(exp, t)}
          </span>
          <span className="aug-exp-diff"> ({differenceText(exp, t)}).</span>
        </p>
      ) : null}
      {exp.status === 'stopped' ? (
        <p className="caption caption-warn" role="status" data-testid="aug-experiment-stopped">
          {runtime(exp.reason)}
        </p>
      ) : null}
    </div>
  );
}
