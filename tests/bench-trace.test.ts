import { describe, expect, it } from 'vitest';
import { mainThreadTasks } from '../bench/trace.mjs';

/** A minimal Chromium trace: two renderer processes, the app in pid 2. */
function trace(tasksUs: { pid: number; tid: number; dur: number; tdur?: number; name?: string }[]) {
  return JSON.stringify({
    traceEvents: [
      { ph: 'M', name: 'thread_name', pid: 1, tid: 10, args: { name: 'CrRendererMain' } },
      { ph: 'M', name: 'thread_name', pid: 2, tid: 20, args: { name: 'CrRendererMain' } },
      { ph: 'M', name: 'thread_name', pid: 2, tid: 21, args: { name: 'DedicatedWorker thread' } },
      {
        ph: 'I',
        name: 'TracingStartedInBrowser',
        pid: 0,
        tid: 0,
        args: { data: { frames: [{ processId: 1, url: 'http://127.0.0.1:5000/bench.html' }, { processId: 2, url: 'http://127.0.0.1:5000/#dataset=mnist' }] } },
      },
      ...tasksUs.map((t) => ({ ph: 'X', name: t.name ?? 'RunTask', pid: t.pid, tid: t.tid, ts: 0, dur: t.dur, tdur: t.tdur })),
    ],
  });
}

describe('mainThreadTasks', () => {
  it('takes the longest RunTask of the app page main thread only', () => {
    const json = trace([
      { pid: 2, tid: 20, dur: 12_000, tdur: 11_000 },
      { pid: 2, tid: 20, dur: 61_500, tdur: 4_500 }, // longest on the wall clock, but waited for a core most of it
      { pid: 2, tid: 21, dur: 900_000, tdur: 900_000 }, // the training worker: not the main thread
      { pid: 1, tid: 10, dur: 200_000 }, // the bench page: another process
      { pid: 2, tid: 20, dur: 300_000, name: 'FunctionCall' }, // nested event, not a task
    ]);
    expect(mainThreadTasks(json, 'http://127.0.0.1:5000/#')).toEqual({ longestMs: 61.5, longestCpuMs: 4.5, maxCpuMs: 11, over50: 1, tasks: 2 });
  });

  it('falls back to every renderer main thread when the page is not listed', () => {
    const json = trace([
      { pid: 2, tid: 20, dur: 5_000 },
      { pid: 1, tid: 10, dur: 7_000 },
    ]);
    expect(mainThreadTasks(json, 'http://elsewhere/')?.longestMs).toBe(7);
    // No thread times in the trace: the CPU figures are NaN, not 0.
    expect(mainThreadTasks(json, 'http://elsewhere/')?.maxCpuMs).toBeNaN();
  });

  it('returns null without a renderer main thread', () => {
    expect(mainThreadTasks(JSON.stringify({ traceEvents: [] }), 'x')).toBeNull();
  });
});
