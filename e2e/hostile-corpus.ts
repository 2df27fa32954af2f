/**
 * Hand-written hostile links: what a prankster, a broken chat client or a
 * fuzzer might put after the `#`. Each case names the keys the page's notice
 * must name (as the notice shows them: cut to 40 characters with '…',
 * invisible and bidirectional characters as U+FFFD), what some controls must
 * show afterwards, and whether the page must then train. Payloads try to set
 * `window.__pwned` (or open a dialog): neither may ever happen.
 *
 * `hash` is written as it follows the '#' in the address bar; the browser may
 * percent-encode parts of it (space, quotes, < >), which the codec decodes.
 * Shared by e2e/hostile.spec.ts (in the browser) and
 * tests/state/hostileCorpus.test.ts (the codec in Node).
 */

/** One hostile link. */
export interface HostileCase {
  label: string;
  /** What follows '#'. */
  hash: string;
  /** Keys the notice must name, as shown (order not required). */
  keys: string[];
  /** Words the notice must hold for a key (e.g. the parameter count that was refused). */
  reasons?: Record<string, string>;
  /** Values controls must show afterwards (`control-<key>`; numbers compare as numbers, text without spaces). */
  shows?: Record<string, string>;
  /** Whether the e2e test plays it and waits for steps (a subset: training costs seconds). */
  trains?: boolean;
}

/** Payloads that would set `window.__pwned` (or alert) if they were ever parsed as markup or followed as a link. */
export const PAYLOADS = {
  img: '<img src=x onerror=window.__pwned=1>',
  svg: '"><svg onload=window.__pwned=1>',
  script: '<script>window.__pwned=1</script>',
  js: 'javascript:window.__pwned=1',
  bold: '<b id=pwned>x</b>',
  iframe: '<iframe src=javascript:parent.__pwned=1>',
  alert: '<svg/onload=alert(1)>',
} as const;

const { img, svg, script, js, bold, iframe, alert } = PAYLOADS;

/** `k0=1&k1=1&…`: `n` distinct unknown keys. */
const manyKeys = (n: number): string => Array.from({ length: n }, (_, i) => `k${i}=1`).join('&');

