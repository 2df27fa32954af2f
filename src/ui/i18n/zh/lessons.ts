import type { lessonsEn } from '../en/lessons';

/**课程的中文文本：与英文目录的键一一对应；`**…**` 中是界面上控件、按钮和图表的中文名称。 */
export const lessonsZh: Record<keyof typeof lessonsEn, string> = {
  'lessons.heading': '课程',
  'lessons.intro': '每一课先把实验设置好，再告诉你改什么、看什么。',
  'lessons.fold': '收起',
  'lessons.unfold': '全部课程',
  'lessons.start': '开始',
  'lessons.startAria': '开始第 {n} 课：{title}',
  'lessons.current': '已在下方打开',
  'lessons.currentAria': '第 {n} 课：{title}（已打开）',
  'lessons.number': '第 {n} 课',
  'lessons.train': '训练 {steps} 步',
  'lessons.training': '训练中… {done} / {steps}',
  'lessons.restart': '重新开始',
  'lessons.restartTitle': '回到本课的设置，并按随机种子重新初始化权重',
  'lessons.hideSteps': '隐藏步骤',
  'lessons.showSteps': '显示步骤',
  'lessons.stepOf': '第 {n} 步，共 {total} 步',
  'lessons.prevStep': '上一步',
  'lessons.nextStep': '下一步',
  'lessons.close': '关闭',
  'lessons.closeAria': '关闭课程：{title}',

  'lessons.overfit-l2.title': '过拟合，以及用 L2 对抗它',
  'lessons.overfit-l2.short': '过拟合',
  'lessons.overfit-l2.goal': '大网络记住了噪声；L2 让它学会泛化。',
  'lessons.overfit-l2.step1': '点击**训练 {steps} 步**。在**损失**图中，测试损失先降后升，而数据损失一直在降：网络在学习噪声（**决策边界**绕着单个点打转）。',
  'lessons.overfit-l2.step2': '点击**固定本次运行**。把**惩罚项**设为**L2（权重衰减）**，在**λ₂ (L2)**中输入 0.003，点击**重置**，再点击**训练 {steps} 步**。',
  'lessons.overfit-l2.step3': '与虚线显示的固定曲线比较：数据损失最后更高，但**测试损失**低得多（这里约 0.5 对 1.3），决策边界也更平滑。',

  'lessons.l1-vs-l2.title': 'L1 还是 L2：变成零，还是变小',
  'lessons.l1-vs-l2.short': 'L1 对比 L2',
  'lessons.l1-vs-l2.goal': '同样的 λ：L1 让权重变成 0，L2 只让它变小。',
  'lessons.l1-vs-l2.step1': '本课开始时**惩罚项**为 L1，λ = 0.05，并已打开**近端 L1（权重恰好为零）**。点击**训练 {steps} 步**：页头的**稀疏度**升到约 60 %，测试准确率仍保持 100 %。',
  'lessons.l1-vs-l2.step2':
    '把**惩罚项**设为**L2（权重衰减）**（λ 仍为 0.05），点击**重置**和**训练 {steps} 步**：**稀疏度**保持 0 %，没有一个权重恰好为零；而且在这个强度下，L2 把所有权重压得太小，网络已无法区分两类。',
  'lessons.l1-vs-l2.step3': '在**λ₂ (L2)**中输入 0.001，点击**重置**后再训练：准确率回来了，稀疏度仍是 0 %。L2 让权重变小，L1 让权重变成零：得到一个可以“免费”剪枝的网络。',

  'lessons.magnitude.title': '按幅值剪枝：能剪多少？',
  'lessons.magnitude.short': '剪枝',
  'lessons.magnitude.goal': '剪掉最小的权重，直到准确率崩溃。',
  'lessons.magnitude.step1': '点击**训练 {steps} 步**，训练稠密的 MNIST 网络（784-100-10）；记下页头的**测试准确率**（约 95 %）。',
  'lessons.magnitude.step2': '把**目标稀疏度 s**拖到 50 %：一半的权重变成了零，没有任何训练步骤，测试准确率却几乎不变。',
  'lessons.magnitude.step3': '继续拖到 80 %、90 %，再到 99 %：准确率先缓慢下滑，然后崩溃到约 10 %，和瞎猜差不多。在**准确率与稀疏度**卡片上点击**扫描**，可以看到整条曲线。',

  'lessons.finetune.title': '先剪枝，再微调',
  'lessons.finetune.short': '微调',
  'lessons.finetune.goal': '再训练一会儿，准确率就回来了。',
  'lessons.finetune.step1': '点击**训练 {steps} 步**，然后把**目标稀疏度 s**拖到 90 %：测试准确率从约 95 % 跌到约 40 %。',
  'lessons.finetune.step2': '再点击**训练 {steps} 步**。剪掉的权重一直保持为零（页头和**稀疏度**图中的稀疏度始终是 90 %），其余权重随之调整：测试准确率回升到 90 % 以上。',
  'lessons.finetune.step3': '把**目标稀疏度 s**拖回 0：剪掉的权重以被剪时的数值恢复回来。',

  'lessons.structured.title': '结构化还是非结构化',
  'lessons.structured.short': '结构化',
  'lessons.structured.goal': '零仍要计算；删掉的神经元才不用算。',
  'lessons.structured.step1': '点击**训练 {steps} 步**，然后把**目标稀疏度 s**拖到 80 %。**稀疏度**显示 80 %，但页头的**参数量**和**浮点运算/样本**都没有变：稠密层连零也要乘。',
  'lessons.structured.step2': '把**目标稀疏度 s**拖回 0，再把**保留比例 p**拖到 50 %：每个隐藏层中不太重要的一半神经元被关闭。',
  'lessons.structured.step3': '点击**紧凑化**：784-256-128-10 变成 784-128-64-10，参数量和浮点运算次数都不到原来的一半；**紧凑化后的模型**卡片显示紧凑化前后实测的推理时间。',

  'lessons.lottery.title': '彩票假设：回退还是重新初始化？',
  'lessons.lottery.short': '彩票假设',
  'lessons.lottery.goal': '剪枝后的网络从最初的权重重新训练效果最好。',
  'lessons.lottery.step1': '点击**播放**：共五轮，每轮训练 200 步，剪掉剩余权重的一半，再把保留下来的权重回退到初始值。看着**彩票假设**表格逐行填满，直到显示“已完成”。',
  'lessons.lottery.step2': '把**模式**设为**随机重新初始化（对照）**，再点击**播放**：轮次相同，但保留下来的权重从新的随机值开始。上一张表移到右边，供对比。',
  'lessons.lottery.step3': '逐行比较：只剩 3.5 % 的权重时，回退得到的“中奖彩票”仍有约 92 % 的测试准确率，随机对照只有约 89 %，而且差距一轮比一轮大。',

  'lessons.augment.title': '少量数字时的数据增强',
  'lessons.augment.short': '数据增强',
  'lessons.augment.goal': '小幅旋转和平移有助于少量数字；翻转有害。',
  'lessons.augment.step1':
    '本课只用 300 个训练数字，并选用**对数字安全**预设。在**数据增强**的**数据增强的效果**中点击**比较**：网络从同一个随机种子训练两次，分别不用和使用数据增强，两次运行都会被固定。',
  'lessons.augment.step2': '看看结果行和**测试准确率**图中的两条曲线：“对数字安全”那次最后高出几个百分点，因为它见到了更多样的数字。',
  'lessons.augment.step3': '把**预设**设为**翻转加旋转（会破坏标签！）**，再点击**比较**：镜像的 3 不再是数字，转过来的 6 成了 9，所以准确率远低于不做数据增强的那次。',

  'lessons.cnn-vs-mlp.title': 'CNN 对比 MLP',
  'lessons.cnn-vs-mlp.short': 'CNN 对比 MLP',
  'lessons.cnn-vs-mlp.goal': '参数更少，浮点运算更多，学得更快。',
  'lessons.cnn-vs-mlp.step1':
    '看**网络**下方的**MLP 与 CNN 对比**表：全连接层相同时，这个 CNN 有 14,410 个参数，MLP 有 25,450 个，但 CNN 每个数字的浮点运算次数约是 MLP 的 8 倍，因为每个滤波器都要在整幅图像上滑动。',
  'lessons.cnn-vs-mlp.step2': '点击**训练 {steps} 步**（在没有显卡的电脑上 CNN 较慢，约需半分钟），然后点击**固定本次运行**。',
  'lessons.cnn-vs-mlp.step3': '把**网络**设为**MLP（全连接层）**，点击**训练 {steps} 步**：训练步数相同，MLP 比 CNN 低几个百分点（这里约 90 % 对 94 %）。',
};
