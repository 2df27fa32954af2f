/**
 * Fixtures and the page object for the playground's end-to-end tests.
 *
 * Specs talk to the app only through its stable hooks (data-testid + data-value,
 * the URL hash); see `PlaygroundPage`. Every test also gets a guard that fails it
 * on an uncaught page error, a console error or any dialog (alert/confirm/prompt):
 * none of those may ever happen in the playground.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Metric hooks: `data-testid="metric-<name>"`, raw value in `data-value` ('' when unknown). */
export type MetricName =
  | 'step'
  | 'train-loss'
  | 'test-loss'
  | 'test-accuracy'
  | 'backend'
  | 'steps-per-sec'
  | 'epoch'
  | 'params'
  | 'sparsity'
  | 'nonzero'
  | 'flops'
  | 'infer-before'
  | 'infer-after'
  | 'data-loss'
  | 'penalty';

/** URL keys that have a control `data-testid="control-<key>"`. */
export const CONTROL_KEYS = ['dataset', 'noise', 'split', 'layers', 'act', 'opt', 'lr', 'batch', 'seed', 'backend'] as const;
/** Pruning keys whose controls show on a fresh page (the others appear with their mode: sparsity, q, the schedule's, the lottery's). */
export const PRUNING_CONTROL_KEYS = ['pmode', 'threshold', 'keep', 'importance', 'sched', 'lottery'] as const;
/** Regularisation controls on a fresh page (`penalty` and `lambda` are controls, not URL keys: they set l1/l2). */
export const REGULARISATION_CONTROL_KEYS = ['penalty', 'lambda', 'l1', 'l2', 'prox', 'dropout', 'cv_k', 'cv_steps', 'cv_min', 'cv_max', 'cv_points', 'rp_steps', 'rp_tune'] as const;
/** The network-structure controls of an image dataset (`arch`; `conv` and `pool` show with arch=cnn). */
export const CNN_CONTROL_KEYS = ['arch', 'conv', 'pool'] as const;
export type ControlKey =
  | (typeof CONTROL_KEYS)[number]
  | (typeof CNN_CONTROL_KEYS)[number]
  | (typeof PRUNING_CONTROL_KEYS)[number]
  | 'sparsity'
  | 'q'
  | 'scope'
  | 's_init'
  | 's_final'
  | 's_begin'
  | 's_end'
  | 's_freq'
  | 'lt_rate'
  | 'lt_out'
  | 'lt_steps'
  | 'lt_rounds'
  | 'penalty'
  | 'lambda'
  | 'l1'
  | 'l2'
  | 'prox'
  | 'dropout'
  | 'cv_k'
  | 'cv_steps'
  | 'cv_min'
  | 'cv_max'
  | 'cv_points'
  | 'rp_steps'
  | 'rp_tune'
  | 'threshold-exact'
  | 'aug'
  | 'trainSize'
  | 'aug-flip'
  | 'aug-rotate'
  | 'aug-zoom'
  | 'aug-shift'
  | 'aug-crop'
  | 'aug-noise'
  | 'aug-bright'
  | 'aug-contrast';

export const REAL_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** A small, fast experiment: the 2-8-8-1 circle network on the cpu backend (hundreds of steps/s). */
export const TINY_CIRCLE = 'dataset=circle&noise=0&split=50&layers=8,8&act=tanh&opt=adam&lr=0.03&batch=10&seed=1&backend=cpu';

/** LeNet-300-100 on the 10,000 real MNIST digits. */
export const MNIST_LENET = 'dataset=mnist&layers=300,100&batch=128&act=relu&lr=0.001&backend=wasm';

/** One PerformanceLongTaskTiming, as recorded by the init script. */
export interface LongTask {
  startTime: number;
  duration: number;
  name: string;
}

/** One long animation frame (> 50 ms) with the scripts that ran in it, for blaming a long task. */
export interface LongFrame {
  startTime: number;
  duration: number;
  /** "invoker → source:function (ms)" for each script that ran over 5 ms in the frame. */
  scripts: string[];
}

/**
 * Runs in the page before any of its scripts: records every main-thread task over
 * 50 ms (the Long Tasks API threshold) in `window.__longTasks`, and every long
 * animation frame with its script attribution in `window.__longFrames`.
 */
