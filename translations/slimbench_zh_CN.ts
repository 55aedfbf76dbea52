<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Input Size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>%1 does not say what input it takes. Enter the input size (channels × height × width) the model was written for:</source>
        <translation>%1 没有记录输入尺寸。请输入该模型所用的输入尺寸（通道 × 高 × 宽）：</translation>
    </message>
</context>
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
    <message>
        <source>The file %1 holds weights saved with torch.save (a state_dict or pickled module), not TorchScript, so it has no network to import. In Python, save TorchScript with torch.jit.script(model).save(&quot;model.pt&quot;) or torch.jit.trace(model, example).save(&quot;model.pt&quot;), or export ONNX.</source>
        <translation>文件 %1 保存的是 torch.save 写出的权重（state_dict 或 pickle 序列化的模块），不是 TorchScript，其中没有可导入的网络结构。请在 Python 中用 torch.jit.script(model).save(&quot;model.pt&quot;) 或 torch.jit.trace(model, example).save(&quot;model.pt&quot;) 保存 TorchScript，或导出 ONNX。</translation>
    </message>
</context>
<context>
    <name>slim::app::ExportDialog</name>
    <message>
        <source>Export Model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>ONNX (for deployment: ONNX Runtime, OpenCV, RKNN)</source>
        <translation>ONNX（用于部署：ONNX Runtime、OpenCV、RKNN）</translation>
    </message>
    <message>
        <source>TorchScript (for PyTorch: torch.jit.load)</source>
        <translation>TorchScript（用于 PyTorch：torch.jit.load）</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>ONNX &amp;opset:</source>
        <translation>ONNX 算子集版本(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Input size (C × H × W):</source>
        <translation>输入尺寸（C × H × W）(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>The export runs as a job. It is checked before it is reported: ONNX with the checker, strict shape inference and OpenCV DNN; TorchScript by loading it back. Both are compared with Slimbench&apos;s own output.</source>
        <translation>导出作为后台任务运行，并在报告前完成校验：ONNX 经过检查器、严格形状推断和 OpenCV DNN 验证；TorchScript 重新加载后运行。两者都与 Slimbench 自身的输出逐元素比较。</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>TorchScript archives (*.pt)</source>
        <translation>TorchScript 文件 (*.pt)</translation>
    </message>
</context>
<context>
    <name>slim::app::JobRunner</name>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消，未做任何改动。</translation>
    </message>
    <message>
        <source>The job stopped without a result.</source>
        <translation>任务结束但没有结果。</translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>已在开始前取消。</translation>
    </message>
    <message>
        <source>Finished before the cancel could take effect; its result was kept.</source>
        <translation>取消生效前任务已完成，结果已保留。</translation>
    </message>
</context>
<context>
    <name>slim::app::JobsView</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>取消任务(&amp;C)</translation>
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
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Train Model</source>
        <translation>训练模型(&amp;T)</translation>
    </message>
    <message>
        <source>Train the open model with the settings of the Train panel</source>
        <translation>按“训练”面板的设置训练当前模型</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>Open or create a model first.</source>
        <translation>请先打开或创建模型。</translation>
    </message>
    <message numerus="yes">
        <source>Train %1 for %n epoch(s)</source>
        <translation>
            <numerusform>训练 %1，共 %n 轮</numerusform>
        </translation>
    </message>
    <message>
        <source>Started: %1 on %2</source>
        <translation>已开始：%1，数据集 %2</translation>
    </message>
    <message numerus="yes">
        <source>Train %n epoch(s)</source>
        <translation>
            <numerusform>训练 %n 轮</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trained: top-1 %1, top-5 %2, loss %3 after %n epoch(s)</source>
        <translation>
            <numerusform>训练 %n 轮后：Top-1 %1，Top-5 %2，损失 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable image file(s) were skipped</source>
        <translation>
            <numerusform>跳过了 %n 个无法读取的图像文件</numerusform>
        </translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>validation top-1</source>
        <translation>验证 Top-1</translation>
    </message>
    <message>
        <source>validation top-5</source>
        <translation>验证 Top-5</translation>
    </message>
    <message>
        <source>The job failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cancelled: %1. The model is unchanged.</source>
        <translation>已取消：%1。模型未改动。</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>Open &amp;Baseline</source>
        <translation>打开基线模型(&amp;B)</translation>
    </message>
    <message>
        <source>trained, top-1 %1 on its test set; not saved yet</source>
        <translation>已训练，测试集 Top-1 为 %1；尚未保存</translation>
    </message>
    <message>
        <source>The bundled model %1 is missing from this build.</source>
        <translation>此版本中缺少内置模型 %1。</translation>
    </message>
    <message>
        <source>Opened the bundled baseline %1</source>
        <translation>已打开内置基线模型 %1</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the model to ONNX or TorchScript, verified against Slimbench&apos;s own output</source>
        <translation>将模型导出为 ONNX 或 TorchScript，并与 Slimbench 自身的输出对比验证</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>ONNX opset %1</source>
        <translation>ONNX 算子集 %1</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>Export %1 as %2</source>
        <translation>将 %1 导出为 %2</translation>
    </message>
    <message>
        <source>Started: %1 to %2</source>
        <translation>已开始：%1，写入 %2</translation>
    </message>
    <message>
        <source>Wrote %1 (%2).</source>
        <translation>已写入 %1（%2）。</translation>
    </message>
    <message>
        <source>ONNX checker: %1</source>
        <translation>ONNX 检查器：%1</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Strict shape inference, every shape as in the graph: %1</source>
        <translation>严格形状推断（每个张量形状与计算图一致）：%1</translation>
    </message>
    <message>
        <source>OpenCV DNN</source>
        <translation>OpenCV DNN</translation>
    </message>
    <message>
        <source>TorchScript loaded back</source>
        <translation>重新加载的 TorchScript</translation>
    </message>
    <message>
        <source>%1 against Slimbench: max |difference| %2 (%3)</source>
        <translation>%1 与 Slimbench 对比：最大绝对误差 %2（%3）</translation>
    </message>
    <message>
        <source>within 1e-4</source>
        <translation>在 1e-4 以内</translation>
    </message>
    <message>
        <source>ABOVE 1e-4</source>
        <translation>超过 1e-4</translation>
    </message>
    <message>
        <source>%1 could not run it: %2</source>
        <translation>%1 无法运行该模型：%2</translation>
    </message>
    <message>
        <source>Export Finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Models (*.slim *.onnx *.pt);;Slimbench models (*.slim);;ONNX models (*.onnx);;TorchScript archives (*.pt);;All files (*)</source>
        <translation>模型 (*.slim *.onnx *.pt);;Slimbench 模型 (*.slim);;ONNX 模型 (*.onnx);;TorchScript 文件 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a Slimbench (.slim), ONNX (.onnx) or TorchScript (.pt) model</source>
        <translation>打开 Slimbench（.slim）、ONNX（.onnx）或 TorchScript（.pt）模型</translation>
    </message>
    <message>
        <source>raw pixels, no scaling or normalisation</source>
        <translation>原始像素，不缩放也不归一化</translation>
    </message>
    <message>
        <source>pixels × %1, then (x − mean) / std with mean [%2], std [%3]</source>
        <translation>像素 × %1，再按 (x − 均值) / 标准差 归一化，均值 [%2]，标准差 [%3]</translation>
    </message>
    <message>
        <source>pixels × %1, no normalisation</source>
        <translation>像素 × %1，不归一化</translation>
    </message>
    <message>
        <source>%1; channels %2</source>
        <translation>%1；通道顺序 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a model file nor a zoo model. The zoo has: %2.</source>
        <translation>“%1”既不是模型文件，也不是模型库中的模型。模型库包含：%2。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Slimbench %1&lt;/h3&gt;&lt;p&gt;A workbench for compressing convolutional neural networks.&lt;/p&gt;&lt;p&gt;This version builds, imports (TorchScript, ONNX), analyses, trains, evaluates and exports models (ONNX, TorchScript), with live training curves.&lt;/p&gt;&lt;p&gt;Pruning, distillation, quantization, version comparison and RKNN export are being built and are not in this version yet.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Slimbench %1&lt;/h3&gt;&lt;p&gt;卷积神经网络模型压缩工作台。&lt;/p&gt;&lt;p&gt;本版本可以构建、导入（TorchScript、ONNX）、分析、训练、评估和导出（ONNX、TorchScript）模型，并实时显示训练曲线。&lt;/p&gt;&lt;p&gt;剪枝、知识蒸馏、量化、版本对比和 RKNN 导出正在开发中，本版本尚未提供。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;6&apos;&gt;&lt;tr&gt;&lt;td&gt;Source&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Input&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Preprocessing&lt;/td&gt;&lt;td&gt;%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Output&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;&lt;b&gt;%5&lt;/b&gt; (%6 as float32)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;MACs per sample&lt;/td&gt;&lt;td&gt;&lt;b&gt;%7&lt;/b&gt; (FLOPs = 2 × MACs = %8)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Activation memory per sample&lt;/td&gt;&lt;td&gt;%9 in total, %10 at peak&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;6&apos;&gt;&lt;tr&gt;&lt;td&gt;来源&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;输入&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;预处理&lt;/td&gt;&lt;td&gt;%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;输出&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;层数&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;参数量&lt;/td&gt;&lt;td&gt;&lt;b&gt;%5&lt;/b&gt;（float32 存储 %6）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;每样本乘加次数（MACs）&lt;/td&gt;&lt;td&gt;&lt;b&gt;%7&lt;/b&gt;（浮点运算次数 FLOPs = 2 × MACs = %8）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;每样本激活内存&lt;/td&gt;&lt;td&gt;合计 %9，峰值 %10&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>The written file read back by Slimbench against its forward: max |difference| %1</source>
        <translation>Slimbench 重新读入写出的文件，与自身前向结果对比：最大绝对误差 %1</translation>
    </message>
    <message>
        <source>The file takes raw pixels: its preprocessing is built in (%1).</source>
        <translation>该文件直接接收原始像素：预处理已内置于模型中（%1）。</translation>
    </message>
    <message>
        <source>Input contract written into the file: %1</source>
        <translation>写入文件的输入约定（预处理）：%1</translation>
    </message>
    <message>
        <source>Still saving; try again when the save has finished.</source>
        <translation>仍在保存，请在保存完成后重试。</translation>
    </message>
    <message>
        <source>Stayed with the current model because it could not be saved.</source>
        <translation>由于无法保存，仍停留在当前模型。</translation>
    </message>
    <message>
        <source>Training is already running</source>
        <translation>训练已在进行中</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is still running. Wait for it to finish, or cancel it in the Jobs dock, then start the next.</source>
        <translation>“%1”仍在运行。请等待其完成，或在“任务”面板中取消后再开始新的训练。</translation>
    </message>
    <message>
        <source>Finished: %1. The model it started from is no longer open, so the result was not applied to %2.</source>
        <translation>已完成：%1。其起始模型已不再打开，因此结果未应用到 %2。</translation>
    </message>
    <message>
        <source>Result of a Closed Model</source>
        <translation>已关闭模型的结果</translation>
    </message>
    <message>
        <source>%1 has finished, but the model it started from is no longer open. &quot;%2&quot; was left as it is.

Open the result as a new, unsaved model?</source>
        <translation>%1 已完成，但其起始模型已不再打开。“%2”保持不变。

是否将结果作为新的未保存模型打开？</translation>
    </message>
    <message>
        <source>Open Result</source>
        <translation>打开结果</translation>
    </message>
    <message>
        <source>Discard Result</source>
        <translation>丢弃结果</translation>
    </message>
    <message>
        <source>Opened the result of %1 as a new, unsaved model</source>
        <translation>已将 %1 的结果作为新的未保存模型打开</translation>
    </message>
    <message>
        <source>Jobs Are Running</source>
        <translation>任务正在运行</translation>
    </message>
    <message>
        <source>Jobs are still running. Cancel them and quit? Their results will be lost.</source>
        <translation>仍有任务在运行。取消这些任务并退出吗？它们的结果将会丢失。</translation>
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
    <name>slim::app::TrainPanel</name>
    <message>
        <source>Choose a Data Set Folder</source>
        <translation>选择数据集文件夹</translation>
    </message>
    <message>
        <source>Save Training Recipe</source>
        <translation>保存训练配方</translation>
    </message>
    <message>
        <source>Recipes (*.json)</source>
        <translation>配方 (*.json)</translation>
    </message>
    <message>
        <source>Cannot save the recipe</source>
        <translation>无法保存配方</translation>
    </message>
    <message>
        <source>Open Training Recipe</source>
        <translation>打开训练配方</translation>
    </message>
    <message>
        <source>Cannot open the recipe</source>
        <translation>无法打开配方</translation>
    </message>
    <message>
        <source>Data set:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>训练轮数：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>动量：</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <source>LR schedule:</source>
        <translation>学习率策略：</translation>
    </message>
    <message>
        <source>Warm-up epochs:</source>
        <translation>预热轮数：</translation>
    </message>
    <message>
        <source>Crop padding:</source>
        <translation>裁剪填充：</translation>
    </message>
    <message>
        <source>Label smoothing:</source>
        <translation>标签平滑：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程数：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>A folder with IDX files (MNIST, Fashion-MNIST), CIFAR binary batches, or one sub-folder per class</source>
        <translation>包含 IDX 文件（MNIST、Fashion-MNIST）、CIFAR 二进制批文件，或每类一个子文件夹的文件夹</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>Multi-step</source>
        <translation>多阶梯</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>Random horizontal flip</source>
        <translation>随机水平翻转</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Save Recipe…</source>
        <translation>保存配方…</translation>
    </message>
    <message>
        <source>Open Recipe…</source>
        <translation>打开配方…</translation>
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
<context>
    <name>slim::widgets::CurveView</name>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
</context>
</TS>
