/**
 * Lessons that run as written, everywhere: in presenter mode on a 1280×720
 * projector, while a lesson's step is shown, every control, button, figure
 * and chart the step names (state/lessons.ts `names`) is on screen, together
 * with the step's own text. Walks every step of every lesson; nothing is
 * trained, so each lesson takes seconds.
 */
import { LESSONS } from '../src/state/lessons';
import { expect, test } from './fixtures';
import { canSeeTogether } from './inView';

test.describe('presenter mode, 1280×720: each lesson step shows what it names', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  for (const lesson of LESSONS) {
    test(`${lesson.id}: ${lesson.steps.length} steps`, async ({ app, page }) => {
      test.setTimeout(90_000);
      await app.open(`${lesson.hash.replace(/^#/, '')}&lesson=${lesson.id}&present=1`);
      // MNIST lessons: the digits arrive first (the loading bar would push the stage down meanwhile).
      await expect(page.getByTestId('loading-bar')).toHaveCount(0, { timeout: 60_000 });
      const count = page.getByTestId('lesson-step-count');
      for (const [i, step] of lesson.steps.entries()) {
        if (i > 0) await page.getByTestId('btn-lesson-step-next').click();
        await expect(count).toHaveText(`Step ${i + 1} of ${lesson.steps.length}`);
        await expect(page.getByTestId(`panel-${step.panel}`)).toHaveAttribute('aria-current', 'step');
        for (const name of step.names) await expect(page.getByTestId(name), `${lesson.id} step ${i + 1}: ${name}`).toHaveCount(1, { timeout: 30_000 });
        // The sidebar brings the step's controls into view once the step's text and views have settled.
        await expect.poll(async () => (await canSeeTogether(page, ['lesson-step-current', ...step.names])).why, { message: `${lesson.id} step ${i + 1}`, timeout: 3_000 }).toEqual([]);
      }
    });
  }
});
