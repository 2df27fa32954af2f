/**
 * The longest task on a page's main thread, from a Chromium trace
 * (`browser.startTracing` / `stopTracing` with the categories devtools.timeline and
 * disabled-by-default-devtools.timeline; the latter holds the RunTask events).
 * Unlike the Long Tasks API, which only reports tasks over 50 ms, the trace
 * gives every task's duration, so "longest" is a real number even when small.
 */

/**
 * @param {Buffer | string} traceJson the trace as returned by browser.stopTracing()
 * @param {string} urlPrefix the page's URL (without hash) to find its renderer process
 * @returns {{ longestMs: number, longestCpuMs: number, maxCpuMs: number, over50: number, tasks: number } | null} null when no
 *   main thread was found. `longestMs` is the longest task's wall time, `longestCpuMs` its thread (CPU) time, `maxCpuMs` the
 *   most thread time any task took (NaN when the trace has no thread times)
 */
export function mainThreadTasks(traceJson, urlPrefix) {
  const parsed = JSON.parse(typeof traceJson === 'string' ? traceJson : traceJson.toString('utf8'));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
  const rendererMains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => ({ pid: e.pid, tid: e.tid }));
  // The renderer process that hosts the page: TracingStartedInBrowser lists each frame's process and URL.
  const pids = new Set();
  for (const e of events) {
    if (e.name !== 'TracingStartedInBrowser') continue;
    for (const frame of e.args?.data?.frames ?? []) if (String(frame.url ?? '').startsWith(urlPrefix)) pids.add(frame.processId);
  }
  const threads = pids.size > 0 ? rendererMains.filter((t) => pids.has(t.pid)) : rendererMains;
  if (threads.length === 0) return null;
  const isMain = (e) => threads.some((t) => t.pid === e.pid && t.tid === e.tid);
  let longest = null;
  let maxCpuUs = Number.NaN;
  let over50 = 0;
  let tasks = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !isMain(e)) continue;
    tasks++;
    if (longest === null || (e.dur ?? 0) > (longest.dur ?? 0)) longest = e;
    if (Number.isFinite(e.tdur)) maxCpuUs = Number.isNaN(maxCpuUs) ? e.tdur : Math.max(maxCpuUs, e.tdur);
    if ((e.dur ?? 0) > 50_000) over50++;
  }
  return {
    longestMs: (longest?.dur ?? 0) / 1000,
    // Thread (CPU) time: a task far longer on the wall clock than on its thread waited for a core.
    longestCpuMs: Number.isFinite(longest?.tdur) ? longest.tdur / 1000 : Number.NaN,
    maxCpuMs: maxCpuUs / 1000,
    over50,
    tasks,
  };
}
