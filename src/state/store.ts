import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DatasetName, LayerWeights } from '../engine/types';
import { isColdChange, penaltyWeights, sweptPenalty, type Arch, type ExperimentConfig } from '../protocol/config';
import type { FromWorker, ToWorker } from '../protocol/messages';
import { AUG_PREVIEW_DEBOUNCE_MS, type AugPreview } from './augmentation';
import { attachAugExperiment, freshAugExperiment, isValidAugExpSteps, type AugExperimentState } from './augExperiment';
import { addPin, removePin, type PinExperiment, type PinnedRun } from './pins';
import { carryLotteryHistory, freshPruning, type PruningState } from './pruning';
import { freshRegularisation, startingJob, type PenaltyKind, type RegularisationState } from './regularisation';
import { applyWorkerMessage, freshRun, type RunState } from './run';
import { imageDataset, sameNetwork } from './network';
import { CLASSIC_CNN_PRESET, modelPreset, presetFor, presetValues } from './presets';
import { emptySeries, type Series } from './series';
import { createLatestRef, createSnapshotRef, type SnapshotRef } from './snapshot';
import { emptyView, mergeView, type ViewRef, type ViewState } from './view';
import { lessonById, type LessonId } from './lessons';
import { defaultPage, isLocked, type PageConfig } from './page';
import type { StorageNotice } from './persist';
import { MAX_STEP, PAGE_SCHEMA, SCHEMA, defaultConfig, isValidConfig, isValidPage, parseHash, type RejectedKey, type Row } from './urlCodec';

/**
 * The app store: a zustand vanilla store (no React), one object with slices
 * `config` (the single source of truth for everything the URL carries), `run`
 * (header figures, phase), `series` (chart buffer), `pruning` (model stats,
 * sweep, compaction, lottery tables), `regularisation` (the λ sweep and
 * regularise-then-prune jobs and results), `augPreview` (mnist: augmented
 * training digits), `urlNotice`, `pinned` (runs kept for comparison) and `augExperiment`, and verb actions. Actions that concern the worker emit ready-made {@link ToWorker}
 * messages through {@link AppStore.onCommand}; the bridge forwards them.
 */
export interface AppData {
  config: ExperimentConfig;
  run: RunState;
  series: Series;
  /** What the worker reported about pruning in this run (fresh on a new run; lottery history may carry over). */
  pruning: PruningState;
  /** The worker's regularisation jobs and their results in this run (fresh on a new run, kept across hot changes). */
  regularisation: RegularisationState;
  /**
   * mnist: the worker's latest augmentation preview for this run; null until it
   * answers, and cleared by a new run. Asked for automatically when a mnist run
   * is ready and {@link AUG_PREVIEW_DEBOUNCE_MS} after `aug` changes.
   */
  augPreview: AugPreview | null;
  /** URL keys rejected at start-up or on a pasted link; empty when none (or dismissed). */
  urlNotice: RejectedKey[];
  /** Runs pinned for comparison, oldest first (at most PINS_MAX = 4, see pins.ts); kept across runs. */
  pinned: PinnedRun[];
  /** mnist: the "effect of augmentation" experiment (two pinned runs, without and with `aug`; see augExperiment.ts). */
  augExperiment: AugExperimentState;
  /** How the page is shown (language, classroom hide/lock, open lesson, presenter mode); in the URL, never sent to the worker. */
  page: PageConfig;
  /** A problem with this browser's storage to tell the student about (see persist.ts), or null. */
  storageNotice: StorageNotice | null;
  /** The step of the open lesson shown now (0-based; 0 with no lesson open). Not in the URL: a lesson link starts at its first step. */
  lessonStep: number;
}

