#!/usr/bin/env node
/**
 * Makes sure a Chromium exists for Playwright and the bench, and prints its path
 * and version (`npm run e2e` and `.ci/run` call it, so every log names the browser).
 * If none is found and we are root on a Debian-like system, installs Debian's
 * `chromium` package (Playwright's own download needs internet we may not have);
 * otherwise exits 1 with a one-line instruction.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium-path.mjs';

const HOW_TO =
  'No Chromium found: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH to a Chromium/Chrome executable.';

/** Prints the browser's path and version (e.g. "Chromium 156.0.8078.114"), so a log shows which build the tests drove. */
function report(found) {
  const run = spawnSync(found.path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const version = run.status === 0 ? run.stdout.trim() : 'version unknown';
  console.log(`chromium: ${found.path} (${found.source}): ${version}`);
}

let found = findChromium();
if (found.path) {
  report(found);
  process.exit(0);
}
if (found.source !== 'not found') {
  // An env var named a browser that is not there: say so rather than install another.
  console.error(`ensure-chromium: ${found.source}. Fix the variable or unset it.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((p) => existsSync(p));
if (!isRoot || !aptGet) {
  console.error(HOW_TO);
  process.exit(1);
}

console.log('ensure-chromium: no Chromium found; installing Debian package `chromium` with apt-get …');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', 'chromium']]) {
  const result = spawnSync(aptGet, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`ensure-chromium: \`apt-get ${args.join(' ')}\` failed (exit ${result.status}). ${HOW_TO}`);
    process.exit(1);
  }
}

found = findChromium();
if (!found.path) {
  console.error(`ensure-chromium: apt-get installed chromium but no executable was found. ${HOW_TO}`);
  process.exit(1);
}
report(found);
