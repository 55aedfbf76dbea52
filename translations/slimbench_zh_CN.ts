<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>slim::app::ErrorText</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>The file %1 cannot be read: %2</source>
        <translation>无法读取文件 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 cannot be written: %2. The previous file, if any, is unchanged.</source>
        <translation>无法写入文件 %1：%2。原有文件（如有）未被改动。</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>文件 %1 是空的。</translation>
    </message>
    <message>
        <source>The file %1 is incomplete (%2 bytes expected, %3 present). It was probably cut off while being copied or saved.</source>
        <translation>文件 %1 不完整（应有 %2 字节，实有 %3 字节），可能在复制或保存时被截断。</translation>
    </message>
    <message>
        <source>The file %1 is damaged: %2</source>
        <translation>文件 %1 已损坏：%2</translation>
    </message>
    <message>
        <source>The file %1 is not a Slimbench model (it looks like %2).</source>
        <translation>文件 %1 不是 Slimbench 模型（看起来是 %2）。</translation>
    </message>
    <message>
        <source>The file %1 was saved by a newer Slimbench (format version %2; this version reads up to %3). Please update Slimbench.</source>
        <translation>文件 %1 由更新版本的 Slimbench 保存（格式版本 %2；本版本最高可读 %3）。请升级 Slimbench。</translation>
    </message>
    <message>
        <source>There is no model called &quot;%1&quot;. Available: %2.</source>
        <translation>没有名为“%1”的模型。可用的模型：%2。</translation>
    </message>
    <message>
        <source>Training diverged: the loss became %3 at epoch %1, batch %2. Try a lower learning rate.</source>
        <translation>训练发散：损失在第 %1 轮第 %2 批变为 %3。请尝试降低学习率。</translation>
    </message>
    <message>
        <source>The recipe&apos;s field &quot;%1&quot; is invalid: %2</source>
        <translation>配方字段“%1”无效：%2</translation>
    </message>
</context>
<context>
    <name>slim::app::LayerTableModel</name>
    <message>
        <source>%1 bytes per sample</source>
        <translation>每个样本 %1 字节</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>乘加次数（MACs）</translation>
    </message>
    <message>
        <source>Share of MACs</source>
        <translation>MACs 占比</translation>
    </message>
</context>
<context>
    <name>slim::app::MainWindow</name>
    <message>
        <source>About Slimbench</source>
        <translation>关于 Slimbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Slimbench %1&lt;/h3&gt;&lt;p&gt;A workbench for compressing convolutional neural networks: pruning, knowledge distillation and quantization, with analysis, live training curves and deployment export.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Slimbench %1&lt;/h3&gt;&lt;p&gt;卷积神经网络模型压缩工作台：剪枝、知识蒸馏与量化，并提供模型分析、实时训练曲线与部署导出。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New from Zoo…</source>
        <translation>从模型库新建(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a model from the built-in zoo</source>
        <translation>从内置模型库创建模型</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a Slimbench model (.slim)</source>
        <translation>打开 Slimbench 模型（.slim）</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About Slimbench</source>
        <translation>关于 Slimbench(&amp;A)</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>计算开销</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Filter layers by name or operation</source>
        <translation>按层名或算子筛选</translation>
    </message>
    <message>
        <source>No model open</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <source>&lt;p&gt;Create a model with &lt;b&gt;File › New from Zoo&lt;/b&gt; (%1), open a &lt;code&gt;.slim&lt;/code&gt; file with &lt;b&gt;File › Open&lt;/b&gt; (%2), or drop a model file on this window.&lt;/p&gt;</source>
        <translation>&lt;p&gt;通过&lt;b&gt;文件 › 从模型库新建&lt;/b&gt;（%1）创建模型，通过&lt;b&gt;文件 › 打开&lt;/b&gt;（%2）打开 &lt;code&gt;.slim&lt;/code&gt; 文件，或将模型文件拖放到本窗口。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Total: %1 parameters, %2 MACs in %3 layers</source>
        <translation>合计：参数量 %1，乘加次数 %2，共 %3 层</translation>
    </message>
    <message>
        <source>built-in zoo, not saved yet</source>
        <translation>内置模型库，尚未保存</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;6&apos;&gt;&lt;tr&gt;&lt;td&gt;Source&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Input&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Output&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;&lt;b&gt;%5&lt;/b&gt; (%6 as float32)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;MACs per sample&lt;/td&gt;&lt;td&gt;&lt;b&gt;%7&lt;/b&gt; (FLOPs = 2 × MACs = %8)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Activation memory per sample&lt;/td&gt;&lt;td&gt;%9 in total, %10 at peak&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;6&apos;&gt;&lt;tr&gt;&lt;td&gt;来源&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;输入&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;输出&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;层数&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;参数量&lt;/td&gt;&lt;td&gt;&lt;b&gt;%5&lt;/b&gt;（float32 存储 %6）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;每样本乘加次数（MACs）&lt;/td&gt;&lt;td&gt;&lt;b&gt;%7&lt;/b&gt;（浮点运算次数 FLOPs = 2 × MACs = %8）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;每样本激活内存&lt;/td&gt;&lt;td&gt;合计 %9，峰值 %10&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Slimbench</source>
        <translation>Slimbench</translation>
    </message>
    <message>
        <source>%1[*] — Slimbench</source>
        <translation>%1[*] — Slimbench</translation>
    </message>
    <message>
        <source>Building %1…</source>
        <translation>正在构建 %1…</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>已创建 %1</translation>
    </message>
    <message>
        <source>Created %1 for %2×%3×%4 inputs and %5 classes</source>
        <translation>已创建 %1，输入 %2×%3×%4，%5 个类别</translation>
    </message>
    <message>
        <source>Cannot create the model</source>
        <translation>无法创建模型</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Slimbench models (*.slim);;All files (*)</source>
        <translation>Slimbench 模型 (*.slim);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Model As</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>Slimbench models (*.slim)</source>
        <translation>Slimbench 模型 (*.slim)</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them first?</source>
        <translation>%1 有未保存的更改。是否先保存？</translation>
    </message>
</context>
<context>
    <name>slim::app::NewModelDialog</name>
    <message>
        <source>Fashion-MNIST / MNIST (1×28×28, 10 classes)</source>
        <translation>Fashion-MNIST / MNIST（1×28×28，10 类）</translation>
    </message>
    <message>
        <source>CIFAR-10 (3×32×32, 10 classes)</source>
        <translation>CIFAR-10（3×32×32，10 类）</translation>
    </message>
    <message>
        <source>CIFAR-100 (3×32×32, 100 classes)</source>
        <translation>CIFAR-100（3×32×32，100 类）</translation>
    </message>
    <message>
        <source>ImageNet (3×224×224, 1000 classes)</source>
        <translation>ImageNet（3×224×224，1000 类）</translation>
    </message>
    <message>
        <source>New Model from Zoo</source>
        <translation>从模型库新建模型</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation>数据集(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Input (channels × height × width):</source>
        <translation>输入（通道 × 高 × 宽）(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Classes:</source>
        <translation>类别数(&amp;C)：</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>slim::widgets::CostChart</name>
    <message>
        <source>MACs (millions)</source>
        <translation>乘加次数（百万）</translation>
    </message>
    <message>
        <source>Parameters (thousands)</source>
        <translation>参数量（千）</translation>
    </message>
    <message>
        <source>MACs (M)</source>
        <translation>乘加次数（M）</translation>
    </message>
    <message>
        <source>Parameters (K)</source>
        <translation>参数量（K）</translation>
    </message>
</context>
</TS>