/** The store's actions: verbs. */
export interface AppActions {
  /** Sets one config key; ignored when out of bounds. A cold key starts a new run, keeping play/pause. */
  setConfig<K extends keyof ExperimentConfig>(key: K, value: ExperimentConfig[K]): void;
  /** Sets the dataset, and switching to or from mnist also its sensible model defaults (see {@link presetFor}). */
  setDataset(name: DatasetName): void;
  /**
   * Sets the architecture (the Network select) on an image dataset, with its
   * model preset in one change ({@link modelPreset}: the small CNN, or
   * LeNet-300-100 for the MLP), so one new run starts, not nine. Keys the
   * classroom link locks keep their values. Exception: while a lesson that
   * names `arch` among its controls is open (CNN vs MLP), only `arch` changes:
   * the lesson compares the two networks with everything else equal.
   * Ignored when `arch` is locked or already set.
   */
  setArch(arch: Arch): void;
  /**
   * Picks the classic small CNN ({@link CLASSIC_CNN_PRESET}: Conv 32 → Conv 64
   * → Dense 128 → Dropout 0.5, with its activation, optimizer, learning rate
   * and batch) in one change, so one new run starts, not nine.
   */
  applySeedArticleCnn(): void;
  /** Replaces the whole config (a pasted link); `rejected` replaces the URL notice; `page`, when given, replaces the page settings. */
  replaceConfig(config: ExperimentConfig, rejected?: RejectedKey[], page?: PageConfig): void;
  /** Sets one page key (language, hide, lock, lesson, presenter); ignored when out of bounds. */
  setPage<K extends keyof PageConfig>(key: K, value: PageConfig[K]): void;
  /**
   * Opens lesson `id`: its preset link replaces the experiment (a new run,
   * paused) and `page.lesson` names it. The page's language, hide, lock and
   * presenter settings stay, and so do the values of locked keys. Unknown ids are ignored.
   */
  startLesson(id: LessonId): void;
  /**
   * Shows step `step` of the open lesson (clamped to its steps) and opens the
   * group that step works in (`page.panel`). Ignored with no lesson open.
   */
  setLessonStep(step: number): void;
  /** Starts training; ignored while a job (λ sweep, regularise-then-prune) runs. */
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Trains exactly one step, then pauses; ignored while a job runs. */
  stepOnce(): void;
  /** Trains exactly `steps` steps (a whole number ≥ 1), then pauses; ignored while a job runs. */
  trainSteps(steps: number): void;
  /** Re-initialises the weights from the seed (a new run), paused. */
  reset(): void;
  dismissNotice(): void;
  /** Shows the storage notice `notice` (a stored value was discarded, or a write failed). */
  showStorageNotice(notice: StorageNotice): void;
  dismissStorageNotice(): void;
  /** Asks the worker for an accuracy-vs-sparsity sweep of the current network; `pruning.sweeping` until it answers. */
  sweep(): void;
  /** Asks the worker to remove the masked neurons for real; `pruning.compacting` until it answers. */
  compact(): void;
  /**
   * Switches the gradual schedule on from the current step: sched = poly,
   * s_begin = step, s_end = step + (s_end − s_begin) of the config (the same
   * length; capped at the URL's largest step).
   */
  startSchedule(): void;
  /**
   * Asks the worker to choose λ by k-fold cross-validation (the config's cv_*
   * keys). Training pauses while it runs; `regularisation.job` shows progress
   * until the worker ends it. Ignored while another job runs.
   */
  lambdaSweep(): void;
  /** Asks the worker for the regularise-then-prune experiment (rp_* keys); like {@link AppActions.lambdaSweep}. */
  regPrune(): void;
  /** Asks the worker to stop the running job; the job ends when the worker says it was cancelled. */
  cancelJob(): void;
  /**
   * Applies a λ found by the sweep: sets λ₁ and/or λ₂ for the kind the sweep
   * varied (L1, L2 or elastic net; without a result, the kind it would vary now).
   */
  applyLambda(lambda: number): void;
  /** Sets the penalty in one change: none → λ₁ = λ₂ = 0; l1 → λ₁ = λ, λ₂ = 0; l2 → λ₂ = λ, λ₁ = 0; elastic → both λ. Ignored when λ is out of bounds. */
  setPenalty(kind: PenaltyKind, lambda: number): void;
  /** mnist: asks the worker for a fresh augmentation preview (a new random draw); ignored for other datasets. */
  requestAugPreview(): void;
  /**
   * Loads an imported model: `config` (its network, dataset and no pruning;
   * see ui/modelio/importConfig.ts) starts a new run, paused, and the worker
   * replaces that run's weights with `layers` (effective weights, shapes of
   * `config`'s network) and evaluates them. Ignored when `config` is out of bounds.
   */
  importModel(config: ExperimentConfig, layers: LayerWeights[]): void;
  /** Applies a message from the worker (stale runIds are dropped). */
  receive(msg: FromWorker): void;
  /** 2-D datasets: stream this hidden neuron's output map with the decision boundary (null: stop). */
  watchNeuron(neuron: { layer: number; unit: number } | null): void;
  /**
   * Pins the current run: a copy of its config and series points, in the first
   * free pin colour; `experiment` tags a pin an experiment takes (so its rerun
   * can replace it). Refused (no change) when the series is empty or
   * PINS_MAX runs are pinned already (see `pinRefusal` in pins.ts).
   */
  pin(experiment?: PinExperiment): void;
  /** Removes the pinned run `id`. */
  unpin(id: number): void;
  /** Puts the pinned run `id`'s config back into the controls (as a pasted link would; a cold difference starts a new run). */
  restorePin(id: number): void;
  /** Sets the augmentation experiment's steps per arm; ignored when out of bounds or while it runs. */
  setAugExperimentSteps(steps: number): void;
  /** Starts the augmentation experiment (see augExperiment.ts); ignored when it runs already or cannot start. */
  startAugExperiment(): void;
  /** Stops the running augmentation experiment. */
  cancelAugExperiment(): void;
}

