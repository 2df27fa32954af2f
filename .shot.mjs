import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const [hash, out, actions] = [process.argv[2], process.argv[3], process.argv[4] ?? ''];
const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
p.on('pageerror', (e) => console.log('pageerror', e.message));
p.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await p.goto(`http://localhost:4300/#${hash}`);
await p.getByTestId('btn-play').waitFor();
await p.waitForTimeout(2000);
const val = async (id) => p.getByTestId(id).getAttribute('data-value');
for (const a of actions.split(';').filter(Boolean)) {
  const [cmd, arg, arg2] = a.split(':');
  if (cmd === 'train') { await p.getByTestId('btn-play').click(); while (Number(await val('metric-step')) < Number(arg)) await p.waitForTimeout(200); await p.getByTestId('btn-play').click(); await p.waitForTimeout(1500); }
  if (cmd === 'play') { await p.getByTestId('btn-play').click(); await p.waitForTimeout(Number(arg)); }
  if (cmd === 'range') { await p.getByTestId(`control-${arg}`).evaluate((el, v) => { const s = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; s.call(el, v); el.dispatchEvent(new Event('input', { bubbles: true })); }, arg2); await p.waitForTimeout(1500); }
  if (cmd === 'click') { await p.getByTestId(arg).click(); await p.waitForTimeout(Number(arg2 ?? 2000)); }
  if (cmd === 'wait') await p.waitForTimeout(Number(arg));
}
console.log('step', await val('metric-step'), 'sparsity', await val('metric-sparsity'), 'acc', await val('metric-test-accuracy'), 'params', await val('metric-params'));
await p.setViewportSize({ width: 1440, height: 1400 }); await p.waitForTimeout(800); await p.screenshot({ path: out, fullPage: process.env.FULL === "1" });
await b.close();
