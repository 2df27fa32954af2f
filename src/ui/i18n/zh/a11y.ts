import type { a11yEn } from '../en/a11y';

export const a11yZh: Record<keyof typeof a11yEn, string> = {
  'a11y.skip': '跳到图表',
  'a11y.sep': '，',
  'a11y.sentenceGap': '',
  'a11y.sepList': '；',
  'a11y.noData': '尚未绘制任何内容。',
  'a11y.pinned': '{n} 个固定的运行以虚线显示。',

  'a11y.loss.name': '损失图：损失随训练步数的变化',
  'a11y.loss.summary': '第 {step} 步：训练损失 {train}，测试损失 {test}。最低测试损失 {best}，在第 {bestStep} 步。',
  'a11y.loss.noTest': '第 {step} 步：训练损失 {train}；尚未在测试集上评估。',
  'a11y.loss.penalty': '惩罚项 {penalty}。',

  'a11y.accuracy.name': '测试准确率图：准确率随训练步数的变化',
  'a11y.accuracy.summary': '第 {step} 步：测试准确率 {acc}；最佳 {best}，在第 {bestStep} 步。',

  'a11y.sparsity.name': '稀疏度图：恰好为零的权重比例随训练步数的变化',
  'a11y.sparsity.summary': '第 {step} 步：全部权重中有 {overall} 为零。',
  'a11y.sparsity.layers': '各层：{list}。',
  'a11y.layer': '第 {n} 层',
  'a11y.outputLayer': '输出层',

  'a11y.sweep.name': '准确率与稀疏度：网络剪枝到各稀疏度、不重新训练',
  'a11y.sweep.nameLoss': '测试损失与稀疏度：网络剪枝到各稀疏度、不重新训练',
  'a11y.sweep.summary': '从 {from} 到 {to} 共 {n} 个稀疏度：{list}。',
  'a11y.sweep.current': '当前网络：稀疏度 {sparsity} 时为 {y}。',

  'a11y.schedule.name': '剪枝计划：目标稀疏度与实测稀疏度随步数的变化',
  'a11y.schedule.summary': '目标稀疏度从第 {begin} 步的 {from} 升到第 {end} 步的 {to}。现在第 {step} 步：实测 {measured}。',

  'a11y.validation.name': '验证曲线：损失随 λ 的变化',
  'a11y.validation.summary': 'λ 从 {from} 到 {to} 共 {n} 个值。最低验证损失 {best}，在 λ = {lambda}；该处训练损失 {train}。',

  'a11y.regprune.name': '先正则化再剪枝：无惩罚、L1 与 L2 的测试指标随稀疏度的变化',
  'a11y.regprune.summary': '在最高稀疏度 {sparsity} 时：{list}。',
  'a11y.regprune.arm': '{arm} 剪枝后 {before}，微调后 {after}',

  'a11y.boundary.summary': '网络在平面的 {share} 上预测为类别 1；图中有 {points} 个数据点。',
  'a11y.boundary.regression': '平面上的预测值从 {min} 到 {max}；图中有 {points} 个数据点。',
  'a11y.boundary.neuron': '该神经元在平面上的输出从 {min} 到 {max}。',

  'a11y.histogram.summary': '{list}。',
  'a11y.histogram.layer': '{layer}：保留 {kept} 个，剪掉 {pruned} 个',
  'a11y.histogram.cut': '阈值 |w| = {cut}',

  'a11y.heatmap.summary': '{rows} × {cols} 个权重，取值从 {min} 到 {max}；{masked} 个已剪枝。',

  'a11y.graph.summary': '各层神经元数为 {widths}，由 {links} 个权重相连：正 {positive} 个，负 {negative} 个，已剪枝 {pruned} 个。',

  'a11y.scatter.summary': '{n} 个测试样本；R² = {r2}。',
};
