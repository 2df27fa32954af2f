import { useEffect, useId, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LESSONS, type LessonDef, type LessonId } from '../../state/lessons';
import { useAppStore } from '../../state/useAppStore';
import { useT, type MessageKey, type Translate } from '../i18n';
import './lessons.css';

/** Most steps a lesson has (its catalogue keys `lessons.<id>.step1` … `step4`). */
const MAX_STEPS = 4;

/** A lesson's catalogue key: `lessons.<id>.<part>`. */
const key = (id: LessonId, part: string): MessageKey => `lessons.${id}.${part}` as MessageKey;

/** The lesson's steps, in order: the catalogue keys `step1`, `step2`, … that exist, `{steps}` filled with its training budget. */
function stepTexts(t: Translate, id: LessonId, budget: number | undefined): string[] {
  const out: string[] = [];
  for (let n = 1; n <= MAX_STEPS; n++) {
    const k = key(id, `step${n}`);
    const text = t(k, budget === undefined ? undefined : { steps: budget });
    if (text === k) break; // no such key: translate() gives the key back
    out.push(text);
  }
  return out;
}

/** Where the student's choice to fold the list (with no lesson open) is remembered, so the charts stay on screen next time. */
const FOLDED_KEY = 'prune-playground.lessons.folded';

function storedFolded(): boolean {
  try {
    return window.localStorage.getItem(FOLDED_KEY) === '1';
  } catch {
    return false; // storage disabled: start unfolded
  }
}

function storeFolded(folded: boolean): void {
  try {
    if (folded) window.localStorage.setItem(FOLDED_KEY, '1');
    else window.localStorage.removeItem(FOLDED_KEY);
  } catch {
    // Not remembered: nothing else depends on it.
  }
}

/** Renders `**bold**` spans: the controls, buttons and charts a step names, as the UI labels them. */
function withBold(text: string): ReactNode[] {
  return text.split('**').map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : part));
}

/**
 * The guided lessons (`data-testid="lessons"`, one `lesson-<id>` item per
 * lesson). With no lesson open they show as cards (number, title, one-line
 * goal, Start: `btn-lesson-<id>`). Opening one (a card, a chip or a link's
 * `lesson=<id>`) folds the list into one row of numbered chips and shows the
 * open lesson below it: its numbered steps (which fold away too), its
 * "Train N steps" button, Restart (`btn-lesson-<id>`) and Close. "All
 * lessons" / "Fold" switches between the two forms at any time, so the charts
 * stay on screen; folding the list with no lesson open is remembered.
 */
