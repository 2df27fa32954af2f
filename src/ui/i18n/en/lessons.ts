/**
 * The lessons namespace: keys 'lessons.…'. Each lesson has a title, a short
 * name (for the folded row), a one-line goal and 2–4 steps; `**…**` marks the
 * controls, buttons and charts a step names, as the UI labels them, and
 * `{steps}` is the lesson's training budget (its "Train N steps" button). The
 * figures the steps quote were measured with the lesson's preset (seed 1) and
 * are checked by e2e/lessons.spec.ts.
 */
export const lessonsEn = {
  'lessons.heading': 'Lessons',
  'lessons.intro': 'Each one sets up an experiment, then says what to change and what to watch.',
  'lessons.fold': 'Fold',
  'lessons.unfold': 'All lessons',
  'lessons.start': 'Start',
  'lessons.startAria': 'Start lesson {n}: {title}',
  'lessons.current': 'Open below',
  'lessons.currentAria': 'Lesson {n}: {title} (open)',
  'lessons.number': 'Lesson {n}',
  'lessons.train': 'Train {steps} steps',
  'lessons.training': 'Training… {done} / {steps}',
  'lessons.restart': 'Restart',
  'lessons.restartTitle': 'Back to the lesson’s settings, with fresh weights from the seed',
  'lessons.hideSteps': 'Hide steps',
  'lessons.showSteps': 'Show steps',
  'lessons.stepOf': 'Step {n} of {total}',
  'lessons.prevStep': 'Previous',
  'lessons.nextStep': 'Next',
  'lessons.close': 'Close',
  'lessons.closeAria': 'Close the lesson {title}',

  'lessons.overfit-l2.title': 'Overfitting, and L2 against it',
  'lessons.overfit-l2.short': 'Overfitting',
  'lessons.overfit-l2.goal': 'A big network memorises noise; L2 fixes it.',
  'lessons.overfit-l2.step1':
    'Press **Train {steps} steps**. In the **Loss** chart the test loss falls, then climbs while the data loss keeps falling: the network learns the noise (the **Decision boundary** wraps single points).',
  'lessons.overfit-l2.step2': 'Press **Pin this run**. Set **Penalty** to **L2 (weight decay)**, type 0.003 into **λ₂ (L2)**, press **Reset**, then **Train {steps} steps** again.',
  'lessons.overfit-l2.step3': 'Compare with the dashed pinned curves: the data loss ends higher, but the **Test loss** ends far lower (here about 0.5 against 1.3) and the boundary is smoother.',

  'lessons.l1-vs-l2.title': 'L1 or L2: zero or small weights',
  'lessons.l1-vs-l2.short': 'L1 vs L2',
  'lessons.l1-vs-l2.goal': 'Same λ: L1 makes weights 0, L2 only small.',
  'lessons.l1-vs-l2.step1':
    'The lesson starts with **Penalty** L1, λ = 0.05 and **Proximal L1 (exact zeros)** on. Press **Train {steps} steps**: **Sparsity** in the header climbs to about 60 % while the test accuracy stays at 100 %.',
  'lessons.l1-vs-l2.step2':
    'Set **Penalty** to **L2 (weight decay)** (λ stays 0.05), press **Reset** and **Train {steps} steps**: **Sparsity** stays 0 %, not one weight is exactly zero; at this strength L2 shrinks them all so far that the network cannot separate the classes.',
  'lessons.l1-vs-l2.step3':
    'Type 0.001 into **λ₂ (L2)**, press **Reset** and train again: the accuracy is back, the sparsity still 0 %. L2 makes weights small, L1 makes them zero: a network you can prune for free.',

  'lessons.magnitude.title': 'Magnitude pruning: how far?',
  'lessons.magnitude.short': 'Pruning',
  'lessons.magnitude.goal': 'Cut small weights until the accuracy collapses.',
  'lessons.magnitude.step1': 'Press **Train {steps} steps** to train the dense MNIST network (784-100-10); note its **Test accuracy** in the header (about 95 %).',
  'lessons.magnitude.step2': 'Move **Target sparsity s** to 50 %: half the weights are now zero, without a training step, and the test accuracy barely moves.',
  'lessons.magnitude.step3':
    'Go on to 80 %, 90 %, then 99 %: the accuracy slides, then collapses to about 10 %, no better than guessing. Press **Sweep** on the **Accuracy vs sparsity** card to see the whole curve.',

  'lessons.finetune.title': 'Prune, then fine-tune',
  'lessons.finetune.short': 'Fine-tune',
  'lessons.finetune.goal': 'A little training brings the accuracy back.',
  'lessons.finetune.step1': 'Press **Train {steps} steps**, then move **Target sparsity s** to 90 %: the test accuracy drops from about 95 % to about 40 %.',
  'lessons.finetune.step2':
    'Press **Train {steps} steps** again. The pruned weights are held at zero (**Sparsity** stays at 90 %, in the header and on the **Sparsity** chart) while the others adapt: the test accuracy climbs back above 90 %.',
  'lessons.finetune.step3': 'Move **Target sparsity s** back to 0: the pruned weights return with the values they had when they were cut.',

  'lessons.structured.title': 'Structured or unstructured',
  'lessons.structured.short': 'Structured',
  'lessons.structured.goal': 'Zeros still cost FLOPs; removed neurons don’t.',
  'lessons.structured.step1':
    'Press **Train {steps} steps**, then move **Target sparsity s** to 80 %. **Sparsity** says 80 %, yet **Parameters** and **FLOPs / sample** in the header stay the same: a dense layer multiplies its zeros too.',
  'lessons.structured.step2': 'Move **Target sparsity s** back to 0 and **Keep ratio p** to 50 %: the less important half of the neurons of each hidden layer are switched off.',
  'lessons.structured.step3':
    'Press **Compact**: 784-256-128-10 becomes 784-128-64-10, with less than half the parameters and FLOPs, and the **Compacted model** card shows the measured inference time before and after.',

  'lessons.lottery.title': 'Lottery tickets: rewind or re-init?',
  'lessons.lottery.short': 'Lottery',
  'lessons.lottery.goal': 'A pruned network retrains best from its first weights.',
  'lessons.lottery.step1':
    'Press **Play**: five rounds each train 200 steps, remove half of the remaining weights and rewind the survivors to their initial values. Watch the **Lottery tickets** table fill until it says Finished.',
  'lessons.lottery.step2':
    'Set **Mode** to **Random re-init (control)** and press **Play** again: the same rounds, but the survivors start from new random values. The first table moves to the right for comparison.',
  'lessons.lottery.step3':
    'Compare row by row: with 3.5 % of the weights left, the rewound ticket still reaches about 92 % test accuracy, the random control about 89 %, and the gap grows round by round.',

  'lessons.augment.title': 'Augmentation with few digits',
  'lessons.augment.short': 'Augmentation',
  'lessons.augment.goal': 'Small turns and shifts help on few digits; flips hurt.',
  'lessons.augment.step1':
    'The lesson trains on 300 digits with the **digit-safe** preset. In **Data augmentation**, under **Effect of augmentation**, press **Compare**: the network trains twice from the same seed, without and with augmentation, and both runs are pinned.',
  'lessons.augment.step2': 'Read the result line and the two curves in the **Test accuracy** chart: the digit-safe run ends a few points higher; it saw more varied digits.',
  'lessons.augment.step3':
    'Set **Preset** to **flip & spin** and press **Compare** again: a mirrored 3 is no digit and a turned 6 is a 9, so the accuracy falls far below the run without augmentation.',

  'lessons.cnn-vs-mlp.title': 'CNN against MLP',
  'lessons.cnn-vs-mlp.short': 'CNN vs MLP',
  'lessons.cnn-vs-mlp.goal': 'Fewer parameters, more FLOPs, faster learning.',
  'lessons.cnn-vs-mlp.step1':
    'Look at the **MLP vs CNN** table under **Network**: with the same dense layer this CNN has 14,410 parameters against the MLP’s 25,450, but about 8 times the FLOPs per digit: each filter slides over the whole image.',
  'lessons.cnn-vs-mlp.step2': 'Press **Train {steps} steps** (a CNN is slow on a computer without a graphics card: about half a minute), then **Pin this run**.',
  'lessons.cnn-vs-mlp.step3':
    'Set **Network** to **MLP (dense layers)** and press **Train {steps} steps**: after the same number of steps the MLP stays a few points below the CNN (here about 90 % against 94 %).',
} as const;
