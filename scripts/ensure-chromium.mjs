#!/usr/bin/env node
/**
 * Makes sure a Chromium exists for Playwright and the bench, and prints its path.
 * If none is found and we are root on a Debian-like system, installs Debian's
 * `chromium` package (Playwright's own download needs internet we may not have);
 * otherwise exits 1 with a one-line instruction.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium-path.mjs';

const HOW_TO =
  'No Chromium found: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH to a Chromium/Chrome executable.';

function report(found) {
  console.log(`chromium: ${found.path} (${found.source})`);
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
