import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../scripts/chromium-path.mjs';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fake executable (and a non-executable file) in a fresh temp dir. */
function fakeBrowsers() {
  const dir = mkdtempSync(join(tmpdir(), 'chromium-path-'));
  tempDirs.push(dir);
  const exe = join(dir, 'chrome');
  const plain = join(dir, 'not-executable');
  writeFileSync(exe, '#!/bin/sh\n');
  chmodSync(exe, 0o755);
  writeFileSync(plain, '');
  chmodSync(plain, 0o644);
  return { dir, exe, plain };
}

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH over everything else', () => {
    const { exe } = fakeBrowsers();
    const other = fakeBrowsers().exe;
    const found = findChromium({ CHROMIUM_PATH: exe, PLAYWRIGHT_CHROMIUM_PATH: other }, { systemPaths: [other], bundled: () => other });
    expect(found).toEqual({ path: exe, source: '$CHROMIUM_PATH' });
  });

  it('takes PLAYWRIGHT_CHROMIUM_PATH when CHROMIUM_PATH is unset', () => {
    const { exe } = fakeBrowsers();
    expect(findChromium({ PLAYWRIGHT_CHROMIUM_PATH: exe }, { systemPaths: [], bundled: () => undefined }).path).toBe(exe);
  });

  it('refuses an env var that names a missing or non-executable file instead of falling back', () => {
    const { exe, plain } = fakeBrowsers();
    const found = findChromium({ CHROMIUM_PATH: plain }, { systemPaths: [exe], bundled: () => exe });
    expect(found.path).toBeUndefined();
    expect(found.source).toContain('CHROMIUM_PATH');
  });

  it('falls back to the first executable system path, then to Playwright’s browser', () => {
    const { dir, exe } = fakeBrowsers();
    expect(findChromium({}, { systemPaths: [join(dir, 'missing'), exe], bundled: () => 'x' })).toEqual({ path: exe, source: 'system' });
    expect(findChromium({}, { systemPaths: [join(dir, 'missing')], bundled: () => exe })).toEqual({ path: exe, source: 'playwright' });
  });

  it('reports not found when nothing exists', () => {
    const { dir } = fakeBrowsers();
    expect(findChromium({}, { systemPaths: [join(dir, 'missing')], bundled: () => undefined })).toEqual({ path: undefined, source: 'not found' });
  });
});