export const HOSTILE_CORPUS: HostileCase[] = [
  // Script and HTML injection in every URL key.
  { label: 'img onerror in dataset', hash: `dataset=${img}&backend=cpu`, keys: ['dataset'], shows: { dataset: 'circle', backend: 'cpu' }, trains: true },
  { label: 'svg onload in noise and split', hash: `noise=${svg}&split=${svg}`, keys: ['noise', 'split'], shows: { noise: '0', split: '50' } },
  { label: 'script tag in layers', hash: `layers=${script}`, keys: ['layers'], shows: { layers: '8,8' } },
  { label: 'javascript: URL in act and opt', hash: `act=${js}&opt=${js}`, keys: ['act', 'opt'], shows: { act: 'tanh', opt: 'adam' } },
  { label: 'b#pwned in lr and batch', hash: `lr=${bold}&batch=${bold}`, keys: ['lr', 'batch'], shows: { batch: '10' } },
  { label: 'iframe in seed and backend', hash: `seed=${iframe}&backend=${iframe}`, keys: ['seed', 'backend'], shows: { seed: '1', backend: 'auto' } },
  { label: 'iframe in speed', hash: `speed=${iframe}&backend=cpu`, keys: ['speed'], trains: true },
  { label: 'speed out of range and not whole', hash: 'speed=5000&seed=2.5&backend=cpu', keys: ['speed', 'seed'], shows: { seed: '1' }, trains: true },
  { label: 'injection in the image keys', hash: `trainSize=${img}&aug=${img}&arch=${svg}&conv=${script}&pool=${bold}`, keys: ['trainSize', 'aug', 'arch', 'conv', 'pool'] },
  {
    label: 'injection in the pruning keys',
    hash: `pmode=${img}&threshold=${svg}&sparsity=${script}&q=${js}&scope=${bold}&keep=${iframe}&importance=${alert}`,
    keys: ['pmode', 'threshold', 'sparsity', 'q', 'scope', 'keep', 'importance'],
    shows: { pmode: 'threshold', keep: '1', importance: 'l1' },
  },
  { label: 'injection in the schedule keys', hash: `sched=${svg}&s_init=${img}&s_final=${script}&s_begin=${js}&s_end=${bold}&s_freq=${iframe}`, keys: ['sched', 's_init', 's_final', 's_begin', 's_end', 's_freq'], shows: { sched: 'off' } },
  { label: 'injection in the lottery keys', hash: `lottery=${img}&lt_rate=${svg}&lt_out=${script}&lt_steps=${js}&lt_rounds=${bold}`, keys: ['lottery', 'lt_rate', 'lt_out', 'lt_steps', 'lt_rounds'], shows: { lottery: 'off' } },
  { label: 'injection in the regularisation keys', hash: `l1=${img}&l2=${svg}&prox=${script}&dropout=${bold}`, keys: ['l1', 'l2', 'prox', 'dropout'], shows: { l1: '0', l2: '0', dropout: '0' } },
  {
    label: 'injection in the λ sweep and regularise-then-prune keys',
    hash: `cv_k=${img}&cv_steps=${svg}&cv_min=${script}&cv_max=${js}&cv_points=${bold}&rp_steps=${iframe}&rp_tune=${alert}`,
    keys: ['cv_k', 'cv_steps', 'cv_min', 'cv_max', 'cv_points', 'rp_steps', 'rp_tune'],
    shows: { cv_k: '5', cv_points: '9' },
  },
  { label: 'injection in own points', hash: `dataset=custom&pts=${img}`, keys: ['pts'], shows: { dataset: 'custom' } },
  { label: 'injection in lang, lesson and present', hash: `lang=${img}&lesson=${svg}&present=${script}`, keys: ['lang', 'lesson', 'present'] },
  { label: 'injection in hide and lock names', hash: `hide=${img}&lock=${svg}`, keys: ['hide', 'lock'] },
  { label: 'img tag as a key', hash: `${img}=1`, keys: ['<img src'] },
  { label: 'svg breaking out of an attribute, as a key', hash: `"><svg onload=1`, keys: ['"><svg onload'] },
  { label: 'percent-encoded img in dataset', hash: 'dataset=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E', keys: ['dataset'], shows: { dataset: 'circle' } },
  { label: 'percent-encoded script as a key', hash: '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E=1', keys: ['<script>window.__pwned=1</script>'] },
  { label: 'double-encoded script in dataset', hash: 'dataset=%253Cscript%253Ewindow.__pwned%253D1%253C%252Fscript%253E', keys: ['dataset'] },
  { label: 'double-encoded comma in layers', hash: 'layers=300%252C100', keys: ['layers'], shows: { layers: '8,8' } },
  { label: 'javascript: alert as a lesson', hash: 'lesson=javascript:alert(1)&lang=javascript:alert(1)', keys: ['lesson', 'lang'] },
  { label: 'injection in the open group', hash: `panel=${img}&seed=3`, keys: ['panel'], shows: { seed: '3' } },

  // Numbers: NaN, infinities, overflow, huge, negative, other bases, empty.
  { label: 'NaN in every number key on the page', hash: 'noise=NaN&split=NaN&lr=NaN&batch=NaN&seed=NaN&backend=cpu', keys: ['noise', 'split', 'lr', 'batch', 'seed'], shows: { noise: '0', split: '50', batch: '10', seed: '1' } },
  { label: 'Infinity and -Infinity', hash: 'lr=Infinity&batch=-Infinity&threshold=Infinity&keep=-Infinity', keys: ['lr', 'batch', 'threshold', 'keep'], shows: { batch: '10', keep: '1' } },
  { label: '1e309 overflows to Infinity', hash: 'batch=1e309&seed=1e309&lr=-1e309', keys: ['batch', 'seed', 'lr'], shows: { batch: '10', seed: '1' } },
  {
    label: 'huge numbers are clamped',
    hash: 'batch=99999999999&seed=99999999999999999999&noise=1e20&split=1e6&backend=cpu',
    keys: ['batch', 'seed', 'noise', 'split'],
    reasons: { batch: 'clamped to 1024', seed: 'clamped to 2147483647' },
    shows: { batch: '1024', seed: '2147483647', noise: '50', split: '90' },
    trains: true,
  },
  {
    label: 'negative numbers are clamped',
    hash: 'noise=-5&split=-50&batch=-10&seed=-1&lr=-0.5&backend=cpu',
    keys: ['noise', 'split', 'batch', 'seed', 'lr'],
    shows: { noise: '0', split: '10', batch: '1', seed: '0' },
    trains: true,
  },
  { label: 'hex, binary, octal and underscores', hash: 'batch=0x10&seed=0b101&noise=0o7&split=1_0', keys: ['batch', 'seed', 'noise', 'split'], shows: { batch: '10', seed: '1', noise: '0', split: '50' } },
  { label: 'empty values', hash: 'dataset=&noise=&lr=&batch=&act=', keys: ['dataset', 'noise', 'lr', 'batch', 'act'], shows: { dataset: 'circle', batch: '10', act: 'tanh' } },
  { label: 'keys without values', hash: 'dataset&layers&seed', keys: ['dataset', 'layers', 'seed'], shows: { layers: '8,8', seed: '1' } },
  { label: 'whitespace-only values', hash: 'batch=%20%20&seed=%09', keys: ['batch', 'seed'], shows: { batch: '10', seed: '1' } },
  { label: 'decimals where whole numbers are needed', hash: 'batch=2.5&seed=1.0001&noise=3.7', keys: ['batch', 'seed', 'noise'], shows: { batch: '10', seed: '1', noise: '0' } },
  { label: 'sparsity 1 and keep 0 are clamped', hash: 'pmode=sparsity&sparsity=1&keep=0', keys: ['sparsity', 'keep'], reasons: { sparsity: 'clamped to 0.999', keep: 'clamped to 0.01' } },
  { label: 'values at the limits are taken as written', hash: 'seed=2147483647&batch=1024&noise=50&split=90', keys: [], shows: { seed: '2147483647', batch: '1024', noise: '50', split: '90' } },

  // Network size: units, layer count, total parameters.
  { label: 'layers with 10⁹ units', hash: 'layers=1000000000', keys: ['layers'], reasons: { layers: '1–1024 units' }, shows: { layers: '8,8' } },
  { label: 'layers with 1,000 layers', hash: `layers=${Array.from({ length: 1000 }, () => '4').join(',')}`, keys: ['layers'], reasons: { layers: 'more than 8 hidden layers' }, shows: { layers: '8,8' } },
  { label: 'layers with negative, zero and signed widths', hash: 'layers=-8,0,+8', keys: ['layers'], shows: { layers: '8,8' } },
  {
    label: 'eight 1024-wide layers on circle: over the parameter limit',
    hash: 'layers=1024,1024,1024,1024,1024,1024,1024,1024&backend=cpu',
    keys: ['layers'],
    reasons: { layers: '7,352,322 parameters' },
    shows: { layers: '8,8' },
    trains: true,
  },
  { label: 'four 1024-wide layers on MNIST: over the parameter limit', hash: 'dataset=mnist&layers=1024,1024,1024,1024', keys: ['layers'], reasons: { layers: '3,962,890 parameters' }, shows: { dataset: 'mnist', layers: '300,100' } },
  { label: 'a CNN without pooling feeding 1024 units: over the limit', hash: 'dataset=mnist&arch=cnn&pool=1&layers=1024', keys: ['layers'], reasons: { layers: '6,568,298 parameters' }, shows: { layers: '32' } },
  { label: 'a conv stack over the limit: layers, then conv fall back', hash: 'dataset=mnist&arch=cnn&conv=256:7,256:7&layers=', keys: ['layers', 'conv'], reasons: { layers: '3,234,570', conv: '3,257,450' }, shows: { conv: '8:5,16:5', layers: '32' } },
  { label: 'malformed conv stack and pool', hash: `conv=999:99:99,${'8:3,'.repeat(10)}&pool=3`, keys: ['conv', 'pool'] },
  { label: 'an empty layers list is a valid network', hash: 'layers=&backend=cpu', keys: [], shows: { layers: '' }, trains: true },

  // Keys: unknown, prototype names, repeated.
  { label: 'unknown keys', hash: 'foo=1&bar=2&dataset=xor&baz&backend=cpu', keys: ['foo', 'bar', 'baz'], shows: { dataset: 'xor' } },
  { label: '__proto__ and constructor keys', hash: '__proto__=1&constructor=2&__proto__[polluted]=1&prototype=3&toString=x', keys: ['__proto__', 'constructor', '__proto__[polluted]', 'prototype', 'toString'] },
  { label: 'prototype names as values', hash: 'dataset=__proto__&act=constructor&hide=__proto__,constructor', keys: ['dataset', 'act', 'hide'] },
  { label: 'repeated keys: the first is used, each named once', hash: 'dataset=xor&dataset=spiral&seed=3&seed=4&seed=5&backend=cpu', keys: ['dataset', 'seed'], shows: { dataset: 'xor', seed: '3' } },

  // Encoding: truncated, invalid UTF-8, double, unicode, RTL, NUL.
  { label: 'truncated percent-escapes in values', hash: 'dataset=%E4%B&noise=%&seed=%ZZ', keys: ['dataset', 'noise', 'seed'], shows: { dataset: 'circle', noise: '0', seed: '1' } },
  { label: 'a truncated escape in a key', hash: '%E4%B=1&layers=6,4&backend=cpu', keys: ['%E4%B'], shows: { layers: '6,4' } },
  { label: 'an escaped lone surrogate (invalid UTF-8)', hash: 'dataset=%ED%A0%80', keys: ['dataset'] },
  { label: 'fullwidth and CJK keys and values', hash: 'dataset=ＭＮＩＳＴ&数据=1&act=ｒｅｌｕ', keys: ['dataset', '数据', 'act'], shows: { dataset: 'circle', act: 'tanh' } },
  { label: 'a right-to-left override in a key', hash: '%E2%80%AEevil=1&%D7%A9%D7%9C%D7%95%D7%9D=2', keys: ['\ufffdevil', 'שלום'] },
  { label: 'NUL characters', hash: 'dataset=circle%00&%00=1&seed=%001', keys: ['dataset', '\ufffd', 'seed'] },
  { label: 'emoji and combining marks', hash: 'seed=1%F0%9F%92%A5&layers=8%CC%81', keys: ['seed', 'layers'], shows: { seed: '1', layers: '8,8' } },
  { label: 'a second # inside the hash', hash: 'dataset=xor#seed=5', keys: ['dataset'] },
  { label: 'plus signs and spaces', hash: 'dataset=+spiral+&act=re lu', keys: ['dataset', 'act'] },

  // Shapes of the hash itself.
  { label: 'just #', hash: '', keys: [], shows: { dataset: 'circle', layers: '8,8' } },
  { label: '#&&&', hash: '&&&', keys: [] },
  { label: '#=', hash: '=', keys: [] },
  { label: '==, =x and a valid key', hash: '==&=x&==1&seed=5', keys: [], shows: { seed: '5' } },
  { label: 'a 10 kB hash of one repeated unknown key', hash: `${'pad=x&'.repeat(1700)}dataset=spiral`, keys: ['pad'], shows: { dataset: 'spiral' } },
  { label: 'a 10 kB key', hash: `${'k'.repeat(10_000)}=1`, keys: [`${'k'.repeat(40)}…`] },
  { label: 'a 10 kB number', hash: `seed=${'9'.repeat(10_000)}`, keys: ['seed'], shows: { seed: '1' } },
  { label: 'a 10 kB aug text', hash: `aug=${'rotate:1,'.repeat(1200)}`, keys: ['aug'] },
  { label: 'a 100 kB hash of 12,000 distinct unknown keys', hash: manyKeys(12_000), keys: ['k0', 'k19'] },
  { label: 'a 100 kB own-points value', hash: `dataset=custom&pts=${'0.1,0.1,1;'.repeat(10_000)}`, keys: ['pts'], reasons: { pts: 'longer than 80000 characters' } },
  { label: 'malformed own points', hash: 'dataset=custom&pts=1,2,3;4,5', keys: ['pts'] },
  { label: 'a 500-character hide name and prototype names', hash: `hide=lr,__proto__,${'x'.repeat(500)}&lock=constructor`, keys: ['hide', 'lock'] },

  // Mixed: a real experiment with hostile extras still trains.
  { label: 'a real experiment with hostile extras', hash: `dataset=xor&layers=6,4&backend=cpu&lr=${img}&foo=${alert}`, keys: ['lr', 'foo'], shows: { dataset: 'xor', layers: '6,4' }, trains: true },
  { label: 'Chinese page with a hostile key', hash: `lang=zh&bogus=${bold}&seed=2`, keys: ['bogus'], shows: { seed: '2' } },
];