export function LessonsPanel() {
  const t = useT();
  const open = useAppStore((s) => s.page.lesson);
  const [expanded, setExpanded] = useState(() => open === '' && !storedFolded());
  const listId = useId();
  const titleId = useId();

  // Opening a lesson folds the list into its one-row form.
  useEffect(() => {
    if (open !== '') setExpanded(false);
  }, [open]);

  const toggle = (): void => {
    // Remembered only when no lesson is open: opening one folds the list anyway.
    if (open === '') storeFolded(expanded);
    setExpanded(!expanded);
  };

  return (
    <section className={`lessons ${expanded ? 'lessons-expanded' : 'lessons-folded'}`} data-testid="lessons" data-open={open} aria-labelledby={titleId}>
      <div className="lessons-head">
        <h2 id={titleId}>{t('lessons.heading')}</h2>

        <button type="button" className="lessons-toggle" data-testid="btn-lessons-toggle" aria-expanded={expanded} aria-controls={listId} onClick={toggle}>
          {expanded ? t('lessons.fold') : t('lessons.unfold')}
        </button>
      </div>
      {expanded ? (
        <p className="lessons-intro">
          {t('layout.tagline')} {t('lessons.intro')}
        </p>
      ) : null}
      <ol id={listId} className="lessons-list">
        {LESSONS.map((lesson, i) => (
          <li key={lesson.id} className="lesson-item" data-testid={`lesson-${lesson.id}`} data-open={lesson.id === open}>
            {expanded ? <LessonCard lesson={lesson} number={i + 1} isOpen={lesson.id === open} /> : <LessonChip lesson={lesson} number={i + 1} isOpen={lesson.id === open} />}
            {lesson.id === open ? <OpenLesson lesson={lesson} number={i + 1} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function LessonNumber({ n }: { n: number }) {
  return (
    <span className="lesson-num" aria-hidden="true">
      {n}
    </span>
  );
}

/** A lesson in the card grid: number, title, goal and Start (the open one is marked instead). */
function LessonCard({ lesson, number, isOpen }: { lesson: LessonDef; number: number; isOpen: boolean }) {
  const t = useT();
  const startLesson = useAppStore((s) => s.startLesson);
  const title = t(key(lesson.id, 'title'));
  return (
    <div className={`lesson-card${isOpen ? ' is-current' : ''}`}>
      <LessonNumber n={number} />
      <div className="lesson-text">
        <h3>{title}</h3>
        <p className="lesson-goal">{t(key(lesson.id, 'goal'))}</p>
      </div>
      {isOpen ? (
        <span className="lesson-here">{t('lessons.current')}</span>
      ) : (
        <button type="button" className="lesson-start" data-testid={`btn-lesson-${lesson.id}`} aria-label={t('lessons.startAria', { n: number, title })} onClick={() => startLesson(lesson.id)}>
          {t('lessons.start')}
        </button>
      )}
    </div>
  );
}

/**
 * A lesson in the folded row: a numbered chip that starts it (its title and
 * goal in the tooltip). The open lesson's chip is a marker with its short
 * name, so the row fits beside the heading on a laptop screen.
 */
function LessonChip({ lesson, number, isOpen }: { lesson: LessonDef; number: number; isOpen: boolean }) {
  const t = useT();
  const startLesson = useAppStore((s) => s.startLesson);
  const title = t(key(lesson.id, 'title'));
  if (isOpen) {
    return (
      <span className="lesson-chip is-current" aria-label={t('lessons.currentAria', { n: number, title })}>
        <LessonNumber n={number} />
        <span aria-hidden="true">{t(key(lesson.id, 'short'))}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="lesson-chip lesson-chip-number"
      data-testid={`btn-lesson-${lesson.id}`}
      aria-label={t('lessons.startAria', { n: number, title })}
      title={`${number}. ${title}: ${t(key(lesson.id, 'goal'))}`}
      onClick={() => startLesson(lesson.id)}
    >
      <LessonNumber n={number} />
    </button>
  );
}

/** The open lesson: title, goal, numbered steps, its training budget as a button, Restart and Close. */
function OpenLesson({ lesson, number }: { lesson: LessonDef; number: number }) {
  const t = useT();
  const startLesson = useAppStore((s) => s.startLesson);
  const setPage = useAppStore((s) => s.setPage);
  const trainSteps = useAppStore((s) => s.trainSteps);
  const busy = useAppStore((s) => s.regularisation.job !== null || s.augExperiment.run.status === 'running');
  const run = useAppStore(useShallow((s) => ({ runId: s.run.runId, step: s.run.step, phase: s.run.phase })));
  // The step this button's last press trains to, in the run it was pressed in.
  const [target, setTarget] = useState<{ runId: number; step: number } | null>(null);
  const [showSteps, setShowSteps] = useState(true);
  // One step at a time (the card stays short beside the controls); the step also opens the group it works in and brings its views onto the stage.
  const current = useAppStore((s) => s.lessonStep);
  const setStep = useAppStore((s) => s.setLessonStep);
  const stepsId = useId();
  const title = t(key(lesson.id, 'title'));
  const steps = stepTexts(t, lesson.id, lesson.trainSteps);
  const budget = lesson.trainSteps;
  const training = budget !== undefined && target !== null && target.runId === run.runId && run.phase === 'training' && run.step < target.step;
  const train = (): void => {
    if (budget === undefined) return;
    setTarget({ runId: run.runId, step: run.step + budget });
    trainSteps(budget);
  };
  return (
    <div className="lesson-open" role="region" aria-label={t('lessons.number', { n: number })}>
      <div className="lesson-open-head">
        <LessonNumber n={number} />
        <div className="lesson-text">
          <h3>{title}</h3>
          <p className="lesson-goal">{t(key(lesson.id, 'goal'))}</p>
        </div>
        <div className="lesson-actions">
          {budget !== undefined ? (
            <button type="button" className="lesson-train" data-testid="btn-lesson-train" data-state={training ? 'training' : 'idle'} disabled={busy || training} onClick={train}>
              {training ? t('lessons.training', { done: Math.max(0, run.step - (target.step - budget)), steps: budget }) : t('lessons.train', { steps: budget })}
            </button>
          ) : null}
          <button
            type="button"
            data-testid={`btn-lesson-${lesson.id}`}
            title={t('lessons.restartTitle')}
            onClick={() => startLesson(lesson.id)}
          >
            {t('lessons.restart')}
          </button>
          <button
            type="button"
            className="lesson-steps-toggle"
            data-testid="btn-lesson-steps"
            aria-expanded={showSteps}
            aria-controls={stepsId}
            onClick={() => setShowSteps((v) => !v)}
          >
            {showSteps ? t('lessons.hideSteps') : t('lessons.showSteps')}
          </button>
          <button type="button" data-testid="btn-lesson-close" aria-label={t('lessons.closeAria', { title })} onClick={() => setPage('lesson', '')}>
            {t('lessons.close')}
          </button>
        </div>
      </div>
      <OneStepAtATime id={stepsId} hidden={!showSteps} steps={steps} current={Math.min(current, steps.length - 1)} onGo={setStep} />
    </div>
  );
}

/** The lesson's steps: the current one, numbered as in the full list, with Previous / Next and "Step n of N" beside it. */
function OneStepAtATime({ id, hidden, steps, current, onGo }: { id: string; hidden: boolean; steps: string[]; current: number; onGo: (step: number) => void }) {
  const t = useT();
  return (
    <div id={id} className="lesson-stepper" hidden={hidden}>
      <ol className="lesson-steps lesson-steps-one" start={current + 1}>
        <li key={current} data-testid="lesson-step-current">
          {withBold(steps[current])}
        </li>
      </ol>
      <div className="lesson-stepper-nav">
        <button type="button" className="mini" data-testid="btn-lesson-step-prev" disabled={current === 0} onClick={() => onGo(current - 1)}>
          ‹ {t('lessons.prevStep')}
        </button>
        <span data-testid="lesson-step-count" aria-live="polite">
          {t('lessons.stepOf', { n: current + 1, total: steps.length })}
        </span>
        <button type="button" className="mini" data-testid="btn-lesson-step-next" disabled={current === steps.length - 1} onClick={() => onGo(current + 1)}>
          {t('lessons.nextStep')} ›
        </button>
      </div>
    </div>
  );
}
