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