export type AppState = AppData & AppActions;

/** The store plus what lives beside React state: outgoing commands and the latest weights. */
export interface AppStore extends StoreApi<AppState> {
  /** Subscribes to messages for the worker; returns the unsubscribe function. */
  onCommand(listener: (msg: ToWorker) => void): () => void;
  /** The latest weight snapshot, outside React state. */
  snapshot: SnapshotRef;
  /** The latest model views (decision boundary, confusion matrix, …) and 2-D points, outside React state. */
  view: ViewRef;
}

// The presets moved to presets.ts; re-exported for the modules that import them from here.
export { MNIST_PRESET, TOY_PRESET, presetFor } from './presets';

/**
 * `next` with every key that `page` locks (a classroom link's `lock=`) kept
 * at its value in `prev`, so no control, preset, lesson or restored pin
 * changes a locked key. Returns `next` itself when no locked key differs.
 */
export function keepLocked(next: ExperimentConfig, prev: ExperimentConfig, page: PageConfig): ExperimentConfig {
  const same = (a: unknown, b: unknown): boolean => (Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : a === b);
  const changed = page.lock.filter((key) => !same(next[key], prev[key]));
  if (changed.length === 0) return next;
  const out: Record<string, unknown> = { ...next };
  for (const key of changed) out[key] = prev[key];
  return out as unknown as ExperimentConfig;
}

/**
/**
 * A page a link opens: with a lesson open and the default group, the group
 * the lesson's first step works in (`#lesson=magnitude` opens on pruning).
 */
export function linkedPage(page: PageConfig): PageConfig {
  const lesson = lessonById(page.lesson);
  if (lesson === undefined || page.panel !== PAGE_SCHEMA.panel.default) return page;
  return { ...page, panel: lesson.steps[0].panel };
}

/**
 * Creates the store, starting from `config` (already validated, e.g. by `parseHash`);
 * `restored` holds what persist.ts read back: pins (validated, distinct ids) and a storage notice.
 */
