/**
 * Where is a Chromium we may drive? Shared by `scripts/ensure-chromium.mjs`,
 * `playwright.config.ts` and `bench/run.mjs`, so all three pick the same browser.
 *
 * Order: the env vars CHROMIUM_PATH / PLAYWRIGHT_CHROMIUM_PATH (a user's explicit
 * choice wins), then Debian's /usr/bin/chromium and Ubuntu's /usr/bin/chromium-browser,
 * then a browser Playwright itself downloaded (`npx playwright install chromium`
 * on a laptop with internet). Playwright cannot download browsers on our CI
 * machines, which is why the system package comes first.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Env vars that name a browser explicitly, in priority order. */
export const CHROMIUM_ENV_VARS = ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_PATH'];

/** System locations tried after the env vars. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Headless flags that work as root in a container without a GPU.
 * `--no-sandbox` is needed as root; the others stop Chromium phoning home,
 * which would hang or spam errors on a machine without internet.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Adds WebGPU (on SwiftShader where there is no GPU). */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu'];

/** True when `path` is an existing executable file. */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of Playwright's own downloaded Chromium, when it exists on disk. */
function playwrightBundledChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds a Chromium executable.
 * @param {NodeJS.ProcessEnv} [env] the environment to read (tests pass their own).
 * @param {{ systemPaths?: string[], bundled?: () => string | undefined }} [where]
 *   overrides of the system locations and of the Playwright lookup, for tests.
 * @returns {{ path: string, source: string } | { path: undefined, source: string }}
 *   `source` says where the path came from, or, when none was found, why an
 *   env var was ignored (so the error message can say so).
 */
export function findChromium(env = process.env, where = {}) {
  const systemPaths = where.systemPaths ?? SYSTEM_CHROMIUM_PATHS;
  const bundledLookup = where.bundled ?? playwrightBundledChromium;
  const rejected = [];
  for (const name of CHROMIUM_ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (isExecutable(value)) return { path: value, source: `$${name}` };
    rejected.push(`$${name}=${value} is not an executable file`);
  }
  // An explicit env var that points nowhere is an error, not a hint to look elsewhere:
  // silently testing a different browser than the one asked for would mislead.
  if (rejected.length > 0) return { path: undefined, source: rejected.join('; ') };
  for (const path of systemPaths) {
    if (isExecutable(path)) return { path, source: 'system' };
  }
  const bundled = bundledLookup();
  if (bundled) return { path: bundled, source: 'playwright' };
  return { path: undefined, source: 'not found' };
}

/** The path of a Chromium, or undefined. */
export function chromiumPath(env = process.env) {
  return findChromium(env).path;
}
