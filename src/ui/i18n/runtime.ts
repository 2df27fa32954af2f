import { useCallback } from 'react';
import type { runtimeEn } from './en/runtime';
import { useLang, useT, type MessageKey, type Params, type Translate } from './index';

/**
 * Messages made below the UI — the URL codec's reasons, the worker's phases,
 * errors, job labels and backend reasons, the store's refusals — are English
 * text: they are logged and tested as such. They are translated where they are
 * shown, by matching each text against a table of patterns: a pattern's named
 * groups become the parameters of its catalogue key (`runtime.…`), so
 * `below the minimum 0` is shown from 'runtime.url.belowMin' with {min: '0'}.
 * A text no pattern matches is shown as it came (English).
 *
 * Messages nest: the URL codec wraps a reason (`{reason}; clamped to {value}`),
 * the backend notice wraps an error. A group named in `nested` is a message
 * itself and is translated the same way (a miss counts); one named in `loose`
 * is translated when a pattern matches it whole and kept as it came otherwise
 * (tfjs's own error text, a number). A text that no pattern matches but that
 * holds `; ` is a list (the augmentation text's out-of-range items, the
 * backends' reasons): each item is translated on its own.
 */
export interface RuntimePattern {
  re: RegExp;
  key: RuntimeKey;
  nested?: readonly string[];
  loose?: readonly string[];
}

export type RuntimeKey = keyof typeof runtimeEn | (MessageKey & `header.run.${string}`);

/** The backends as engine/backend.ts names them in its errors, and as the config names them. */
const LABEL = '(?<backend>WebGPU|WebGL|WASM|CPU)';
const NAME = '(?:webgpu|webgl|wasm|cpu)';
/** regPrune's arm (`no penalty`, `L1, λ = 0.001`) and the note when no λ is set. */
const ARM = '(?<arm>no penalty|L[12], λ = [^:()]+?)';
const NOTE = '(?<note> \\(no λ set: using [^)]+\\))?';

const re = (source: string): RegExp => new RegExp(`^${source}$`, 's');