export function createAppStore(
  config: ExperimentConfig = defaultConfig(),
  urlNotice: RejectedKey[] = [],
  page: PageConfig = defaultPage(),
  restored: { pinned?: PinnedRun[]; storageNotice?: StorageNotice | null } = {},
): AppStore {
  const listeners = new Set<(msg: ToWorker) => void>();
  const emit = (msg: ToWorker): void => {
    for (const listener of listeners) listener(msg);
  };
  const snapshot = createSnapshotRef();
  const view = createLatestRef<ViewState>();
  let nextPinId = 1 + Math.max(0, ...(restored.pinned ?? []).map((p) => p.id));
  /** The run whose preview was already asked for on reaching ready: one automatic request per run. */
  let previewAskedFor = 0;
  /** Pending debounced preview request after an `aug` change. */
  let previewTimer: ReturnType<typeof setTimeout> | undefined;

  const api = createStore<AppState>()((set, get) => {
    /**
     * Moves to `next`: a cold change starts a new run; either way the worker is
     * told. Keys the page's classroom link locks keep their values, unless
     * `fromLink` (a new link replaces the page, its locks included).
     */
    const applyConfig = (wanted: ExperimentConfig, extra: Partial<AppData> = {}, fromLink = false): void => {
      const { config: prev, run, pruning, page } = get();
      const next = fromLink ? wanted : keepLocked(wanted, prev, page);
      // Each key is checked on its own by its caller; the whole (e.g. a network over MAX_PARAMS) here.
      if (!isValidConfig(next)) return;
      if (isColdChange(prev, next)) {
        const fresh = freshRun(run.runId + 1, run.playing, next.backend === prev.backend ? run : undefined);
        const sameModel = sameNetwork(prev, next);
        snapshot.set(null);
        view.set(null);
        set({
          ...extra,
          config: next,
          run: fresh,
          series: emptySeries(),
          pruning: freshPruning(carryLotteryHistory(pruning, sameModel)),
          regularisation: freshRegularisation(),
          augPreview: null,
        });
      } else {
        set({ ...extra, config: next });
        // A hot aug change: show it on the same digits once the user stops dragging.
        if (next.aug !== prev.aug && next.dataset === 'mnist') {
          clearTimeout(previewTimer);
          previewTimer = setTimeout(() => get().requestAugPreview(), AUG_PREVIEW_DEBOUNCE_MS);
        }
      }
      emit({ type: 'configure', runId: get().run.runId, config: next });
    };
    const command = (type: 'play' | 'pause'): void => emit({ type, runId: get().run.runId });
    /** Starts a job: the worker pauses training for it, so the play intent ends here too. */
    const startJob = (type: 'lambdaSweep' | 'regPrune'): void => {
      if (get().regularisation.job !== null) return;
      set((s) => ({ run: { ...s.run, playing: false }, regularisation: { ...s.regularisation, job: startingJob(type), jobMessage: null } }));
      emit({ type, runId: get().run.runId });
    };

    return {
      config,
      run: freshRun(1, false),
      series: emptySeries(),
      pruning: freshPruning(),
      regularisation: freshRegularisation(),
      augPreview: null,
      urlNotice,
      pinned: restored.pinned ?? [],
      augExperiment: freshAugExperiment(),
      page: linkedPage(page),
      storageNotice: restored.storageNotice ?? null,
      lessonStep: 0,

      setConfig(key, value) {
        if (!(SCHEMA[key] as Row<unknown>).isValid(value) || isLocked(get().page, key)) return;
        applyConfig({ ...get().config, [key]: value });
      },
      setDataset(name) {
        const prev = get().config;
        applyConfig({ ...prev, ...presetFor(prev.dataset, name), dataset: name });
      },
      setArch(arch) {
        const { config: prev, page } = get();
        if (!SCHEMA.arch.isValid(arch) || isLocked(page, 'arch') || prev.arch === arch) return;
        const lesson = lessonById(page.lesson);
        const controlled = lesson !== undefined && lesson.controls.includes('arch');
        const preset = imageDataset(prev.dataset) && !controlled ? presetValues(modelPreset(prev.dataset, arch)) : {};
        applyConfig({ ...prev, ...preset, arch });
      },
      applySeedArticleCnn() {
        applyConfig({ ...get().config, ...presetValues(CLASSIC_CNN_PRESET) });
      },
      replaceConfig(next, rejected = [], nextPage) {
        if (!isValidConfig(next) || (nextPage !== undefined && !isValidPage(nextPage))) return;
        applyConfig({ ...next, layers: [...next.layers] }, nextPage === undefined ? { urlNotice: rejected } : { urlNotice: rejected, page: linkedPage(nextPage), lessonStep: 0 }, nextPage !== undefined);
      },
      setPage(key, value) {
        if (!(PAGE_SCHEMA[key] as Row<unknown>).isValid(value) || get().page[key] === value) return;
        // Another lesson (or none) starts at its first step.
        set((s) => (key === 'lesson' ? { page: { ...s.page, [key]: value }, lessonStep: 0 } : { page: { ...s.page, [key]: value } }));
      },
      startLesson(id) {
        const lesson = lessonById(id);
        if (lesson === undefined) return;
        const { config: preset } = parseHash(lesson.hash);
        if (get().run.playing) get().pause();
        applyConfig({ ...preset, layers: [...preset.layers] }, { page: { ...get().page, lesson: id, panel: lesson.steps[0].panel }, lessonStep: 0 });
        // Same experiment as before (no cold change): still start the lesson from fresh weights.
        if (get().run.step > 0) get().reset();
      },
      setLessonStep(step) {
        const lesson = lessonById(get().page.lesson);
        if (lesson === undefined || !Number.isInteger(step)) return;
        const n = Math.min(Math.max(step, 0), lesson.steps.length - 1);
        set((s) => ({ lessonStep: n, page: { ...s.page, panel: lesson.steps[n].panel } }));
      },
      play() {
        // While a job runs the worker keeps training paused; cancel the job to train.
        if (get().run.playing || get().regularisation.job !== null) return;
        set((s) => ({ run: { ...s.run, playing: true } }));
        command('play');
      },
      pause() {
        set((s) => ({ run: { ...s.run, playing: false } }));
        command('pause');
      },
      togglePlay() {
        if (get().run.playing) get().pause();
        else get().play();
      },
      stepOnce() {
        if (get().regularisation.job !== null) return;
        set((s) => ({ run: { ...s.run, playing: false } }));
        emit({ type: 'step', runId: get().run.runId, steps: 1 });
      },
      trainSteps(steps) {
        if (get().regularisation.job !== null || !Number.isInteger(steps) || steps < 1) return;
        set((s) => ({ run: { ...s.run, playing: false } }));
        emit({ type: 'step', runId: get().run.runId, steps });
      },
      reset() {
        const { run, pruning } = get();
        snapshot.set(null);
        view.set(null);
        set({
          run: freshRun(run.runId + 1, false, run),
          series: emptySeries(),
          pruning: freshPruning(carryLotteryHistory(pruning, true)),
          regularisation: freshRegularisation(),
          augPreview: null,
        });
        emit({ type: 'reset', runId: get().run.runId });
      },
      dismissNotice() {
        set({ urlNotice: [] });
      },
      showStorageNotice(notice) {
        set({ storageNotice: notice });
      },
      dismissStorageNotice() {
        set({ storageNotice: null });
      },
      sweep() {
        set((s) => ({ pruning: { ...s.pruning, sweeping: true } }));
        emit({ type: 'sweep', runId: get().run.runId });
      },
      compact() {
        if (get().pruning.compacting) return;
        set((s) => ({ pruning: { ...s.pruning, compacting: true } }));
        emit({ type: 'compact', runId: get().run.runId });
      },
      startSchedule() {
        const { config: prev, run } = get();
        const length = Math.max(0, prev.s_end - prev.s_begin);
        const begin = Math.min(run.step, MAX_STEP);
        applyConfig({ ...prev, sched: 'poly', s_begin: begin, s_end: Math.min(begin + length, MAX_STEP) });
      },
      lambdaSweep() {
        startJob('lambdaSweep');
      },
      regPrune() {
        startJob('regPrune');
      },
      cancelJob() {
        const { job } = get().regularisation;
        if (job === null) return;
        set((s) => ({ regularisation: { ...s.regularisation, job: { ...job, label: 'Cancelling…' } } }));
        emit({ type: 'cancelJob', runId: get().run.runId });
      },
      applyLambda(lambda) {
        const { config, regularisation } = get();
        get().setPenalty(regularisation.lambdaSweep?.kind ?? sweptPenalty(config), lambda);
      },
      setPenalty(kind, lambda) {
        const patch = penaltyWeights(kind, lambda);
        if (!SCHEMA.l1.isValid(patch.l1) || !SCHEMA.l2.isValid(patch.l2)) return;
        const prev = get().config;
        if (prev.l1 === patch.l1 && prev.l2 === patch.l2) return;
        applyConfig({ ...prev, ...patch });
      },
      requestAugPreview() {
        clearTimeout(previewTimer);
        if (get().config.dataset !== 'mnist') return;
        emit({ type: 'augPreview', runId: get().run.runId });
      },
      importModel(next, layers) {
        // The weights fit `next` exactly: refused whole when the classroom link locks a key it would change.
        if (!isValidConfig(next) || keepLocked(next, get().config, get().page) !== next) return;
        if (get().run.playing) get().pause();
        const cold = isColdChange(get().config, next);
        applyConfig({ ...next, layers: [...next.layers] });
        // Same network and data as now: still a new run, so nothing of the old one mixes in.
        if (!cold) get().reset();
        emit({ type: 'loadWeights', runId: get().run.runId, layers });
      },
      watchNeuron(neuron) {
        emit({ type: 'watchNeuron', runId: get().run.runId, neuron });
      },
      pin(experiment) {
        const { pinned, config: current, series } = get();
        const next = addPin(pinned, current, series.points, nextPinId, experiment);
        if (next === pinned) return;
        nextPinId += 1;
        set({ pinned: next });
      },
      unpin(id) {
        const { pinned } = get();
        const next = removePin(pinned, id);
        if (next !== pinned) set({ pinned: next });
      },
      restorePin(id) {
        const pin = get().pinned.find((p) => p.id === id);
        if (pin !== undefined) get().replaceConfig(pin.config, get().urlNotice);
      },
      setAugExperimentSteps(steps) {
        const { augExperiment: exp } = get();
        if (!isValidAugExpSteps(steps) || exp.run.status === 'running' || exp.steps === steps) return;
        set({ augExperiment: { ...exp, steps } });
      },
      startAugExperiment() {
        augExperiment.start();
      },
      cancelAugExperiment() {
        augExperiment.cancel();
      },
      receive(msg) {
        if (msg.type === 'snapshot') {
          if (msg.runId === get().run.runId) snapshot.set({ runId: msg.runId, step: msg.step, layers: msg.layers, masks: msg.masks, neurons: msg.neurons });
          return;
        }
        if (msg.type === 'points' || msg.type === 'view') {
          const runId = get().run.runId;
          if (msg.runId !== runId) return;
          const prev = view.get();
          const base = prev !== null && prev.runId === runId ? prev : emptyView(runId);
          if (msg.type === 'points') {
            const { xTrain, yTrain, xTest, yTest } = msg;
            view.set({ ...base, points: { runId, xTrain, yTrain, xTest, yTest } });
          } else {
            view.set(mergeView(base, msg.step, msg.view));
          }
          return;
        }
        if (msg.type === 'augPreview') {
          if (msg.runId !== get().run.runId) return;
          const { runId, count, labels, originals, augmented } = msg;
          set({ augPreview: { runId, count, labels, originals, augmented } });
          return;
        }
        const next = applyWorkerMessage(get(), msg);
        if (next !== null) set(next);
        // The first time a mnist run is ready (paused or training), show its augmentation.
        const { run, config: current } = get();
        if (msg.type === 'phase' && (msg.phase === 'paused' || msg.phase === 'training') && msg.runId === run.runId && current.dataset === 'mnist' && previewAskedFor !== run.runId) {
          previewAskedFor = run.runId;
          get().requestAugPreview();
        }
      },
    };
  });

  /** Drives the augmentation experiment from a subscription to this store (the actions above call it once it exists). */
  const augExperiment = attachAugExperiment(api);

  return {
    ...api,
    snapshot,
    view,
    onCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
