/** Types for sw-precache.mjs (plain JS so that the Vite config and Node run it without a build step). */
import type { Plugin } from 'vite';
export declare const SW_FILE: string;
export interface PrecacheManifest {
  /** Hash of the files' names and contents: the cache name's suffix. */
  version: string;
  /** Paths relative to the app's directory, '/'-separated, sorted. */
  files: string[];
}
export declare function listFiles(dir: string, prefix?: string): string[];
export declare function precacheFiles(outDir: string, entry?: string, always?: readonly string[]): string[];
export declare function precacheVersion(outDir: string, files: readonly string[]): string;
export declare function injectManifest(source: string, manifest: PrecacheManifest): string;
export declare function writeServiceWorker(outDir: string): PrecacheManifest;
export declare function swPrecache(): Plugin;