/** The patterns, most specific first (the URL wrappers match anything ending in their tail). */
export const RUNTIME_PATTERNS: readonly RuntimePattern[] = [
  // URL codec: how a key was treated.
  { re: /^malformed percent-encoding in the key; ignored$/, key: 'runtime.url.keyMalformed' },
  { re: /^unknown key; ignored$/, key: 'runtime.url.unknownKey' },
  { re: /^repeated key; the first value is used$/, key: 'runtime.url.repeated' },
  { re: /^(?<reason>.+); clamped to $/s, key: 'runtime.url.clampedEmpty', nested: ['reason'] },
  { re: /^(?<reason>.+); clamped to (?<value>.+)$/s, key: 'runtime.url.clamped', nested: ['reason'] },
  { re: /^(?<reason>.+); using the default (?<value>.+)$/s, key: 'runtime.url.usingDefault', nested: ['reason'], loose: ['value'] },
  { re: /^no value$/, key: 'runtime.url.noValue' },
  { re: /^malformed percent-encoding$/, key: 'runtime.url.malformed' },
  { re: /^\(none\)$/, key: 'runtime.url.none' },
  // URL codec: why a value was not taken.
  { re: /^not one of (?<values>[^;]+)$/, key: 'runtime.url.notOneOf' },
  { re: /^empty value$/, key: 'runtime.url.empty' },
  { re: /^not a number$/, key: 'runtime.url.notNumber' },
  { re: /^not a finite number$/, key: 'runtime.url.notFinite' },
  { re: /^not a whole number$/, key: 'runtime.url.notWhole' },
  { re: /^below the minimum (?<min>\S+)$/, key: 'runtime.url.belowMin' },
  { re: /^above the maximum (?<max>\S+)$/, key: 'runtime.url.aboveMax' },
  { re: /^unknown control name (?<names>.+)$/s, key: 'runtime.url.unknownControl' },
  { re: /^unknown control names (?<names>.+)$/s, key: 'runtime.url.unknownControls' },
  // Hidden layers.
  { re: /^more than (?<max>\d+) hidden layers$/, key: 'runtime.layers.tooMany' },
  { re: /^each layer must be a whole number of units$/, key: 'runtime.layers.notWhole' },
  { re: /^each layer must have 1–(?<max>\d+) units$/, key: 'runtime.layers.range' },
  // The network's size (state/urlCodec.ts MAX_PARAMS).
  { re: /^the network would have (?<count>[\d,]+|∞) parameters, over the limit of (?<max>[\d,]+)$/, key: 'runtime.params.tooMany' },
  // Augmentation text.
  { re: /^empty item$/, key: 'runtime.aug.emptyItem' },
  { re: /^unknown transform "(?<name>.*)"$/s, key: 'runtime.aug.unknown' },
  { re: /^"flip" takes no value$/, key: 'runtime.aug.flipValue' },
  { re: /^"(?<name>\w+)" given twice$/, key: 'runtime.aug.twice' },
  { re: /^"(?<name>\w+)" needs a number, e\.g\. (?<example>\S+)$/, key: 'runtime.aug.needsNumber' },
  { re: /^"(?<name>\w+)" needs a finite number$/, key: 'runtime.aug.needsFinite' },
  { re: /^(?<name>\w+) must be in (?<min>[^–;\s]+)–(?<max>[^–;\s]+)$/, key: 'runtime.aug.range' },
  // Conv stack text.
  { re: /^a CNN needs at least one conv layer$/, key: 'runtime.conv.none' },
  { re: /^more than (?<max>\d+) conv layers$/, key: 'runtime.conv.tooMany' },
  { re: /^each conv layer is filters:kernel or filters:kernel:stride, e\.g\. 32:3$/, key: 'runtime.conv.syntax' },
  { re: /^filters must be 1–(?<max>\d+)$/, key: 'runtime.conv.filters' },
  { re: /^kernel must be 1–(?<max>\d+)$/, key: 'runtime.conv.kernel' },
  { re: /^stride must be 1–(?<max>\d+)$/, key: 'runtime.conv.stride' },
  { re: /^conv layer (?<n>\d+) shrinks the (?<size>\S+) image to nothing; use fewer layers, smaller kernels or stride 1$/, key: 'runtime.conv.shrinks' },
  // Own points.
  { re: /^not text$/, key: 'runtime.pts.notText' },
  { re: /^longer than (?<max>\d+) characters$/, key: 'runtime.pts.tooLong' },
  { re: /^more than (?<max>\d+) points$/, key: 'runtime.pts.tooMany' },
  { re: /^point (?<n>\d+) is not x,y,class$/, key: 'runtime.pts.notXyc' },
  { re: /^point (?<n>\d+) has a coordinate that is not a number$/, key: 'runtime.pts.nan' },
  { re: /^point (?<n>\d+) has a coordinate that is not finite$/, key: 'runtime.pts.infinite' },
  { re: /^point (?<n>\d+) has a class other than 0 or 1$/, key: 'runtime.pts.class' },
  { re: /^coordinates outside (?<range>\[[^\]]+\])$/, key: 'runtime.pts.outside' },
  // Phases.
  { re: /^Loading 10,000 MNIST digits…$/, key: 'runtime.phase.loadingMnist' },
  { re: /^Measuring which backend trains this model fastest… \((?<backend>\w+)\)$/, key: 'runtime.phase.measuring' },
  { re: /^The loss became NaN or infinite\. Try a lower learning rate, then press play to restart from the seed\.$/, key: 'runtime.phase.diverged' },
  {
    re: /^Training diverged at step (?<step>\d+): the (?<kind>train|test) loss went from (?<from>\S+) to (?<to>\S+) with (?<opt>\w+) at learning rate (?<lr>\S+)\. Lower the learning rate to (?<suggest>\S+) or less \(or use Adam at 0\.001\), then press reset\.$/,
    key: 'header.run.divergedDetail',
    nested: ['kind'],
  },
  { re: /^train$/, key: 'header.run.divergedTrain' },
  { re: /^test$/, key: 'header.run.divergedTest' },
  { re: /^Lottery finished\.$/, key: 'runtime.lottery.finishedEmpty' },
  {
    re: /^Lottery finished: (?<rounds>\d+) rounds, (?<remaining>[^,;]+?) of the weights remain; (?<last>.+) \(dense: (?<first>.+)\)\.$/,
    key: 'runtime.lottery.finished',
    nested: ['last', 'first'],
  },
  { re: /^test loss (?<value>\S+)$/, key: 'runtime.lottery.testLoss' },
  { re: /^test accuracy (?<value>.+)$/, key: 'runtime.lottery.testAccuracy' },
  // Errors.
  { re: /^No network to load the weights into: the run failed to build\.$/, key: 'runtime.error.noNetworkWeights' },
  { re: /^The imported weights do not fit this network: (?<detail>.+)$/s, key: 'runtime.error.weightsMismatch', loose: ['detail'] },
  { re: /^No network to sweep: the run failed to build or diverged\.$/, key: 'runtime.error.noNetworkSweep' },
  { re: /^No network to compact: the run failed to build or diverged\.$/, key: 'runtime.error.noNetworkCompact' },
  { re: /^The training worker failed: (?<detail>.+)$/s, key: 'runtime.error.workerFailed', loose: ['detail'] },
  { re: re(`No backend left to fall back to after (?<backend>${NAME}) \\((?<reasons>.+)\\)`), key: 'runtime.error.noFallbackReasons', nested: ['reasons'] },
  { re: re(`No backend left to fall back to after (?<backend>${NAME})`), key: 'runtime.error.noFallback' },
  { re: /^No backend could be used: (?<list>.+)$/s, key: 'runtime.error.noBackend', nested: ['list'] },
  { re: /^(?<detail>Failed to fetch|NetworkError when attempting to fetch resource\.|Load failed)$/, key: 'runtime.error.fetch' },
  {
    re: /^Your own data needs at least (?<min>\d+) points to train \(it has (?<n>\d+)\): add points on the own-data canvas or upload a CSV\.$/,
    key: 'runtime.error.ownTooFew',
  },
  { re: /^Could not load MNIST from (?<url>\S+): HTTP (?<status>.+)$/, key: 'runtime.mnist.http' },
  { re: /^MNIST asset is malformed: (?<bytes>\d+) bytes, shorter than the (?<header>\d+)-byte header$/, key: 'runtime.mnist.short' },
  { re: /^MNIST asset is malformed: magic is "(?<magic>.*)", expected "(?<expected>.*)" \(is the file an HTML error page\?\)$/s, key: 'runtime.mnist.magic' },
  { re: /^MNIST asset is malformed: (?<bytes>\d+) bytes for (?<count>\d+) images, expected (?<expected>\d+)$/, key: 'runtime.mnist.size' },
  { re: /^MNIST asset is malformed: label (?<label>\d+) at index (?<index>\d+) is not a digit 0–9$/, key: 'runtime.mnist.label' },
  { re: /^MNIST needs (?<needed>\d+) images, the asset holds (?<count>\d+)$/, key: 'runtime.mnist.count' },
  // Backends.
  { re: /^WebGPU is not available: navigator\.gpu is missing$/, key: 'runtime.backend.noWebgpu' },
  { re: /^WebGPU: no GPU adapter \(requestAdapter\(\) returned null\)$/, key: 'runtime.backend.noAdapter' },
  { re: /^WebGL is not available: tfjs registers it only in a browser page or worker$/, key: 'runtime.backend.noWebgl' },
  { re: /^WebGL: could not create a context \(WebGL2 is needed in a worker\)$/, key: 'runtime.backend.webglContext' },
  { re: /^WASM is not available: WebAssembly is missing$/, key: 'runtime.backend.noWasm' },
  { re: /^WASM failed earlier in this page and cannot be retried without a reload: (?<detail>.+)$/s, key: 'runtime.backend.wasmEarlier', loose: ['detail'] },
  { re: re(`${LABEL} is not available in this context \\(no tfjs registration\\)`), key: 'runtime.backend.notRegistered' },
  { re: re(`${LABEL}: initialisation failed: (?<detail>.+)`), key: 'runtime.backend.initFailed', loose: ['detail'] },
  { re: /^no answer after (?<seconds>[\d.]+) s$/, key: 'runtime.backend.timeout' },
  { re: re(`${LABEL}: tf\\.setBackend refused it`), key: 'runtime.backend.refused' },
  { re: /^tfjs WASM has no Conv2DBackpropFilter kernel, so a CNN cannot train on WASM$/, key: 'runtime.backend.cnnWasm' },
  {
    re: re(`(?<from>${NAME}) lost its (?<what>context|device) at step (?<step>\\d+); now training on (?<to>${NAME}) from step (?<resumed>\\d+) \\(the optimizer state restarts\\)\\.`),
    key: 'header.run.gpuLostNotice',
    nested: ['what'],
  },
  { re: /^lost its (?<what>context|device) at step (?<step>\d+); resuming from step (?<resumed>\d+)$/, key: 'header.run.gpuLost', nested: ['what'] },
  { re: /^context$/, key: 'header.run.gpuContext' },
  { re: /^device$/, key: 'header.run.gpuDevice' },
  { re: re(`(?<from>${NAME}) failed: (?<reason>.+)\\. Now training on (?<to>${NAME})\\.`), key: 'runtime.backend.fellBack', loose: ['reason'] },
  { re: re(`(?<from>${NAME}) failed\\. Now training on (?<to>${NAME})\\.`), key: 'runtime.backend.fellBackBare' },
  // One backend's reason in a list joined by '; ' (the error stops where the next backend's starts).
  { re: re(`(?<backend>${NAME}): (?<error>(?:(?!; ${NAME}: ).)+)`), key: 'runtime.backend.item', loose: ['error'] },
  // Jobs.
  { re: /^Starting…$/, key: 'runtime.job.starting' },
  { re: /^Cancelling…$/, key: 'runtime.job.cancelling' },
  { re: /^Done$/, key: 'runtime.job.done' },
  { re: /^Cancelled$/, key: 'runtime.job.cancelled' },
  { re: /^a new run started$/, key: 'runtime.job.newRun' },
  { re: /^training resumed$/, key: 'runtime.job.resumed' },
  { re: /^the network was rebuilt$/, key: 'runtime.job.rebuilt' },
  { re: /^No network to run it on: the run failed to build or diverged\.$/, key: 'runtime.job.noNetwork' },
  { re: /^Every λ diverged \(validation loss NaN or infinite\): lower the learning rate\.$/, key: 'runtime.job.allDiverged' },
  { re: /^Failed: (?<error>.+)$/s, key: 'runtime.job.failed', loose: ['error'] },
  { re: /^λ = (?<lambda>[^,]+), fold (?<fold>\d+)\/(?<k>\d+)$/, key: 'runtime.job.fold' },
  { re: /^λ = (?<lambda>[^,]+), fold (?<fold>\d+)\/(?<k>\d+), step (?<step>\d+)\/(?<steps>\d+)$/, key: 'runtime.job.foldStep' },
  { re: re(`Training with ${ARM}${NOTE}: step (?<step>\\d+)/(?<steps>\\d+)`), key: 'runtime.job.trainStep', loose: ['arm', 'note'] },
  { re: re(`Training with ${ARM}${NOTE}`), key: 'runtime.job.train', loose: ['arm', 'note'] },
  { re: re(`${ARM}: pruning to (?<percent>\\d+%)${NOTE}`), key: 'runtime.job.pruneTo', loose: ['arm', 'note'] },
  { re: re(`${ARM}: (?<percent>\\d+%) pruned, fine-tuning step (?<step>\\d+)/(?<steps>\\d+)${NOTE}`), key: 'runtime.job.fineTune', loose: ['arm', 'note'] },
  { re: /^no penalty$/, key: 'runtime.job.noPenalty' },
  { re: /^ \(no λ set: using (?<lambda>[^)]+)\)$/, key: 'runtime.job.noLambda' },
  // The store's refusals.
  { re: /^Nothing to pin yet: train a few steps first\.$/, key: 'runtime.pins.empty' },
  { re: /^At most (?<max>\d+) runs can be pinned: remove one first\.$/, key: 'runtime.pins.full' },
  { re: /^The experiment needs MNIST\.$/, key: 'runtime.augexp.mnist' },
  { re: /^Choose an augmentation above first: with none there is nothing to compare\.$/, key: 'runtime.augexp.noAug' },
  { re: /^The experiment pins two runs and (?<used>\d+) of (?<max>\d+) pin slots are used: remove (?<remove>\d+) first\.$/, key: 'runtime.augexp.slots' },
  { re: /^A λ sweep or regularise-then-prune job is running: wait for it or cancel it\.$/, key: 'runtime.augexp.job' },
  { re: /^Stopped: a new run started \(a setting that restarts training changed, or reset was pressed\)\.$/, key: 'runtime.augexp.newRun' },
  { re: /^Stopped: (?<keys>.+) changed while an arm was training\.$/, key: 'runtime.augexp.changed' },
  { re: /^Stopped: play was pressed while an arm was training\.$/, key: 'runtime.augexp.play' },
  { re: /^Stopped: the run diverged\.$/, key: 'runtime.augexp.diverged' },
  { re: /^Stopped: the run diverged \((?<message>.+)\)\.$/s, key: 'runtime.augexp.divergedWith', loose: ['message'] },
  { re: /^Stopped: the run failed\.$/, key: 'runtime.augexp.failed' },
  { re: /^Stopped: the run failed \((?<message>.+)\)\.$/s, key: 'runtime.augexp.failedWith', loose: ['message'] },
  { re: /^Stopped: the run reported no test accuracy\.$/, key: 'runtime.augexp.noAccuracy' },
  { re: /^Stopped: training paused at step (?<step>\d+) of (?<budget>\d+)\.$/, key: 'runtime.augexp.pausedAt' },
];

