/** Types for chromium-path.mjs (plain JS so that Node runs it without a build step). */
export declare const CHROMIUM_ENV_VARS: readonly string[];
export declare const SYSTEM_CHROMIUM_PATHS: readonly string[];
export declare const CHROMIUM_ARGS: readonly string[];
export declare const WEBGPU_ARGS: readonly string[];
export interface ChromiumLookup {
  /** The executable, or undefined when none was found. */
  path: string | undefined;
  /** Where it came from (`$CHROMIUM_PATH`, `system`, `playwright`), or why none was taken. */
  source: string;
}
export declare function findChromium(
  env?: Record<string, string | undefined>,
  where?: { systemPaths?: readonly string[]; bundled?: () => string | undefined },
): ChromiumLookup;
export declare function chromiumPath(env?: Record<string, string | undefined>): string | undefined;
