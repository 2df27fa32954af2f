/**
 * The runtime namespace: keys 'runtime.…' — messages produced as English text
 * below the UI (the URL codec's reasons, the worker's phases, errors, job
 * labels and backend reasons, the store's refusals). The producers keep their
 * English (it is logged and tested); `ui/i18n/runtime.ts` matches each text
 * against a pattern and shows it from this catalogue. Every English template
 * here, filled with the captured parameters, gives back the producer's exact
 * text (a unit test checks this for real producer outputs).
 */
export const runtimeEn = {
  'runtime.sep': '; ',

  // The URL codec (state/urlCodec.ts): how a key was treated …
  'runtime.url.keyMalformed': 'malformed percent-encoding in the key; ignored',
  'runtime.url.unknownKey': 'unknown key; ignored',
  'runtime.url.repeated': 'repeated key; the first value is used',
  'runtime.url.clamped': '{reason}; clamped to {value}',
  'runtime.url.clampedEmpty': '{reason}; clamped to ',
  'runtime.url.usingDefault': '{reason}; using the default {value}',
  'runtime.url.noValue': 'no value',
  'runtime.url.malformed': 'malformed percent-encoding',
  'runtime.url.none': '(none)',
  // … and why its value was not taken.
  'runtime.url.notOneOf': 'not one of {values}',
  'runtime.url.empty': 'empty value',
  'runtime.url.notNumber': 'not a number',
  'runtime.url.notFinite': 'not a finite number',
  'runtime.url.notWhole': 'not a whole number',
  'runtime.url.belowMin': 'below the minimum {min}',
  'runtime.url.aboveMax': 'above the maximum {max}',
  'runtime.url.unknownControl': 'unknown control name {names}',
  'runtime.url.unknownControls': 'unknown control names {names}',

  // Hidden layers (parseLayers).
  'runtime.layers.tooMany': 'more than {max} hidden layers',
  'runtime.layers.notWhole': 'each layer must be a whole number of units',
  'runtime.layers.range': 'each layer must have 1–{max} units',
  'runtime.params.tooMany': 'the network would have {count} parameters, over the limit of {max}',

  // Augmentation text (engine/data/augSpec.ts).
  'runtime.aug.emptyItem': 'empty item',
  'runtime.aug.unknown': 'unknown transform "{name}"',
  'runtime.aug.twice': '"{name}" given twice',
  'runtime.aug.flipValue': '"flip" takes no value',
  'runtime.aug.needsNumber': '"{name}" needs a number, e.g. {example}',
  'runtime.aug.needsFinite': '"{name}" needs a finite number',
  'runtime.aug.range': '{name} must be in {min}–{max}',

  // Conv stack text (engine/model/convSpec.ts).
  'runtime.conv.none': 'a CNN needs at least one conv layer',
  'runtime.conv.tooMany': 'more than {max} conv layers',
  'runtime.conv.syntax': 'each conv layer is filters:kernel or filters:kernel:stride, e.g. 32:3',
  'runtime.conv.filters': 'filters must be 1–{max}',
  'runtime.conv.kernel': 'kernel must be 1–{max}',
  'runtime.conv.stride': 'stride must be 1–{max}',
  'runtime.conv.shrinks': 'conv layer {n} shrinks the {size} image to nothing; use fewer layers, smaller kernels or stride 1',

  // Own points in a link (engine/data/ownPoints.ts).
  'runtime.pts.notText': 'not text',
  'runtime.pts.tooLong': 'longer than {max} characters',
  'runtime.pts.tooMany': 'more than {max} points',
  'runtime.pts.notXyc': 'point {n} is not x,y,class',
  'runtime.pts.nan': 'point {n} has a coordinate that is not a number',
  'runtime.pts.infinite': 'point {n} has a coordinate that is not finite',
  'runtime.pts.class': 'point {n} has a class other than 0 or 1',
  'runtime.pts.outside': 'coordinates outside {range}',

  // The worker's phases (worker/host.ts, worker/pruning.ts).
  'runtime.phase.loadingMnist': 'Loading 10,000 MNIST digits…',
  'runtime.phase.measuring': 'Measuring which backend trains this model fastest… ({backend})',
  'runtime.phase.diverged': 'The loss became NaN or infinite. Try a lower learning rate, then press play to restart from the seed.',
  'runtime.lottery.finishedEmpty': 'Lottery finished.',
  'runtime.lottery.finished': 'Lottery finished: {rounds} rounds, {remaining} of the weights remain; {last} (dense: {first}).',
  'runtime.lottery.testLoss': 'test loss {value}',
  'runtime.lottery.testAccuracy': 'test accuracy {value}',

  // Errors of a run (worker, engine, bridge).
  'runtime.error.noNetworkWeights': 'No network to load the weights into: the run failed to build.',
  'runtime.error.weightsMismatch': 'The imported weights do not fit this network: {detail}',
  'runtime.error.noNetworkSweep': 'No network to sweep: the run failed to build or diverged.',
  'runtime.error.noNetworkCompact': 'No network to compact: the run failed to build or diverged.',
  'runtime.error.workerFailed': 'The training worker failed: {detail}',
  'runtime.error.noFallback': 'No backend left to fall back to after {backend}',
  'runtime.error.noFallbackReasons': 'No backend left to fall back to after {backend} ({reasons})',
  'runtime.error.noBackend': 'No backend could be used: {list}',
  'runtime.error.fetch': '{detail}',
  'runtime.error.ownTooFew': 'Your own data needs at least {min} points to train (it has {n}): add points on the own-data canvas or upload a CSV.',
  'runtime.mnist.http': 'Could not load MNIST from {url}: HTTP {status}',
  'runtime.mnist.short': 'MNIST asset is malformed: {bytes} bytes, shorter than the {header}-byte header',
  'runtime.mnist.magic': 'MNIST asset is malformed: magic is "{magic}", expected "{expected}" (is the file an HTML error page?)',
  'runtime.mnist.size': 'MNIST asset is malformed: {bytes} bytes for {count} images, expected {expected}',
  'runtime.mnist.label': 'MNIST asset is malformed: label {label} at index {index} is not a digit 0–9',
  'runtime.mnist.count': 'MNIST needs {needed} images, the asset holds {count}',

  // Backends (engine/backend.ts, worker/builder.ts, state/run.ts).
  'runtime.backend.item': '{backend}: {error}',
  'runtime.backend.noWebgpu': 'WebGPU is not available: navigator.gpu is missing',
  'runtime.backend.noAdapter': 'WebGPU: no GPU adapter (requestAdapter() returned null)',
  'runtime.backend.noWebgl': 'WebGL is not available: tfjs registers it only in a browser page or worker',
  'runtime.backend.webglContext': 'WebGL: could not create a context (WebGL2 is needed in a worker)',
  'runtime.backend.noWasm': 'WASM is not available: WebAssembly is missing',
  'runtime.backend.wasmEarlier': 'WASM failed earlier in this page and cannot be retried without a reload: {detail}',
  'runtime.backend.notRegistered': '{backend} is not available in this context (no tfjs registration)',
  'runtime.backend.initFailed': '{backend}: initialisation failed: {detail}',
  'runtime.backend.timeout': 'no answer after {seconds} s',
  'runtime.backend.refused': '{backend}: tf.setBackend refused it',
  'runtime.backend.cnnWasm': 'tfjs WASM has no Conv2DBackpropFilter kernel, so a CNN cannot train on WASM',
  'runtime.backend.fellBack': '{from} failed: {reason}. Now training on {to}.',
  'runtime.backend.fellBackBare': '{from} failed. Now training on {to}.',

  // Jobs: the λ sweep and regularise-then-prune (worker/jobs.ts, worker/host.ts, state).
  'runtime.job.starting': 'Starting…',
  'runtime.job.cancelling': 'Cancelling…',
  'runtime.job.done': 'Done',
  'runtime.job.cancelled': 'Cancelled',
  'runtime.job.newRun': 'a new run started',
  'runtime.job.resumed': 'training resumed',
  'runtime.job.rebuilt': 'the network was rebuilt',
  'runtime.job.noNetwork': 'No network to run it on: the run failed to build or diverged.',
  'runtime.job.failed': 'Failed: {error}',
  'runtime.job.allDiverged': 'Every λ diverged (validation loss NaN or infinite): lower the learning rate.',
  'runtime.job.fold': 'λ = {lambda}, fold {fold}/{k}',
  'runtime.job.foldStep': 'λ = {lambda}, fold {fold}/{k}, step {step}/{steps}',
  'runtime.job.train': 'Training with {arm}{note}',
  'runtime.job.trainStep': 'Training with {arm}{note}: step {step}/{steps}',
  'runtime.job.pruneTo': '{arm}: pruning to {percent}{note}',
  'runtime.job.fineTune': '{arm}: {percent} pruned, fine-tuning step {step}/{steps}{note}',
  'runtime.job.noPenalty': 'no penalty',
  'runtime.job.noLambda': ' (no λ set: using {lambda})',

  // The store's refusals (state/pins.ts, state/augExperiment.ts).
  'runtime.pins.empty': 'Nothing to pin yet: train a few steps first.',
  'runtime.pins.full': 'At most {max} runs can be pinned: remove one first.',
  'runtime.augexp.mnist': 'The experiment needs MNIST.',
  'runtime.augexp.noAug': 'Choose an augmentation above first: with none there is nothing to compare.',
  'runtime.augexp.slots': 'The experiment pins two runs and {used} of {max} pin slots are used: remove {remove} first.',
  'runtime.augexp.job': 'A λ sweep or regularise-then-prune job is running: wait for it or cancel it.',
  'runtime.augexp.newRun': 'Stopped: a new run started (a setting that restarts training changed, or reset was pressed).',
  'runtime.augexp.changed': 'Stopped: {keys} changed while an arm was training.',
  'runtime.augexp.play': 'Stopped: play was pressed while an arm was training.',
  'runtime.augexp.diverged': 'Stopped: the run diverged.',
  'runtime.augexp.divergedWith': 'Stopped: the run diverged ({message}).',
  'runtime.augexp.failed': 'Stopped: the run failed.',
  'runtime.augexp.failedWith': 'Stopped: the run failed ({message}).',
  'runtime.augexp.noAccuracy': 'Stopped: the run reported no test accuracy.',
  'runtime.augexp.pausedAt': 'Stopped: training paused at step {step} of {budget}.',
} as const;
