/** Types for trace.mjs. */
export declare function mainThreadTasks(
  traceJson: string | Uint8Array,
  urlPrefix: string,
): { longestMs: number; longestCpuMs: number; maxCpuMs: number; over50: number; tasks: number } | null;