function recordLongTasks(): void {
  const w = window as unknown as { __longTasks: LongTask[]; __longFrames: LongFrame[] };
  w.__longTasks = [];
  w.__longFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ startTime: e.startTime, duration: e.duration, name: e.name });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Not supported: __longTasks stays empty and the spec that needs it checks support first.
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { scripts?: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[] })[]) {
        const scripts = (e.scripts ?? [])
          .filter((s) => s.duration > 5)
          .map((s) => `${s.invoker} → ${s.sourceURL.split('/').pop()}:${s.sourceFunctionName || '?'} (${Math.round(s.duration)} ms)`);
        w.__longFrames.push({ startTime: e.startTime, duration: e.duration, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // Attribution is a diagnostic only.
  }
}

/** What the guard saw go wrong during one test. */
interface Incidents {
  pageErrors: string[];
  consoleErrors: string[];
  dialogs: string[];
}

/** The playground as a student sees it, addressed through its stable test hooks. */
export class PlaygroundPage {
  constructor(readonly page: Page) {}

  /** Opens the app with `hash` (without '#') and waits until it is interactive. */
  async open(hash = ''): Promise<void> {
    await this.page.goto(hash ? `./#${hash}` : './');
    await this.waitReady();
  }

  /** Waits for the play button, the step counter and its first value ('0' on a fresh run). */
  async waitReady(): Promise<void> {
    await expect(this.playButton).toBeVisible({ timeout: 30_000 });
    await expect(this.metric('step')).toHaveAttribute('data-value', /^\d+$/, { timeout: 30_000 });
  }

  get playButton(): Locator {
    return this.page.getByTestId('btn-play');
  }
  get stepButton(): Locator {
    return this.page.getByTestId('btn-step');
  }
  get resetButton(): Locator {
    return this.page.getByTestId('btn-reset');
  }
  get urlNotice(): Locator {
    return this.page.getByTestId('url-notice');
  }

  metric(name: MetricName): Locator {
    return this.page.getByTestId(`metric-${name}`);
  }

  control(key: ControlKey): Locator {
    return this.page.getByTestId(`control-${key}`);
  }

  /** The raw `data-value` of a metric ('' when unknown). */
  async raw(name: MetricName): Promise<string> {
    return (await this.metric(name).getAttribute('data-value')) ?? '';
  }

  /** A metric as a number; NaN when unknown (''). */
  async num(name: MetricName): Promise<number> {
    const raw = await this.raw(name);
    return raw === '' ? Number.NaN : Number(raw);
  }

  async step(): Promise<number> {
    return this.num('step');
  }

  async playState(): Promise<string | null> {
    return this.playButton.getAttribute('data-state');
  }

  /** Presses play (if not already playing) and waits for the button to say so. */
  async play(): Promise<void> {
    if ((await this.playState()) !== 'playing') await this.playButton.click();
    await expect(this.playButton).toHaveAttribute('data-state', 'playing');
  }

  /** Presses pause (if playing) and waits until the step counter has stopped moving. */
  async pause(): Promise<number> {
    if ((await this.playState()) === 'playing') await this.playButton.click();
    await expect(this.playButton).toHaveAttribute('data-state', 'paused');
    return this.settledStep();
  }

  /**
   * The step once it stops changing: metrics arrive a few times a second, so a
   * value is "settled" when it is the same over `quietMs`.
   */
  async settledStep(quietMs = 700, timeout = 15_000): Promise<number> {
    let last = await this.step();
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      await this.page.waitForTimeout(quietMs);
      const now = await this.step();
      if (now === last) return now;
      last = now;
    }
    throw new Error(`step counter still moving after ${timeout} ms (last ${last})`);
  }

  /** Waits until metric `name` satisfies `ok`, and returns its value; the error names the last value seen. */
  async waitFor(name: MetricName, ok: (value: number) => boolean, timeout: number, what = ''): Promise<number> {
    const deadline = Date.now() + timeout;
    let value: number;
    for (;;) {
      value = await this.num(name);
      if (ok(value)) return value;
      if (Date.now() > deadline) break;
      await this.page.waitForTimeout(150);
    }
    const context = `step ${await this.raw('step')}, backend ${await this.raw('backend')}, play ${await this.playState()}`;
    throw new Error(`metric-${name} ${what}: not within ${timeout / 1000} s (last value ${value}; ${context})`);
  }

  /** Waits until the step counter reaches at least `n`. */
  async waitForStep(n: number, timeout = 30_000): Promise<number> {
    return this.waitFor('step', (s) => s >= n, timeout, `to reach ${n}`);
  }

  /** The value a control shows (select value or input value). */
  async controlValue(key: ControlKey): Promise<string> {
    return this.control(key).inputValue();
  }

  /** Sets a control as a user would: picks a select option, or types into an input and commits it. */
  async setControl(key: ControlKey, value: string): Promise<void> {
    const control = this.control(key);
    const tag = await control.evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') {
      await control.selectOption(value);
      return;
    }
    const type = await control.getAttribute('type');
    await control.fill(value);
    if (type !== 'range' && type !== 'checkbox') await control.press('Enter');
    await control.blur();
  }

  /**
   * Moves a range control to `value` as a dragging user would (native value setter,
   * then `input` and `change` events): Playwright's `fill` does not take range inputs.
   * Returns the value the input holds afterwards (snapped to its step and bounds).
   */
  async setRange(key: ControlKey, value: number): Promise<number> {
    return this.control(key).evaluate((el, v) => {
      const input = el as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, String(v));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return Number(input.value);
    }, value);
  }

  /** A range control's min, max and step attributes. */
  async rangeBounds(key: ControlKey): Promise<{ min: number; max: number; step: number }> {
    return this.control(key).evaluate((el) => {
      const input = el as HTMLInputElement;
      return { min: Number(input.min || 0), max: Number(input.max || 100), step: Number(input.step) || 1 };
    });
  }

  /**
   * The options a select control offers (its values), or undefined for a free input.
   */
  async controlOptions(key: ControlKey): Promise<string[] | undefined> {
    return this.control(key).evaluate((el) =>
      el instanceof HTMLSelectElement ? Array.from(el.options, (o) => o.value) : undefined,
    );
  }

  /** The config in the URL hash, as key → value. */
  async hashParams(): Promise<Record<string, string>> {
    const hash = await this.page.evaluate(() => location.hash);
    return Object.fromEntries(new URLSearchParams(hash.replace(/^#/, '')));
  }

  /** Waits until the URL hash holds `key=value` (the app writes it debounced). */
  async waitForHash(key: string, value: string | ((v: string | undefined) => boolean)): Promise<void> {
    const ok = typeof value === 'string' ? (v: string | undefined) => v === value : value;
    await expect.poll(async () => ok((await this.hashParams())[key]), { message: `URL hash ${key}` }).toBe(true);
  }

  /** Blurs whatever has focus, so key presses go to the page's shortcuts and not a control. */
  async focusPage(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  /** Long tasks (> 50 ms) the main thread ran since `sinceMs` (performance.now() time). */
  async longTasksSince(sinceMs: number): Promise<LongTask[]> {
    return this.page.evaluate((since) => {
      const tasks = (window as unknown as { __longTasks: LongTask[] }).__longTasks ?? [];
      return tasks.filter((t) => t.startTime + t.duration >= since);
    }, sinceMs);
  }

  /** Long animation frames (with script attribution) since `sinceMs`: explains long tasks. */
  async longFramesSince(sinceMs: number): Promise<LongFrame[]> {
    return this.page.evaluate((since) => {
      const frames = (window as unknown as { __longFrames: LongFrame[] }).__longFrames ?? [];
      return frames.filter((f) => f.startTime + f.duration >= since);
    }, sinceMs);
  }

  async now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  /** Whether this browser reports long tasks at all (so a "none seen" result means something). */
  async longTasksSupported(): Promise<boolean> {
    return this.page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'));
  }
}

interface Fixtures {
  /** The page object; the page records long tasks from its first script on. */
  app: PlaygroundPage;
  /**
   * Console error texts (matched by any of these) that a test tolerates. Default: only the
   * browser's own automatic /favicon.ico request; load.spec.ts clears even that.
   */
  allowedConsoleErrors: RegExp[];
  /** What went wrong so far in this test (the guard fails the test on any of it). */
  incidents: Incidents;
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[/\/favicon\.ico\)$/], { option: true }],

  incidents: [
    async ({ page, allowedConsoleErrors }, use, testInfo) => {
      const incidents: Incidents = { pageErrors: [], consoleErrors: [], dialogs: [] };
      page.on('pageerror', (error) => incidents.pageErrors.push(`${error.name}: ${error.message}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        // "Failed to load resource" names no resource in its text; its location does.
        const where = msg.location().url;
        const text = where && !msg.text().includes(where) ? `${msg.text()} (${where})` : msg.text();
        if (!allowedConsoleErrors.some((re) => re.test(text))) incidents.consoleErrors.push(text);
      });
      page.on('dialog', (dialog) => {
        incidents.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => undefined);
      });
      await use(incidents);
      const all = [
        ...incidents.pageErrors.map((e) => `page error: ${e}`),
        ...incidents.consoleErrors.map((e) => `console error: ${e}`),
        ...incidents.dialogs.map((e) => `dialog: ${e}`),
      ];
      if (all.length > 0) await testInfo.attach('incidents', { body: all.join('\n'), contentType: 'text/plain' });
      expect(all, 'no page errors, console errors or dialogs').toEqual([]);
    },
    { auto: true },
  ],

  app: async ({ page }, use) => {
    await page.addInitScript(recordLongTasks);
    await use(new PlaygroundPage(page));
  },
});

export { expect };
