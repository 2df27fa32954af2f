/**
 * Turns bench rows into the printed table and the PASS/FAIL verdicts.
 */

/** The app loop must reach this share of the bare tfjs loop's steps/s. */
export const RATIO_TARGET = 0.9;
/** No main-thread task may be longer than this while training, ms. */
export const MAIN_THREAD_TARGET_MS = 50;

/** A redraw of one weight heatmap (784×300 for LeNet-300-100) must take at most this long, ms. */
export const HEATMAP_TARGET_MS = 16;

/** A θ change must show the pruned network's sparsity and test figures within this many ms (fastest backend). */
export const THETA_TARGET_MS = { 'mnist-lenet': 1_000, 'mnist-cnn': 1_000, 'circle-8-8': 100 };

/** Verdicts for one measured row. */
export function verdicts(row) {
  return {
    ratio: Number.isFinite(row.ratio) ? row.ratio >= RATIO_TARGET : null,
    mainThread: Number.isFinite(row.app?.longestTaskMs) ? row.app.longestTaskMs <= MAIN_THREAD_TARGET_MS : null,
  };
}

const fmt = (x, digits = 1) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(digits)) : '—');
const verdict = (v) => (v === null ? '—' : v ? 'PASS' : 'FAIL');

/**
 * A fixed-width text table of all rows. A row that could not be fully measured
 * shows what it has and points (¹, ², …) to its reason below the table.
 */
export function formatTable(rows) {
  const header = ['case', 'backend', 'app st/s', 'bare st/s', 'app/bare', 'session/bare', 'max task ms', 'its cpu ms', 'GFLOP/s', 'matmul GFLOP/s', '% ceil', `ratio≥${RATIO_TARGET}`, `task≤${MAIN_THREAD_TARGET_MS}ms`];
  const notes = [];
  const lines = rows.map((r) => {
    const v = r.error ? { ratio: null, mainThread: null } : verdicts(r);
    const backend = r.error ? `${r.backend} ${superscript(notes.push(`${r.label} · ${r.backend}: ${r.error}`))}` : r.backend;
    return [
      r.label,
      backend,
      fmt(r.error ? NaN : r.app?.stepsPerSecond),
      fmt(r.bare?.stepsPerSecond),
      // Truncated, not rounded: 0.898 must not print as a passing-looking 0.90.
      fmt(Number.isFinite(r.ratio) ? Math.floor(r.ratio * 100) / 100 : NaN, 2),
      fmt(r.sessionRatio, 2),
      fmt(r.error ? NaN : r.app?.longestTaskMs),
      fmt(r.error ? NaN : r.app?.longestTaskCpuMs),
      fmt(r.achievedGflops, 3),
      fmt(r.matmulGflops ?? r.backendMatmulGflops, 2),
      fmt(r.ceilingPercent, 1),
      verdict(v.ratio),
      verdict(v.mainThread),
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => String(l[i]).length)));
  const pad = (l) => l.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const out = [pad(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(pad)];
  if (notes.length > 0) out.push('', ...notes.map((n, i) => `${superscript(i + 1)} ${n}`));
  return out.join('\n');
}

/** 1 → ¹, 12 → ¹² (footnote marks). */
function superscript(n) {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}

/** The pruning and view figures: θ-change latency, inference time before/after compaction at keep 0.5, heatmap draw time. */
export function formatPruningTable(entries) {
  const header = ['case', 'backend', 'θ→shown median ms', 'max ms', 'target ms', 'θ verdict', 'infer before ms', 'infer after ms', 'speed-up', 'params before → after', 'heatmap', 'draw median ms', 'draw max ms', `draw≤${HEATMAP_TARGET_MS}ms`];
  const notes = [];
  const lines = entries.map((e) => {
    if (e.error) return [e.label, `${e.backend} ${superscript(notes.push(`${e.label}: ${e.error}`))}`, '—', '—', fmt(e.targetMs), '—', '—', '—', '—', '—', '—', '—', '—', '—'];
    const h = e.heatmap ?? {};
    const c = e.compaction;
    return [
      e.label,
      e.backend,
      fmt(e.theta.medianMs),
      fmt(e.theta.maxMs),
      fmt(e.targetMs),
      verdict(Number.isFinite(e.theta.maxMs) && e.theta.maxMs > 0 ? e.theta.maxMs <= e.targetMs : null),
      fmt(c.inferBeforeMs, 2),
      fmt(c.inferAfterMs, 2),
      `${fmt(c.speedup, 2)}×`,
      `${c.paramsBefore} → ${c.paramsAfter}`,
      h.shape ?? '—',
      fmt(h.medianMs, 2),
      fmt(h.maxMs, 2),
      verdict(h.draws > 0 ? h.maxMs <= HEATMAP_TARGET_MS : null),
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => String(l[i]).length)));
  const pad = (l) => l.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const out = [pad(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(pad)];
  if (notes.length > 0) out.push('', ...notes.map((n, i) => `${superscript(i + 1)} ${n}`));
  return out.join('\n');
}
