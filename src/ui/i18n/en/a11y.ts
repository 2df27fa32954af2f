/**
 * The a11y namespace: keys 'a11y.…' — names and live text summaries of the
 * charts and canvases for screen readers, the skip link, and the focus help.
 */
export const a11yEn = {
  'a11y.skip': 'Skip to the charts',
  'a11y.sep': ', ',
  'a11y.sentenceGap': ' ',
  'a11y.sepList': '; ',
  'a11y.noData': 'Nothing drawn yet.',
  'a11y.pinned': '{n} pinned runs drawn dashed.',

  'a11y.loss.name': 'Loss chart: loss against training steps',
  'a11y.loss.summary': 'At step {step}: train loss {train}, test loss {test}. Lowest test loss {best} at step {bestStep}.',
  'a11y.loss.noTest': 'At step {step}: train loss {train}; the test set is not evaluated yet.',
  'a11y.loss.penalty': 'Penalty {penalty}.',

  'a11y.accuracy.name': 'Test accuracy chart: accuracy against training steps',
  'a11y.accuracy.summary': 'At step {step}: test accuracy {acc}; best {best} at step {bestStep}.',

  'a11y.sparsity.name': 'Sparsity chart: share of weights exactly zero against training steps',
  'a11y.sparsity.summary': 'At step {step}: {overall} of all weights are zero.',
  'a11y.sparsity.layers': 'By layer: {list}.',
  'a11y.layer': 'layer {n}',
  'a11y.outputLayer': 'output layer',

  'a11y.sweep.name': 'Accuracy against sparsity: the network pruned to each sparsity without retraining',
  'a11y.sweep.nameLoss': 'Test loss against sparsity: the network pruned to each sparsity without retraining',
  'a11y.sweep.summary': '{n} sparsities from {from} to {to}: {list}.',
  'a11y.sweep.current': 'The network now: {y} at {sparsity} sparsity.',

  'a11y.schedule.name': 'Pruning schedule: target and measured sparsity against steps',
  'a11y.schedule.summary': 'Target sparsity rises from {from} at step {begin} to {to} at step {end}. Now step {step}: measured {measured}.',

  'a11y.validation.name': 'Validation curve: loss against λ',
  'a11y.validation.summary': '{n} values of λ from {from} to {to}. Lowest validation loss {best} at λ = {lambda}; train loss there {train}.',

  'a11y.regprune.name': 'Regularise, then prune: test figure against sparsity for no penalty, L1 and L2',
  'a11y.regprune.summary': 'At the highest sparsity, {sparsity}: {list}.',
  'a11y.regprune.arm': '{arm} {before} after pruning, {after} after fine-tuning',

  'a11y.boundary.summary': 'The network predicts class 1 on {share} of the plane; {points} data points drawn.',
  'a11y.boundary.regression': 'Predicted values from {min} to {max} over the plane; {points} data points drawn.',
  'a11y.boundary.neuron': 'This neuron’s output ranges from {min} to {max} over the plane.',

  'a11y.histogram.summary': '{list}.',
  'a11y.histogram.layer': '{layer}: {kept} kept, {pruned} pruned',
  'a11y.histogram.cut': 'cut at |w| = {cut}',

  'a11y.heatmap.summary': '{rows} × {cols} weights from {min} to {max}; {masked} pruned.',

  'a11y.graph.summary': 'Layers of {widths} neurons joined by {links} weights: {positive} positive, {negative} negative, {pruned} pruned.',

  'a11y.scatter.summary': '{n} test samples; R² = {r2}.',
} as const;
