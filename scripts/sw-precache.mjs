/**
 * Build step for the service worker (public/sw.js): after `vite build` has
 * written the app, list the files the app page needs and write them, with a
 * version hashed from their contents, into the built sw.js.
 *
 * Which files: everything reachable from index.html by name — a file is
 * reached when a reached HTML, JS or CSS file mentions its (content-hashed)
 * file name — which takes in the entry chunk, its CSS, the training worker
 * (referenced by URL from the entry chunk), the worker's lazy chunks and the
 * WASM binaries, and leaves out bench.html and its own worker and chunks;
 * plus every file under `data/` (the MNIST asset, copied from public/).
 * Plain JS so that the Vite config and Node tests import it without a build step.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The service worker's file name in the build (and in public/). */
export const SW_FILE = 'sw.js';
/** Where the manifest goes in sw.js: between these two markers. */
const START = '/* PRECACHE_MANIFEST */';
const END = '/* END_PRECACHE_MANIFEST */';

/** Every file under `dir`, as '/'-separated paths relative to it, sorted. */
export function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/**
 * The files of `outDir` the page `entry` needs (see the module comment), plus
 * every file whose path starts with one of `always`. Never sw.js or source maps.
 */
export function precacheFiles(outDir, entry = 'index.html', always = ['data/']) {
  const files = listFiles(outDir).filter((f) => f !== SW_FILE && !f.endsWith('.map'));
  if (!files.includes(entry)) throw new Error(`sw-precache: ${entry} is not in ${outDir}`);
  const reached = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift();
    if (!/\.(html|m?js|css)$/.test(file)) continue;
    const text = readFileSync(join(outDir, file), 'utf8');
    for (const other of files) {
      if (reached.has(other)) continue;
      const name = other.split('/').pop();
      if (text.includes(name)) {
        reached.add(other);
        queue.push(other);
      }
    }
  }
  for (const f of files) if (always.some((p) => f.startsWith(p))) reached.add(f);
  return [...reached].sort();
}

/** A short hash of the files' names and contents: the cache version. */
export function precacheVersion(outDir, files) {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f);
    hash.update('\0');
    hash.update(readFileSync(join(outDir, f)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** sw.js's text with the manifest `{ version, files }` written between the markers. Throws when a marker is missing. */
export function injectManifest(source, manifest) {
  const a = source.indexOf(START);
  const b = source.indexOf(END);
  if (a < 0 || b < a) throw new Error(`sw-precache: ${SW_FILE} has no ${START} … ${END} markers`);
  return `${source.slice(0, a + START.length)} ${JSON.stringify(manifest)} ${source.slice(b)}`;
}

/** Writes the manifest into `outDir`/sw.js (copied there from public/); returns it. */
export function writeServiceWorker(outDir) {
  const swPath = join(outDir, SW_FILE);
  if (!existsSync(swPath)) throw new Error(`sw-precache: ${swPath} is missing (is public/${SW_FILE} there?)`);
  const files = precacheFiles(outDir);
  const manifest = { version: precacheVersion(outDir, files), files };
  writeFileSync(swPath, injectManifest(readFileSync(swPath, 'utf8'), manifest));
  return manifest;
}

/** The Vite plugin: writes the manifest after the build (builds only). */
export function swPrecache() {
  let outDir = '';
  return {
    name: 'sw-precache',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const { version, files } = writeServiceWorker(outDir);
      this.info?.(`service worker: ${files.length} files precached, version ${version}`);
    },
  };
}
