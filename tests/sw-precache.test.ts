import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { injectManifest, precacheFiles, precacheVersion, writeServiceWorker } from '../scripts/sw-precache.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fake build: the app page, its chunks and worker, the bench page and its own chunks, the data asset, sw.js. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-precache-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'data'));
  const files: Record<string, string> = {
    'index.html': '<script type="module" src="./assets/main-AAA.js"></script><link rel="stylesheet" href="./assets/main-BBB.css">',
    'assets/main-AAA.js': 'new Worker(new URL("training.worker-CCC.js", import.meta.url)); import("./shared-DDD.js")',
    'assets/main-BBB.css': 'body{}',
    'assets/training.worker-CCC.js': 'import("./dist-EEE.js"); fetch("tfjs-backend-wasm-FFF.wasm")',
    'assets/dist-EEE.js': 'export {}',
    'assets/shared-DDD.js': 'export {}',
    'assets/tfjs-backend-wasm-FFF.wasm': '\0asm',
    'assets/main-AAA.js.map': '{}',
    'bench.html': '<script src="./assets/bench-GGG.js"></script>',
    'assets/bench-GGG.js': 'import("./shared-DDD.js"); new Worker("bench.worker-HHH.js")',
    'assets/bench.worker-HHH.js': 'import("./dist-III.js")',
    'assets/dist-III.js': 'export {}',
    'data/mnist-10k.bin': 'MNIST',
    'sw.js': 'const MANIFEST = /* PRECACHE_MANIFEST */ { version: "dev", files: [] } /* END_PRECACHE_MANIFEST */;\nself.x = MANIFEST;',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('sw-precache', () => {
  it('lists what index.html reaches by name, plus data/, never bench files, source maps or sw.js', () => {
    expect(precacheFiles(fakeBuild())).toEqual([
      'assets/dist-EEE.js',
      'assets/main-AAA.js',
      'assets/main-BBB.css',
      'assets/shared-DDD.js',
      'assets/tfjs-backend-wasm-FFF.wasm',
      'assets/training.worker-CCC.js',
      'data/mnist-10k.bin',
      'index.html',
    ]);
  });

  it('the version changes when any listed byte changes, not when a bench file does', () => {
    const dir = fakeBuild();
    const v1 = precacheVersion(dir, precacheFiles(dir));
    writeFileSync(join(dir, 'assets/bench-GGG.js'), 'changed');
    expect(precacheVersion(dir, precacheFiles(dir))).toBe(v1);
    writeFileSync(join(dir, 'data/mnist-10k.bin'), 'MNIST2');
    expect(precacheVersion(dir, precacheFiles(dir))).not.toBe(v1);
  });

  it('writes the manifest into sw.js between the markers (and throws without them)', () => {
    const dir = fakeBuild();
    const manifest = writeServiceWorker(dir);
    const text = readFileSync(join(dir, 'sw.js'), 'utf8');
    const json = /\/\* PRECACHE_MANIFEST \*\/ (.*) \/\* END_PRECACHE_MANIFEST \*\//.exec(text)?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual(manifest);
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    expect(text).toContain('self.x = MANIFEST;');
    // Writing again replaces the manifest, not appends one.
    writeServiceWorker(dir);
    expect(readFileSync(join(dir, 'sw.js'), 'utf8').match(/PRECACHE_MANIFEST/g)).toHaveLength(2);
    expect(() => injectManifest('no markers', manifest)).toThrow(/markers/);
  });

  it('the real public/sw.js has the markers', () => {
    const source = readFileSync(new URL('../public/sw.js', import.meta.url), 'utf8');
    expect(injectManifest(source, { version: 'v', files: ['index.html'] })).toContain('{"version":"v","files":["index.html"]}');
  });
});
