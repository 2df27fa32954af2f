import { MNIST_LENET, TINY_CIRCLE, expect, test } from './fixtures';

/** The main thread may never block for longer than one long task (50 ms) while training. */
const WINDOW_MS = 8_000;

// Playwright's trace recorder screencasts the page, which costs main-thread time of its own.
test.use({ trace: 'off' });

for (const [name, hash, warmUpSteps] of [
  ['tiny circle network (many steps/s, busy charts)', TINY_CIRCLE, 500],
  ['LeNet-300-100 on MNIST (after the dataset is parsed)', MNIST_LENET, 40],
] as const) {
  test(`no main-thread task over 50 ms while training the ${name}`, async ({ app, page }) => {
    test.setTimeout(120_000);
    await app.open(hash);
    expect(await app.longTasksSupported()).toBe(true);
    await app.play();
    // Loading, parsing and the first render may take long tasks; training may not.
    await app.waitForStep(warmUpSteps, 60_000);
    await page.waitForTimeout(1_000);

    const since = await app.now();
    const stepAtStart = await app.step();
    await page.waitForTimeout(WINDOW_MS);
    const tasks = await app.longTasksSince(since);
    const frames = await app.longFramesSince(since);
    expect(await app.step(), 'still training during the window').toBeGreaterThan(stepAtStart);
    await app.pause();

    test.info().annotations.push({ type: 'long tasks', description: JSON.stringify(tasks) });
    // On failure, say which scripts ran in the long frames: that is where to look.
    const blame = frames.map((f) => `${Math.round(f.duration)} ms frame: ${f.scripts.join('; ') || 'no script over 5 ms (layout/paint/GC?)'}`);
    expect(tasks.map((t) => Math.round(t.duration * 10) / 10), `main-thread tasks over 50 ms while training\n${blame.join('\n')}`).toEqual([]);
  });
}
