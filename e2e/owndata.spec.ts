import { expect, test, type PlaygroundPage } from './fixtures';

/**
 * Your own data (issue 7): points drawn on the canvas or uploaded as CSV train
 * like any 2-D set; bad CSV rows are reported by line; a small set travels in
 * the link (`pts`), a large one stays in this browser's local storage.
 */

const CUSTOM = 'dataset=custom&noise=0&split=50&layers=8,8&act=tanh&opt=adam&lr=0.03&batch=10&seed=1&backend=cpu';

/** Canvas position (CSS pixels from its top left) of data point (x, y); the canvas shows [−1.1, 1.1]². */
async function at(app: PlaygroundPage, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await app.page.getByTestId('owndata-canvas').boundingBox();
  if (box === null) throw new Error('own-data canvas not visible');
  return { x: ((x + 1.1) / 2.2) * box.width, y: ((1.1 - y) / 2.2) * box.height };
}

/** The counts of class A and B the card shows. */
async function counts(app: PlaygroundPage): Promise<[number, number]> {
  const a = await app.page.getByTestId('owndata-count-a').getAttribute('data-value');
  const b = await app.page.getByTestId('owndata-count-b').getAttribute('data-value');
  return [Number(a), Number(b)];
}

/** Items of the `pts` key in the URL hash (0 when absent). */
async function ptsInHash(app: PlaygroundPage): Promise<number> {
  const pts = (await app.hashParams()).pts;
  return pts === undefined || pts === '' ? 0 : pts.split(';').length;
}

test('draw 10 points of each class, train: the test accuracy rises', async ({ app }) => {
  await app.open(CUSTOM.replace('dataset=custom', 'dataset=circle'));
  await expect(app.page.getByTestId('owndata')).toHaveCount(0);
  await app.setControl('dataset', 'custom');
  const card = app.page.getByTestId('owndata');
  await expect(card).toBeVisible();
  // A fresh browser starts from the example; clear it and draw class A on the left, class B on the right
  // (10 training points must be enough to generalise, whatever the seeded split draws).
  await expect.poll(() => counts(app)).toEqual([14, 10]);
  await app.page.getByTestId('btn-owndata-clear').click();
  await expect.poll(() => counts(app)).toEqual([0, 0]);
  await expect(app.page.getByTestId('owndata-too-few')).toBeVisible();
  const canvas = app.page.getByTestId('owndata-canvas');
  for (let i = 0; i < 10; i++) {
    const y = -0.85 + 0.18 * i;
    await canvas.click({ position: await at(app, -0.3 - 0.05 * (i % 5), y) });
    await canvas.click({ position: await at(app, 0.3 + 0.05 * ((i + 2) % 5), -y), modifiers: ['Shift'] });
  }
  await expect.poll(() => counts(app)).toEqual([10, 10]);
  // Alt-click removes the nearest point; a plain click puts it back.
  await canvas.click({ position: await at(app, -0.3, -0.85), modifiers: ['Alt'] });
  await expect.poll(() => counts(app)).toEqual([9, 10]);
  await canvas.click({ position: await at(app, -0.3, -0.85) });
  await expect.poll(() => counts(app)).toEqual([10, 10]);
  // The edits reach the run (and the link) once the clicking stops.
  await expect.poll(() => ptsInHash(app), { timeout: 5000 }).toBe(20);
  await expect(app.page.getByTestId('owndata-link-note')).toHaveAttribute('data-in-link', '1');
  // One step: the network still guesses (seeded, so this is the same every time).
  await app.stepButton.click();
  const before = await app.waitFor('test-accuracy', (v) => Number.isFinite(v), 15_000, 'after one step');
  expect(before).toBeLessThan(0.9);
  await app.play();
  await app.waitFor('test-accuracy', (v) => v >= 0.9, 25_000, 'to reach 90 %');
  expect(await app.pause()).toBeGreaterThan(1);
  // The boundary was drawn behind the points.
  await expect(canvas).toHaveAttribute('data-boundary', /\d/);
});

