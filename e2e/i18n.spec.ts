import { expect, test } from './fixtures';

/**
 * The two languages: `lang=zh` in the link shows the panel, the header, the
 * run's phase and the link's notice in Chinese (the producers' English
 * reasons translated at display time); the language select switches back to
 * English at once and the link follows.
 */
test('lang=zh shows the page in Chinese; the select switches back to English and the link follows', async ({ app, page }) => {
  await app.open('lang=zh&noise=-5&bogus=1');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.getByTestId('control-lang')).toHaveValue('zh');
  await expect(app.urlNotice).toContainText('链接中的部分设置没有被采用。');
  await expect(app.urlNotice).toContainText('小于最小值 0；已限制为 0');
  await expect(app.urlNotice).toContainText('未知的键；已忽略');
  await expect(page.getByText('训练集比例', { exact: true })).toBeVisible();
  await expect(page.getByTestId('run-phase')).toHaveText('已暂停');
  const accuracyLabel = page.locator('.metric').filter({ has: app.metric('test-accuracy') }).locator('dt');
  await expect(accuracyLabel).toHaveText('测试准确率');

  // Training works the same; the phase reads in Chinese.
  await app.play();
  await expect(page.getByTestId('run-phase')).toHaveText('训练中');
  await app.waitForStep(5);
  await app.pause();

  await page.getByTestId('control-lang').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(app.urlNotice).toContainText('below the minimum 0; clamped to 0');
  await expect(page.getByText('Training share', { exact: true })).toBeVisible();
  await expect(page.getByTestId('run-phase')).toHaveText('Paused');
  await expect(accuracyLabel).toHaveText('Test accuracy');
  await app.waitForHash('lang', (v) => v === undefined);
});

/**
 * Latin words a Chinese page may show: names, units, symbols and code (URL
 * keys and values, layer class names in tfjs messages). Anything else is
 * English left behind. Each word is matched case-sensitively.
 */
const KEPT_IN_CHINESE = new Set(
  (
    'Prune Playground English MNIST CNN MLP LeNet LeNet-300-100 TensorFlow LayersModel ReLU Tanh Sigmoid Adam SGD WebGPU WebGL WASM CPU tfjs Conv2DBackpropFilter ' +
    'XOR Friedman Lasso L1 L2 Han Zhu Gupta Frankle Carbin Taylor std PNG CSV QR Dropout kFLOP MFLOP GFLOP FLOP px diag clip sign max data'
  ).split(' '),
);

/**
 * Every text of the page a person can read, as Latin words: text nodes
 * (option labels included, formulas and code excepted) and the attributes
 * read aloud or shown on hover. Code-like runs (`flip,rotate:15`, `32:3,64:3`,
 * `lr=0.1`, file and API names such as `model.weights.bin`, `TensorFlow.js`, `.bin`)
 * are dropped first.
 */
async function latinWords(page: import('@playwright/test').Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.parentElement?.closest('math, code, script, style, noscript') == null) out.push(node.textContent ?? '');
    }
    for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [aria-valuetext]')) {
      for (const name of ['title', 'aria-label', 'placeholder', 'aria-valuetext']) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return out;
  });
  const code = /\b[a-z_]+(?::[\d.]+)?(?:,[a-z_]+(?::[\d.]+)?)+\b|\b\w+=[\w.,:]*|\d+:\d+(?::\d+)?(?:,\d+:\d+(?::\d+)?)*|\b[A-Za-z]\w*(?:\.[A-Za-z]\w*)+|\.[a-z]{2,4}\b/g;
  const words = texts.flatMap((text) => text.replace(code, ' ').match(/[A-Za-z][A-Za-z0-9-]*/g) ?? []);
  // Single letters are symbols (θ's q, λ's x, s, p, k, n, w…); L1-style names are kept above.
  return [...new Set(words.filter((w) => w.replace(/[^A-Za-z]/g, '').length >= 2 && !KEPT_IN_CHINESE.has(w)))].sort();
}

test('lang=zh: no English word is left on the MNIST CNN page, its controls, tooltips and pinned runs', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open('lang=zh&dataset=mnist&arch=cnn&trainSize=500&backend=webgl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await app.waitFor('params', (p) => p === 11_978, 60_000, 'to be the small CNN’s');
  // The CNN's controls, the augmentation presets, the size table and the formulas are on the page.
  await expect(page.getByTestId('size-table')).toBeVisible();
  await expect(page.getByTestId('control-conv')).toBeVisible();
  // A few steps and a pin put the header figures, the charts and the pins bar on the page too.
  await app.play();
  await app.waitForStep(3, 60_000);
  await app.pause();
  await page.getByTestId('btn-pin').click();
  await expect(page.getByTestId('pinned-runs').locator('li')).toHaveCount(1);
  const words = await latinWords(page);
  expect(words).toEqual([]);
  // The words the review found, by name.
  const text = await page.locator('body').innerText();
  for (const left of ['flip & spin', 'digit-safe', 'Flatten', 'FLOPs', 'FLOPS']) expect(text).not.toContain(left);
  await expect(page.getByTestId('aug-preset').locator('option')).toHaveText(['无', '对数字安全', '翻转加旋转（会破坏标签！）']);
});