/** The first pattern matching `text` whole, with its groups (an absent optional group is ''). */
function match(text: string): { pattern: RuntimePattern; groups: Record<string, string> } | null {
  for (const pattern of RUNTIME_PATTERNS) {
    const m = pattern.re.exec(text);
    if (m === null) continue;
    const groups: Record<string, string> = {};
    for (const [name, value] of Object.entries(m.groups ?? {})) groups[name] = value ?? '';
    return { pattern, groups };
  }
  return null;
}

/**
 * `text` (a runtime message in English) in the language of `t`. A text no
 * pattern matches is returned as it is, and pushed onto `misses` when given
 * (tests use this to prove every producer's message is covered).
 */
export function translateRuntime(t: Translate, text: string, misses?: string[]): string {
  const hit = match(text);
  if (hit === null) {
    if (text.includes('; ')) return text.split('; ').map((item) => translateRuntime(t, item, misses)).join(t('runtime.sep'));
    misses?.push(text);
    return text;
  }
  const { pattern, groups } = hit;
  const params: Params = { ...groups };
  for (const name of pattern.nested ?? []) params[name] = translateRuntime(t, groups[name], misses);
  for (const name of pattern.loose ?? []) {
    const inner = groups[name];
    params[name] = inner !== '' && match(inner) !== null ? translateRuntime(t, inner) : inner;
  }
  return t(pattern.key, params);
}

/**
 * A translator for runtime messages in the current language: in English each
 * message is shown as it came; in another language it goes through
 * {@link translateRuntime}.
 */
export function useRuntimeText(): (text: string) => string {
  const lang = useLang();
  const t = useT();
  return useCallback((text: string) => (lang === 'en' ? text : translateRuntime(t, text)), [lang, t]);
}