test('a CSV with bad rows: the good rows load, each bad row is named by its line', async ({ app }) => {
  await app.open(CUSTOM);
  const csv = ['x;y;class', '1,5;2;0', '3;4;1', 'abc;5;0', '6;;1', '', '7;8', '9;10;2', '11;12;1', '13;14;0'].join('\r\n');
  await app.page.getByTestId('owndata-upload').setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const errors = app.page.getByTestId('owndata-errors');
  await expect(errors).toHaveAttribute('data-lines', '4,5,7,8');
  await expect(errors).toContainText('Line 4');
  await expect(errors).toContainText('Line 8');
  await expect(errors).toContainText('“2”');
  await expect(app.page.getByTestId('owndata-summary')).toHaveAttribute('data-loaded', '4');
  await expect.poll(() => counts(app)).toEqual([2, 2]);
  await expect.poll(() => ptsInHash(app)).toBe(4);
  // The run trains on the uploaded points.
  await app.stepButton.click();
  await app.waitForStep(1);
  // Too large: nothing loads, the points stay.
  await app.page.getByTestId('owndata-upload').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1_000_001, 'a') });
  await expect(app.page.getByTestId('owndata-summary')).toContainText('larger than 1 MB');
  await expect(app.page.getByTestId('owndata-summary')).toHaveAttribute('data-loaded', '0');
  expect(await counts(app)).toEqual([2, 2]);
});

test('a small set travels in the link and survives a reload', async ({ app }) => {
  await app.open(`${CUSTOM}&pts=0.5,0.5,0;-0.5,-0.5,1;0.25,-0.75,0`);
  await expect.poll(() => counts(app)).toEqual([2, 1]);
  await expect(app.page.getByTestId('owndata-canvas')).toHaveAttribute('data-points', '3');
  const canvas = app.page.getByTestId('owndata-canvas');
  await canvas.click({ position: await at(app, -0.6, 0.6), modifiers: ['Shift'] });
  // The click lands within a pixel of (−0.6, 0.6): 2 decimals may differ by 0.01.
  await app.waitForHash('pts', (v) => /^0\.5,0\.5,0;-0\.5,-0\.5,1;0\.25,-0\.75,0;-0\.(59|6|61),0\.(59|6|61),1$/.test(v ?? ''));
  // Another browser profile (no local storage) gets the same points from the link alone.
  const other = await app.page.context().browser()!.newContext();
  const fresh = await other.newPage();
  await fresh.goto(app.page.url());
  await expect(fresh.getByTestId('owndata-count-b')).toHaveAttribute('data-value', '2');
  await expect(fresh.getByTestId('owndata-count-a')).toHaveAttribute('data-value', '2');
  await other.close();
  await app.page.reload();
  await app.waitReady();
  await expect.poll(() => counts(app)).toEqual([2, 2]);
});

test('a large set (500 rows) is not in the link but survives a reload through local storage', async ({ app }) => {
  await app.open(CUSTOM);
  const rows = Array.from({ length: 500 }, (_, i) => `${(i % 25) * 4},${Math.floor(i / 25) * 5},${i % 25 < 12 ? 'left' : 'right'}`);
  await app.page.getByTestId('owndata-upload').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(`x,y,side\n${rows.join('\n')}\n`) });
  await expect.poll(() => counts(app)).toEqual([240, 260]);
  await expect(app.page.getByTestId('owndata-summary')).toContainText('rescaled');
  await expect(app.page.getByTestId('owndata-link-note')).toHaveAttribute('data-in-link', '0');
  await app.waitForHash('dataset', 'custom');
  await expect.poll(() => app.hashParams().then((h) => 'pts' in h)).toBe(false);
  expect(await app.page.evaluate(() => localStorage.getItem('prune-playground:own-data:v1')?.length ?? 0)).toBeGreaterThan(5000);
  await app.page.reload();
  await app.waitReady();
  await expect.poll(() => counts(app)).toEqual([240, 260]);
  await expect(app.page.getByTestId('owndata-canvas')).toHaveAttribute('data-points', '500');
  // It trains.
  await app.stepButton.click();
  await app.waitForStep(1);
});
