import { describe, expect, it } from 'vitest';
import { freshRun } from '../../src/state/run';
import { figureNotes } from '../../src/ui/header/figureNotes';
import { translator } from '../../src/ui/i18n';
import { notLearningText } from '../../src/ui/notices/notLearningText';

const en = translator('en');
const zh = translator('zh');
const run = (patch: Partial<ReturnType<typeof freshRun>>) => ({ ...freshRun(1, false), ...patch });

describe('the header notes: which rows and which step', () => {
  it('none before the first figures', () => {
    expect(figureNotes(en, run({}), 'mnist')).toEqual({ test: null, train: null });
  });

  it('test figures on a subset, on the whole set, or of unknown rows', () => {
    expect(figureNotes(en, run({ testStep: 1234, testRows: 500, testTotal: 2000 }), 'mnist').test).toBe('500 of 2,000 test digits · step 1,234');
    expect(figureNotes(en, run({ testStep: 1250, testRows: 2000, testTotal: 2000 }), 'mnist').test).toBe('all 2,000 test digits · step 1,250');
    expect(figureNotes(en, run({ testStep: 40, testRows: 250, testTotal: 250 }), 'circle').test).toBe('all 250 test points · step 40');
    expect(figureNotes(en, run({ testStep: 40 }), 'friedman').test).toBe('step 40');
    expect(figureNotes(zh, run({ testStep: 1234, testRows: 500, testTotal: 2000 }), 'mnist').test).toBe('2,000 个测试数字中的 500 个 · 第 1,234 步');
  });

  it('the train loss: the latest batches, or the pruned network evaluated after a mask change', () => {
    expect(figureNotes(en, run({ trainLossStep: 99, trainLossKind: 'batch' }), 'circle').train).toBe('latest batches · step 99');
    expect(figureNotes(en, run({ trainLossStep: 50, trainLossKind: 'evaluated', trainLossRows: 500, trainLossTotal: 8000 }), 'mnist').train).toBe('pruned net, 500 train digits · step 50');
    expect(figureNotes(zh, run({ trainLossStep: 50, trainLossKind: 'evaluated', trainLossRows: 250, trainLossTotal: 250 }), 'xor').train).toBe('剪枝后网络，250 个训练点 · 第 50 步');
  });
});

describe('the not-learning notice in words', () => {
  const low = { step: 400, steps: 400, loss: 0.6931, reference: Math.log(2), cause: 'low' as const, optimizer: 'sgd' as const, learningRate: 0.00001, suggest: 0.1 };
  it('classification, steps too small', () => {
    expect(notLearningText(en, low, 2)).toBe(
      'After 400 steps the train loss is still 0.69, no better than always guessing (ln 2 = 0.69): the network is not learning. With sgd at learning rate 0.00001 the steps are too small: try 0.1.',
    );
  });
  it('regression, steps too large; and in Chinese', () => {
    const high = { ...low, step: 1200, loss: 0.55, reference: 0.252, cause: 'high' as const, optimizer: 'adam' as const, learningRate: 3, suggest: 0.01 };
    expect(notLearningText(en, high, null)).toBe(
      'After 1,200 steps the train loss is still 0.55, no better than always guessing (the mean: 0.25): the network is not learning. With adam at learning rate 3 the steps are too large, so the loss jumps around instead of falling: try 0.01.',
    );
    expect(notLearningText(zh, low, 2)).toBe('训练了 400 步，训练损失仍是 0.69，并不比一直瞎猜好（ln 2 = 0.69）：网络没有在学习。sgd 的学习率 0.00001 让每一步太小：试试 0.1。');
  });
});
