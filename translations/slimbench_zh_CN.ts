<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JobReport</name>
    <message>
        <source>Masked: non-zero parameters %1 → %2 (%3 % kept), non-zero MACs %4 → %5 (%6 % kept)</source>
        <translation>已掩码：非零参数量 %1 → %2（保留 %3 %），非零乘加次数 %4 → %5（保留 %6 %）</translation>
    </message>
    <message>
        <source>Pruned: parameters %1 → %2 (%3 % kept), MACs %4 → %5 (%6 % kept)</source>
        <translation>剪枝完成：参数量 %1 → %2（保留 %3 %），乘加次数 %4 → %5（保留 %6 %）</translation>
    </message>
    <message>
        <source>The target was not reached: every channel group is at its limit.</source>
        <translation>未达到目标：所有通道组均已到达上限。</translation>
    </message>
    <message>
        <source>Top-1: %1 before pruning, %2 right after it</source>
        <translation>Top-1：剪枝前 %1，剪枝后 %2</translation>
    </message>
    <message numerus="yes">
        <source>, %1 after recalibrating BatchNorm on %n batch(es)</source>
        <translation>
            <numerusform>，用 %n 个批次重新校准 BatchNorm 后 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to recalibrate: the model has no BatchNorm.</source>
        <translation>无需重新校准：模型中没有 BatchNorm。</translation>
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
        <source>The written file read back by Slimbench against its forward: max |difference| %1</source>
        <translation>Slimbench 重新读入写出的文件，与自身前向结果对比：最大绝对误差 %1</translation>
    </message>
    <message>
        <source>The file takes raw pixels: its preprocessing is built in (%1).</source>
        <translation>该文件直接接收原始像素：预处理已内置于模型中（%1）。</translation>
    </message>
    <message>
        <source>The file expects preprocessed input; its preprocessing is recorded in its metadata, not built in: %1</source>
        <translation>该文件需要已预处理的输入；预处理仅记录在其元数据中，未内置到模型里：%1</translation>
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
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>%1 parameters, %2 MACs</source>
        <translation>参数量 %1，乘加次数 %2</translation>
    </message>
    <message>
        <source>Stage %1, prune: %2; top-1 %3</source>
        <translation>第 %1 阶段（剪枝）：%2；Top-1 %3</translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, fine-tune (%n epoch(s)): %2; top-1 %3</source>
        <translation>
            <numerusform>第 %1 阶段（微调 %n 轮）：%2；Top-1 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2 %</source>
        <translation>%2 % 时 %1</translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, dynamic network surgery (%n epoch(s)): %2; top-1 %3</source>
        <translation>
            <numerusform>阶段 %1，动态剪枝（%n 轮）：%2；top-1 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, gradual pruning (AGP, %n epoch(s)): %2; top-1 %3</source>
        <translation>
            <numerusform>阶段 %1，AGP 逐步幅值剪枝（%n 轮）：%2；top-1 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, ADMM (%n epoch(s)) and hard pruning: %2; top-1 %3</source>
        <translation>
            <numerusform>阶段 %1，ADMM（%n 轮）与硬剪枝：%2；top-1 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Folded for inference: %n rewrite(s), e.g. %1.</source>
        <translation>
            <numerusform>已为推理折叠：%n 处改写，例如 %1。</numerusform>
        </translation>
    </message>
</context>
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
    <name>RecipeFile</name>
    <message>
        <source>Save Compression Recipe</source>
        <translation>保存压缩配方</translation>
    </message>
    <message>
        <source>Recipes (*.json)</source>
        <translation>配方 (*.json)</translation>
    </message>
    <message>
        <source>Cannot save the recipe</source>
        <translation>无法保存配方</translation>
    </message>
</context>
<context>
    <name>slim::app::ComparisonDialog</name>
    <message>
        <source>Compare Versions</source>
        <translation>版本对比</translation>
    </message>
    <message>
        <source>Compressed versions of %1</source>
        <translation>%1 的压缩版本</translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation>基线(&amp;B)：</translation>
    </message>
    <message>
        <source>C&amp;aption:</source>
        <translation>标题(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>标签(&amp;L)：</translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation>导出 CSV(&amp;S)…</translation>
    </message>
    <message>
        <source>Export &amp;Markdown…</source>
        <translation>导出 Markdown(&amp;M)…</translation>
    </message>
    <message>
        <source>Export La&amp;TeX…</source>
        <translation>导出 LaTeX(&amp;T)…</translation>
    </message>
    <message>
        <source>Cop&amp;y LaTeX</source>
        <translation>复制 LaTeX(&amp;Y)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV（*.csv）</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown（*.md）</translation>
    </message>
    <message>
        <source>LaTeX (*.tex)</source>
        <translation>LaTeX（*.tex）</translation>
    </message>
    <message>
        <source>Export Comparison Table</source>
        <translation>导出对比表</translation>
    </message>
    <message>
        <source>Cannot export the table</source>
        <translation>无法导出表格</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>表格(&amp;T)</translation>
    </message>
    <message>
        <source>Accuracy &amp;vs MACs</source>
        <translation>准确率-乘加次数(&amp;V)</translation>
    </message>
    <message>
        <source>Versions with a measured top-1; right-click the plot to export it as a figure</source>
        <translation>仅含已测得 Top-1 的版本；右键单击图可将其导出为插图</translation>
    </message>
    <message>
        <source>In brackets: the ratio to the baseline; for top-1 and top-5 the difference in percentage points. The best value of each column is in bold. Model size counts the parameters at their bits (quantized weights at theirs, the rest as float32); Checkpoint is the .slim file.</source>
        <translation>括号内为相对基线的比值；Top-1 与 Top-5 为相差的百分点。每列最优值加粗。模型大小按各参数的位宽计算（量化权重按其位宽，其余按 float32）；检查点为 .slim 文件的大小。</translation>
    </message>
</context>
<context>
    <name>slim::app::ComparisonTable</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>In brackets: the ratio to %1, and for accuracy the difference in percentage points; best values in bold.</source>
        <translation>括号内为相对 %1 的比值，准确率为相差的百分点；最优值加粗。</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Pruned</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Quantized</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Distilled</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>Decomposed</source>
        <translation>低秩分解</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Params (M)</source>
        <translation>参数量（M）</translation>
    </message>
    <message>
        <source>Params (K)</source>
        <translation>参数量（K）</translation>
    </message>
    <message>
        <source>MACs (M)</source>
        <translation>乘加次数（M）</translation>
    </message>
    <message>
        <source>MACs (K)</source>
        <translation>乘加次数（K）</translation>
    </message>
    <message>
        <source>Non-zero params (M)</source>
        <translation>非零参数量（M）</translation>
    </message>
    <message>
        <source>Non-zero params (K)</source>
        <translation>非零参数量（K）</translation>
    </message>
    <message>
        <source>Top-1 (%)</source>
        <translation>Top-1（%）</translation>
    </message>
    <message>
        <source>Top-5 (%)</source>
        <translation>Top-5（%）</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>推理时延（ms）</translation>
    </message>
    <message>
        <source>Energy (µJ)</source>
        <translation>能耗（µJ）</translation>
    </message>
    <message>
        <source>Model size (MB)</source>
        <translation>模型大小（MB）</translation>
    </message>
    <message>
        <source>Model size (KB)</source>
        <translation>模型大小（KB）</translation>
    </message>
    <message>
        <source>Checkpoint (MB)</source>
        <translation>检查点（MB）</translation>
    </message>
    <message>
        <source>Checkpoint (KB)</source>
        <translation>检查点（KB）</translation>
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
    <message>
        <source>A setting or input is not valid: %1</source>
        <translation>设置或输入无效：%1</translation>
    </message>
    <message>
        <source>The model&apos;s structure is not valid: %1</source>
        <translation>模型结构无效：%1</translation>
    </message>
    <message>
        <source>The tensor shapes do not fit together: %1</source>
        <translation>张量形状不匹配：%1</translation>
    </message>
    <message>
        <source>Slimbench does not support this: %1</source>
        <translation>Slimbench 不支持此操作：%1</translation>
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
    <message>
        <source>Fi&amp;le:</source>
        <translation>文件(&amp;L)：</translation>
    </message>
    <message>
        <source>Take &amp;raw pixels (build the model&apos;s preprocessing into the file)</source>
        <translation>接收原始像素（将模型的预处理内置到文件中）(&amp;R)</translation>
    </message>
    <message>
        <source>Adds the model&apos;s scaling and normalisation as the first layers, so the file takes 0..255 pixels. Leave it off for RKNN, which applies mean and std itself.</source>
        <translation>将模型的缩放与归一化作为最前面的层加入，使文件直接接收 0..255 的像素。导出给 RKNN 时请不要勾选：RKNN 会自行应用均值与标准差。</translation>
    </message>
</context>
<context>
    <name>slim::app::FigurePack</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Compressed versions of %1</source>
        <translation>%1 的压缩版本</translation>
    </message>
</context>
<context>
    <name>slim::app::FinetuneDialog</name>
    <message>
        <source>Prune and Fine-tune</source>
        <translation>剪枝并微调</translation>
    </message>
    <message>
        <source>remove %1 % of the channels</source>
        <translation>剪去 %1 % 的通道</translation>
    </message>
    <message>
        <source>keep %1 % of the MACs</source>
        <translation>保留 %1 % 的乘加次数</translation>
    </message>
    <message>
        <source>keep %1 % of the parameters</source>
        <translation>保留 %1 % 的参数量</translation>
    </message>
    <message>
        <source>Prunes by %1 (%2), then fine-tunes on %3 with the Train panel&apos;s optimizer and schedule. The accuracy curve grows in Curves; the result replaces the model as one step you can undo.</source>
        <translation>按%1剪枝（%2），再用“训练”面板的优化器和学习率调度在 %3 上微调。准确率曲线在“曲线”面板中实时绘制；结果作为可撤销的一步替换当前模型。</translation>
    </message>
    <message>
        <source>Fine-tune &amp;epochs:</source>
        <translation>微调轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>Fine-tuning starts from trained weights: a tenth of the Train panel&apos;s rate is a common start.</source>
        <translation>微调从已训练的权重开始：通常取“训练”面板学习率的十分之一。</translation>
    </message>
    <message>
        <source>Re&amp;calibrate BatchNorm after pruning (20 batches)</source>
        <translation>剪枝后重新校准 BatchNorm（20 个批次）(&amp;C)</translation>
    </message>
    <message>
        <source>Writes these stages as a recipe that slimbench-cli run repeats.</source>
        <translation>将这些阶段写成配方，可用 slimbench-cli run 重复运行。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel first: fine-tuning trains on it.</source>
        <translation>请先在“训练”面板中选择数据集：微调要在其上训练。</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n group(s) with a ratio of their own</source>
        <translation>
            <numerusform>%1；%n 个通道组使用单独剪枝率</numerusform>
        </translation>
    </message>
    <message>
        <source>Save &amp;Recipe…</source>
        <translation>保存配方(&amp;R)…</translation>
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
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>取消任务(&amp;C)</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <source>Waits for the running job to finish</source>
        <translation>等待正在运行的任务结束</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>No job is queued or running</source>
        <translation>没有排队或正在运行的任务</translation>
    </message>
    <message>
        <source>Stops the running job “%1”; the model stays as it was</source>
        <translation>停止正在运行的任务“%1”；模型保持不变</translation>
    </message>
    <message>
        <source>Takes the queued job “%1” off the queue</source>
        <translation>将排队的任务“%1”移出队列</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Time left while a job runs; the time it took once it has ended</source>
        <translation>任务运行时为剩余时间；结束后为所用时间</translation>
    </message>
    <message>
        <source>epoch %1/%2</source>
        <translation>第 %1/%2 轮</translation>
    </message>
    <message>
        <source>evaluating epoch %1</source>
        <translation>正在评估第 %1 轮</translation>
    </message>
    <message>
        <source>loading data</source>
        <translation>正在加载数据</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>正在准备</translation>
    </message>
    <message>
        <source>exporting and verifying</source>
        <translation>正在导出并验证</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>evaluating the original</source>
        <translation>正在评估原模型</translation>
    </message>
    <message>
        <source>evaluating the pruned model</source>
        <translation>正在评估剪枝后的模型</translation>
    </message>
    <message>
        <source>evaluating the recalibrated model</source>
        <translation>正在评估重新校准后的模型</translation>
    </message>
    <message>
        <source>Taylor scores</source>
        <translation>正在计算泰勒得分</translation>
    </message>
    <message>
        <source>recalibrating BatchNorm</source>
        <translation>正在重新校准 BatchNorm</translation>
    </message>
    <message>
        <source>evaluating</source>
        <translation>正在评估</translation>
    </message>
    <message>
        <source>prune</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <source>fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>stage %1/%2 (%3)</source>
        <translation>第 %1/%2 阶段（%3）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>scanning %1</source>
        <translation>正在扫描 %1</translation>
    </message>
</context>
<context>
    <name>slim::app::LatencyPanel</name>
    <message>
        <source>Measure latency of %1 (batch %2)</source>
        <translation>测量 %1 的推理时延（批大小 %2）</translation>
    </message>
    <message>
        <source>Measure how long one forward pass takes here.</source>
        <translation>测量在本机上一次前向传播所需的时间。</translation>
    </message>
    <message>
        <source>%1 ms per batch of %2 (%3 images/s)</source>
        <translation>每批 %2 张 %1 ms（%3 张/秒）</translation>
    </message>
    <message>
        <source>Against the version opened (%1 ms): %2× faster by MACs, %3× measured (%4 of the MACs promise)</source>
        <translation>相对于打开时的版本（%1 ms）：按乘加次数加速 %2×，实测加速 %3×（达到理论值的 %4）</translation>
    </message>
    <message>
        <source>Times forward passes of the open model on this machine (BatchNorm folded, as exported), and of the version you opened when the model has changed since</source>
        <translation>在本机上计时当前模型的前向传播（BatchNorm 已折叠，与导出时一致）；若模型已改变，也计时打开时的版本</translation>
    </message>
    <message>
        <source>batch </source>
        <translation>批大小 </translation>
    </message>
    <message>
        <source>Images per forward pass: 1 for a device answering one request, larger for throughput</source>
        <translation>每次前向传播的图像数：1 对应逐个请求的设备，更大的值衡量吞吐量</translation>
    </message>
    <message>
        <source>Measure Latenc&amp;y</source>
        <translation>测量时延(&amp;Y)</translation>
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
    <message>
        <source>The share of exact zeros in its weight (masked or pruned weights)</source>
        <translation>其权重中精确为零的比例（被掩码或剪掉的权重）</translation>
    </message>
    <message>
        <source>Output channels kept of all under the Prune panel&apos;s settings</source>
        <translation>按“剪枝”面板当前设置保留的输出通道数 / 总数</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>稀疏度</translation>
    </message>
    <message>
        <source>Kept channels</source>
        <translation>保留通道</translation>
    </message>
    <message>
        <source>Estimated energy per sample at 32 bits: its MACs, its weights read once from DRAM and its activations through SRAM (45 nm figures, Horowitz 2014)</source>
        <translation>32 位下每个样本的估计能耗：其乘加运算、从 DRAM 读取一次的权重，以及经由 SRAM 的激活（45 nm 数据，Horowitz 2014）</translation>
    </message>
    <message>
        <source>Energy (µJ)</source>
        <translation>能耗 (µJ)</translation>
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
        <source>&quot;%1&quot; is neither a model file nor a zoo model. The zoo has: %2.</source>
        <translation>“%1”既不是模型文件，也不是模型库中的模型。模型库包含：%2。</translation>
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
    <message>
        <source>&amp;Prune Model…</source>
        <translation>剪枝模型(&amp;P)…</translation>
    </message>
    <message>
        <source>Remove the least important channels of the open model (structured pruning)</source>
        <translation>移除当前模型中最不重要的通道（结构化剪枝）</translation>
    </message>
    <message>
        <source>Cannot prune</source>
        <translation>无法剪枝</translation>
    </message>
    <message>
        <source>Prune %1 % of channels (%2)</source>
        <translation>剪去 %1 % 的通道（%2）</translation>
    </message>
    <message>
        <source>Prune to %1 % of MACs (%2)</source>
        <translation>剪枝至 %1 % 的乘加次数（%2）</translation>
    </message>
    <message>
        <source>Prune to %1 % of parameters (%2)</source>
        <translation>剪枝至 %1 % 的参数量（%2）</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>已开始：%1</translation>
    </message>
    <message>
        <source>Mask %1 % of weights (magnitude)</source>
        <translation>掩码 %1 % 的权重（幅值）</translation>
    </message>
    <message>
        <source>Prune</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <source>Redundancy</source>
        <translation>冗余分析</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n compression stage(s)</source>
        <translation>
            <numerusform>%1：%n 个压缩阶段</numerusform>
        </translation>
    </message>
    <message>
        <source>baseline top-1</source>
        <translation>基线 Top-1</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is still running. Wait for it to finish, or cancel it in the Jobs dock, then prune.</source>
        <translation>“%1”仍在运行。请等待其完成，或在“任务”面板中取消后再剪枝。</translation>
    </message>
    <message numerus="yes">
        <source>, %n group(s) with their own ratio</source>
        <translation>
            <numerusform>，%n 个通道组使用单独剪枝率</numerusform>
        </translation>
    </message>
    <message>
        <source>Pruned with masks: %1 % of the MACs and %2 % of the parameters are non-zero</source>
        <translation>已用掩码剪枝：非零乘加次数占 %1 %，非零参数量占 %2 %</translation>
    </message>
    <message>
        <source>Pruned structurally: channels removed</source>
        <translation>已结构化剪枝：通道已移除</translation>
    </message>
    <message>
        <source>Prune &amp;While Training…</source>
        <translation>训练中剪枝(&amp;W)…</translation>
    </message>
    <message>
        <source>Iterative schedules, network slimming, dynamic network surgery, AGP and ADMM on the open model</source>
        <translation>对当前模型进行迭代剪枝、网络瘦身、动态剪枝、AGP 与 ADMM</translation>
    </message>
    <message>
        <source>Run &amp;Recipe…</source>
        <translation>运行配方(&amp;R)…</translation>
    </message>
    <message>
        <source>Run a training or compression recipe file on the open model</source>
        <translation>在当前模型上运行训练或压缩配方文件</translation>
    </message>
    <message>
        <source>Cannot run a recipe</source>
        <translation>无法运行配方</translation>
    </message>
    <message>
        <source>Open or create a model first: a recipe runs on the open model.</source>
        <translation>请先打开或新建模型：配方在当前模型上运行。</translation>
    </message>
    <message>
        <source>Run Recipe</source>
        <translation>运行配方</translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation>配方 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Running %1 on the open model; its stages&apos; versions stay in this session (slimbench-cli run writes them to files).</source>
        <translation>正在当前模型上运行 %1；各阶段的版本只保留在本次会话中（slimbench-cli run 会把它们写入文件）。</translation>
    </message>
    <message>
        <source>Cannot run the recipe</source>
        <translation>无法运行配方</translation>
    </message>
    <message>
        <source>%1 is a recipe of kind &quot;%2&quot;; Run Recipe takes &quot;train&quot; and &quot;compress&quot;.</source>
        <translation>%1 是类型为“%2”的配方；运行配方只接受“train”和“compress”。</translation>
    </message>
    <message numerus="yes">
        <source>Compress (%n stage(s))</source>
        <translation>
            <numerusform>压缩（%n 个阶段）</numerusform>
        </translation>
    </message>
    <message>
        <source>Write an RKNN bundle for Rockchip NPUs (ONNX, calibration images, conversion script) and convert it with rknn-toolkit2</source>
        <translation>为瑞芯微 NPU 写出 RKNN 包（ONNX、校准图像、转换脚本），并用 rknn-toolkit2 转换</translation>
    </message>
    <message>
        <source>&amp;Quantize and Distill…</source>
        <translation>量化与蒸馏(&amp;Q)…</translation>
    </message>
    <message>
        <source>Post-training quantization, quantization-aware training (16/8/4 bits) and knowledge distillation of the open model</source>
        <translation>对当前模型做后训练量化、量化感知训练(16/8/4 位)和知识蒸馏</translation>
    </message>
    <message>
        <source>Cannot quantize</source>
        <translation>无法量化</translation>
    </message>
    <message>
        <source>distillation: response loss</source>
        <translation>蒸馏：响应损失</translation>
    </message>
    <message>
        <source>distillation: feature loss</source>
        <translation>蒸馏：特征损失</translation>
    </message>
    <message>
        <source>distillation: relation loss</source>
        <translation>蒸馏：关系损失</translation>
    </message>
    <message>
        <source>teacher top-1</source>
        <translation>教师模型 Top-1</translation>
    </message>
    <message>
        <source>Quantization-aware training at %1 bits from epoch %2</source>
        <translation>量化感知训练：从第 %2 轮起使用 %1 位</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>%1 — Slimbench</source>
        <translation>%1 — Slimbench</translation>
    </message>
    <message>
        <source>%1[*] · %2 — Slimbench</source>
        <translation>%1[*] · %2 — Slimbench</translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s)</source>
        <translation>
            <numerusform>训练 %n 轮</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; is still running. Wait for it to finish, or cancel it in the Jobs dock, then quantize.</source>
        <translation>“%1”仍在运行。请等待它结束，或在“任务”面板中取消它，然后再量化。</translation>
    </message>
    <message numerus="yes">
        <source>Compressed in %n stage(s)</source>
        <translation>
            <numerusform>经 %n 个阶段压缩</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h3&gt;Slimbench %1&lt;/h3&gt;&lt;p&gt;A workbench for compressing convolutional neural networks.&lt;/p&gt;&lt;p&gt;It builds, imports (TorchScript, ONNX), analyses, trains and evaluates models; prunes them (structured channel pruning by L1/L2, BN γ, Taylor, FPGM, SVD energy; magnitude masks; pruning while training: network slimming, dynamic network surgery, AGP, ADMM); quantizes (post-training and quantization-aware, 16/8/4 bits) and distills them; keeps every version in a project for comparison tables; and exports them (ONNX, TorchScript, RKNN bundles), each export verified.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Slimbench %1&lt;/h3&gt;&lt;p&gt;卷积神经网络压缩工作台。&lt;/p&gt;&lt;p&gt;可以构建、导入（TorchScript、ONNX）、分析、训练和评估模型；对模型剪枝（按 L1/L2 范数、BN γ、泰勒、FPGM、SVD 能量进行结构化通道剪枝；幅值掩码；边训练边剪枝：网络瘦身、动态网络手术、AGP、ADMM）；量化（后训练量化与量化感知训练，16/8/4 位）和知识蒸馏；在项目中保存每个版本以生成对比表；并导出模型（ONNX、TorchScript、RKNN 包），每次导出都经过校验。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restore Unsaved Model</source>
        <translation>恢复未保存的模型</translation>
    </message>
    <message>
        <source>Slimbench did not close normally last time. &quot;%1&quot; had changes that were not saved; they were autosaved at %2.

Restore them as an unsaved model?</source>
        <translation>Slimbench 上次未正常关闭。“%1”有未保存的修改，已于 %2 自动保存。

是否将其恢复为未保存的模型？</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>以后再说(&amp;L)</translation>
    </message>
    <message>
        <source>Restoring %1…</source>
        <translation>正在恢复 %1…</translation>
    </message>
    <message>
        <source>Cannot restore the model</source>
        <translation>无法恢复模型</translation>
    </message>
    <message>
        <source>Restored the unsaved changes of %1 autosaved at %2</source>
        <translation>已恢复 %1 于 %2 自动保存的未保存修改</translation>
    </message>
    <message>
        <source>Export for R&amp;KNN…</source>
        <translation>导出为 RKNN(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>slim::app::MethodDialog</name>
    <message>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>Every stage trains from trained weights: a tenth of the Train panel&apos;s rate is a common start.</source>
        <translation>每个阶段都从已训练的权重开始训练：常用训练面板学习率的十分之一作为起点。</translation>
    </message>
    <message>
        <source>Sc&amp;hedule:</source>
        <translation>剪枝策略(&amp;H)：</translation>
    </message>
    <message>
        <source>One-shot prunes everything at once; equal steps prune the same share each time; progressive prunes p_i = p_f·(1 − (1 − i/n)^k) of the original after step i, more early on.</source>
        <translation>一次性剪枝一步剪完；等步长每步剪去相同份额；渐进式在第 i 步后剪去原模型的 p_i = p_f·(1 − (1 − i/n)^k)，前期剪得更多。</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>步数(&amp;S)：</translation>
    </message>
    <message>
        <source>E&amp;xponent k:</source>
        <translation>指数 k(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Fine-tune epochs per step:</source>
        <translation>每步微调轮数(&amp;F)：</translation>
    </message>
    <message>
        <source>Sparsity λ:</source>
        <translation>稀疏系数 λ：</translation>
    </message>
    <message>
        <source>Sparsity &amp;training epochs:</source>
        <translation>稀疏训练轮数(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Channels removed (%):</source>
        <translation>剪除通道比例 (%)(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Fine-tune epochs:</source>
        <translation>微调轮数(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Sparsity (%):</source>
        <translation>稀疏度 (%)(&amp;S)：</translation>
    </message>
    <message>
        <source>Threshold &amp;margin (%):</source>
        <translation>阈值余量 (%)(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Final sparsity (%):</source>
        <translation>最终稀疏度 (%)(&amp;F)：</translation>
    </message>
    <message>
        <source>Masks grow every N &amp;steps:</source>
        <translation>每 N 步更新掩码(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Channels removed per layer (%):</source>
        <translation>每层剪除通道比例 (%)(&amp;C)：</translation>
    </message>
    <message>
        <source>Penalty &amp;ρ:</source>
        <translation>惩罚系数 ρ(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Purification threshold (%):</source>
        <translation>净化阈值 (%)(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;ADMM epochs:</source>
        <translation>ADMM 轮数(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Retraining epochs:</source>
        <translation>恢复训练轮数(&amp;R)：</translation>
    </message>
    <message>
        <source>Prune While Training</source>
        <translation>训练中剪枝</translation>
    </message>
    <message>
        <source>Iterative schedule of the Prune panel&apos;s cut</source>
        <translation>按剪枝面板的设置迭代剪枝</translation>
    </message>
    <message>
        <source>Network slimming (L1 on BatchNorm γ)</source>
        <translation>网络瘦身（BN 缩放因子 γ 的 L1 正则化）</translation>
    </message>
    <message>
        <source>Dynamic network surgery (prune and restore)</source>
        <translation>动态剪枝（误剪权重的动态恢复）</translation>
    </message>
    <message>
        <source>AGP: gradual magnitude pruning</source>
        <translation>AGP：逐步幅值剪枝（Zhu 与 Gupta）</translation>
    </message>
    <message>
        <source>ADMM with purification</source>
        <translation>ADMM 剪枝与净化</translation>
    </message>
    <message>
        <source>One-shot</source>
        <translation>一次性</translation>
    </message>
    <message>
        <source>Equal steps</source>
        <translation>等步长</translation>
    </message>
    <message>
        <source>Progressive</source>
        <translation>渐进式</translation>
    </message>
    <message>
        <source>λ of the penalty λ·Σ|γ| on every BatchNorm scale. The paper&apos;s 1e-4 barely moves γ in a few epochs; 5e-3 polarises them on Fashion-MNIST.</source>
        <translation>对每个 BN 缩放因子施加惩罚 λ·Σ|γ| 的系数 λ。论文中的 1e-4 在几轮内几乎不改变 γ；在 Fashion-MNIST 上 5e-3 可使其两极分化。</translation>
    </message>
    <message>
        <source>Each layer prunes below (1 − margin)·t and restores above (1 + margin)·t, t the magnitude at the chosen sparsity.</source>
        <translation>每层低于 (1 − 余量)·t 的权重被剪除，高于 (1 + 余量)·t 的被恢复；t 为所选稀疏度对应的幅值。</translation>
    </message>
    <message>
        <source>After hard pruning, a channel whose weights&apos; norm is below this share of its layer&apos;s median goes too.</source>
        <translation>硬剪枝后，权重范数低于本层中位数这一比例的通道也会被剪除。</translation>
    </message>
    <message>
        <source>Save &amp;Recipe…</source>
        <translation>保存配方(&amp;R)…</translation>
    </message>
    <message>
        <source>Writes these stages as a recipe that slimbench-cli run repeats.</source>
        <translation>将这些阶段写成配方，可用 slimbench-cli run 重复运行。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel first: every method trains on it.</source>
        <translation>请先在训练面板中选择数据集：每种方法都要在其上训练。</translation>
    </message>
    <message>
        <source>Prunes by %1 toward the Prune panel&apos;s target; after each step %2 % of the MACs (parameters) are gone.</source>
        <translation>按%1剪枝，逐步接近剪枝面板的目标；每步之后已剪除 %2 % 的 MACs（参数）。</translation>
    </message>
    <message>
        <source>Prunes by %1 toward the Prune panel&apos;s ratio; after each step %2 % are gone.</source>
        <translation>按%1剪枝，逐步达到剪枝面板的剪枝率；每步之后已剪除 %2 %。</translation>
    </message>
    <message>
        <source>Trains with the L1 penalty on every BatchNorm γ, removes the %1 % of channels with the smallest |γ| under one global threshold, then fine-tunes. Watch γ polarise in Redundancy › |γ| over epochs.</source>
        <translation>对每个 BN 的 γ 施加 L1 惩罚进行稀疏训练，用一个全局阈值剪除 |γ| 最小的 %1 % 通道，然后微调。可在“冗余分析 › 各轮的 |γ|”中观察 γ 的两极分化。</translation>
    </message>
    <message>
        <source>Raises every layer&apos;s sparsity along Zhu and Gupta&apos;s cubic to %1 % over the first three quarters of the epochs, then trains on with fixed masks.</source>
        <translation>在前四分之三的轮数内按 Zhu 与 Gupta 的三次曲线把每层稀疏度提高到 %1 %，之后固定掩码继续训练。</translation>
    </message>
    <message>
        <source>Trains with ADMM toward a copy with %1 % of every layer&apos;s channels zeroed, removes them and the channels left nearly empty (purification), then retrains.</source>
        <translation>用 ADMM 训练，使模型逼近每层 %1 % 通道置零的副本，剪除这些通道以及几乎为空的通道（净化），然后恢复训练。</translation>
    </message>
    <message numerus="yes">
        <source>%1 %n training epoch(s) in all on %2. The result replaces the model as one step you can undo.</source>
        <translation>
            <numerusform>%1共在 %2 上训练 %n 轮。结果将作为一个可撤销的步骤替换当前模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>This model has no BatchNorm layer: network slimming ranks channels by BatchNorm γ, so it would remove nothing. Choose another method.</source>
        <translation>该模型没有 BN 层：网络瘦身按 BN 缩放因子 γ 排序通道，不会剪除任何通道。请选择其他方法。</translation>
    </message>
    <message>
        <source>Masks up to %1 % of every conv and Linear weight (weights between the two thresholds stay, so usually a few per cent fewer) and trains the dense weights through the masked forward pass, so weights pruned by mistake come back.</source>
        <translation>对每个卷积层和全连接层最多屏蔽 %1 % 的权重（介于两个阈值之间的权重保留，通常会少几个百分点），并通过掩码前向传播训练稠密权重，使误剪的权重得以恢复。</translation>
    </message>
</context>
<context>
    <name>slim::app::ModelPanel</name>
    <message>
        <source>Total: %1 parameters, %2 MACs in %3 layers</source>
        <translation>合计：参数量 %1，乘加次数 %2，共 %3 层</translation>
    </message>
    <message>
        <source>Pruned with masks: %1 non-zero parameters, %2 non-zero MACs</source>
        <translation>已用掩码剪枝：非零参数量 %1，非零乘加次数 %2</translation>
    </message>
    <message>
        <source>Pruned structurally: channels removed</source>
        <translation>已结构化剪枝：通道已移除</translation>
    </message>
    <message>
        <source>Filter layers by name or operation</source>
        <translation>按层名或算子筛选</translation>
    </message>
    <message>
        <source>Estimated energy per image at 32 bits: %1 µJ (arithmetic %2, weights from DRAM %3, activations %4)</source>
        <translation>32 位下每张图像的估计能耗：%1 µJ（运算 %2，从 DRAM 读取权重 %3，激活 %4）</translation>
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
    <name>slim::app::OverviewPanel</name>
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
        <source>No model open</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <source>&lt;p&gt;Create a model with &lt;b&gt;File › New from Zoo&lt;/b&gt; (%1), open a &lt;code&gt;.slim&lt;/code&gt; file with &lt;b&gt;File › Open&lt;/b&gt; (%2), or drop a model file on this window.&lt;/p&gt;</source>
        <translation>&lt;p&gt;通过&lt;b&gt;文件 › 从模型库新建&lt;/b&gt;（%1）创建模型，通过&lt;b&gt;文件 › 打开&lt;/b&gt;（%2）打开 &lt;code&gt;.slim&lt;/code&gt; 文件，或将模型文件拖放到本窗口。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>pruned, top-1 %1 on its test set; not saved yet</source>
        <translation>已剪枝，测试集 Top-1 为 %1；尚未保存</translation>
    </message>
    <message>
        <source>trained, top-1 %1 on its test set; not saved yet</source>
        <translation>已训练，测试集 Top-1 为 %1；尚未保存</translation>
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
        <source>%1 with quantized weights</source>
        <translation>权重量化后 %1</translation>
    </message>
    <message>
        <source>%1 as float32</source>
        <translation>float32 存储 %1</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;6&apos;&gt;&lt;tr&gt;&lt;td&gt;Source&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Input&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Preprocessing&lt;/td&gt;&lt;td&gt;%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Output&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;&lt;b&gt;%5&lt;/b&gt; (%6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;MACs per sample&lt;/td&gt;&lt;td&gt;&lt;b&gt;%7&lt;/b&gt; (FLOPs = 2 × MACs = %8)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Activation memory per sample&lt;/td&gt;&lt;td&gt;%9 in total, %10 at peak&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;6&apos;&gt;&lt;tr&gt;&lt;td&gt;来源&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;输入&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;预处理&lt;/td&gt;&lt;td&gt;%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;输出&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;层数&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;参数量&lt;/td&gt;&lt;td&gt;&lt;b&gt;%5&lt;/b&gt;（%6）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;每样本乘加次数（MACs）&lt;/td&gt;&lt;td&gt;&lt;b&gt;%7&lt;/b&gt;（浮点运算次数 FLOPs = 2 × MACs = %8）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;每样本激活内存&lt;/td&gt;&lt;td&gt;合计 %9，峰值 %10&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>slim::app::Project</name>
    <message>
        <source>Cannot write to the project database: %1</source>
        <translation>无法写入项目数据库：%1</translation>
    </message>
    <message>
        <source>The project database refused a statement: %1</source>
        <translation>项目数据库拒绝了一条语句：%1</translation>
    </message>
    <message>
        <source>The project database failed: %1</source>
        <translation>项目数据库出错：%1</translation>
    </message>
    <message>
        <source>The project %1 is open in another Slimbench (process %2). Close it there first.</source>
        <translation>项目 %1 已在另一个 Slimbench（进程 %2）中打开。请先在那里关闭它。</translation>
    </message>
    <message>
        <source>Cannot lock the project %1: its folder is not writable.</source>
        <translation>无法锁定项目 %1：其文件夹不可写。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 already holds a project; open it instead.</source>
        <translation>%1 中已有项目，请直接打开它。</translation>
    </message>
    <message>
        <source>%1 is not a Slimbench project: it has no %2.</source>
        <translation>%1 不是 Slimbench 项目：其中没有 %2。</translation>
    </message>
    <message>
        <source>%1 was written by a newer Slimbench (project format %2; this one reads up to %3). Open it with that version.</source>
        <translation>%1 由更新版本的 Slimbench 写入（项目格式 %2；本版本最高可读 %3）。请用那个版本打开。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a Slimbench project database (%2).</source>
        <translation>%1 不是 Slimbench 项目数据库（%2）。</translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not a Slimbench project.</source>
        <translation>%1 是 SQLite 数据库，但不是 Slimbench 项目。</translation>
    </message>
    <message>
        <source>Cannot set up %1: %2</source>
        <translation>无法初始化 %1：%2</translation>
    </message>
    <message>
        <source>The project has no version %1 to derive a version from.</source>
        <translation>项目中没有可作为来源的版本 %1。</translation>
    </message>
    <message>
        <source>The checkpoint %1 was not written.</source>
        <translation>检查点 %1 未能写入。</translation>
    </message>
    <message>
        <source>%1 is not empty. A project needs a new or empty folder of its own.</source>
        <translation>%1 不是空文件夹。项目需要一个新的或空的专用文件夹。</translation>
    </message>
</context>
<context>
    <name>slim::app::ProjectSession</name>
    <message>
        <source>The version could not be added to the project: %1</source>
        <translation>无法将该版本加入项目：%1</translation>
    </message>
</context>
<context>
    <name>slim::app::ProjectWorkflow</name>
    <message>
        <source>Closed the project %1</source>
        <translation>已关闭项目 %1</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Added version “%1” to the project %2</source>
        <translation>已将版本“%1”加入项目 %2</translation>
    </message>
    <message>
        <source>New Pro&amp;ject…</source>
        <translation>新建项目(&amp;J)…</translation>
    </message>
    <message>
        <source>Create a project folder that keeps every version you make, with its figures and curves</source>
        <translation>创建一个项目文件夹，保存你得到的每个版本及其指标和曲线</translation>
    </message>
    <message>
        <source>Open Projec&amp;t…</source>
        <translation>打开项目(&amp;T)…</translation>
    </message>
    <message>
        <source>Keep the model open in the workbench as a new version of the project</source>
        <translation>将工作台中打开的模型作为新版本保存到项目中</translation>
    </message>
    <message>
        <source>Co&amp;mpare Versions…</source>
        <translation>版本对比(&amp;M)…</translation>
    </message>
    <message>
        <source>The project&apos;s versions side by side, exported as CSV, Markdown or LaTeX</source>
        <translation>并排比较项目中的各版本，可导出为 CSV、Markdown 或 LaTeX</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>compression-project</source>
        <translation>压缩项目</translation>
    </message>
    <message>
        <source>Project folders (*)</source>
        <translation>项目文件夹（*）</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <source>Created the project %1</source>
        <translation>已创建项目 %1</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Opened the project %1</source>
        <translation>已打开项目 %1</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n checkpoint(s) that an interrupted session had left without a version</source>
        <translation>
            <numerusform>已删除 %n 个中断的会话留下的、不属于任何版本的检查点</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cannot open the version</source>
        <translation>无法打开该版本</translation>
    </message>
    <message>
        <source>Opened version “%1”</source>
        <translation>已打开版本“%1”</translation>
    </message>
    <message>
        <source>Cannot add the model</source>
        <translation>无法加入模型</translation>
    </message>
    <message>
        <source>Open or create a model first.</source>
        <translation>请先打开或新建一个模型。</translation>
    </message>
    <message>
        <source>The open model is already a version of the project.</source>
        <translation>当前模型已经是项目中的一个版本。</translation>
    </message>
    <message>
        <source>Cannot compare the versions</source>
        <translation>无法对比版本</translation>
    </message>
    <message>
        <source>Export &amp;Figure Pack…</source>
        <translation>导出全部插图(&amp;F)…</translation>
    </message>
    <message>
        <source>Every figure of the project (accuracy against MACs, each run&apos;s curves) as PNG, PDF, SVG and CSV, with the comparison table, in the style of the last Export Figure</source>
        <translation>以上次“导出插图”的样式，将项目的全部插图（准确率-乘加次数图、每次运行的曲线）导出为 PNG、PDF、SVG 和 CSV，并附对比表</translation>
    </message>
    <message>
        <source>Export Figure Pack</source>
        <translation>导出全部插图</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) of figures and tables to %1</source>
        <translation>
            <numerusform>已将 %n 个插图和表格文件写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export the figures</source>
        <translation>无法导出插图</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>Add Open Model as &amp;Version</source>
        <translation>将当前模型加为版本(&amp;V)</translation>
    </message>
    <message>
        <source>Recent &amp;Projects</source>
        <translation>最近的项目(&amp;P)</translation>
    </message>
</context>
<context>
    <name>slim::app::PruneDialog</name>
    <message>
        <source>L1 norm of filters (Li et al. 2017)</source>
        <translation>卷积核 L1 范数（Li 等，2017）</translation>
    </message>
    <message>
        <source>L2 norm of filters</source>
        <translation>卷积核 L2 范数</translation>
    </message>
    <message>
        <source>BN scaling factor |γ| (network slimming)</source>
        <translation>BN 缩放因子 |γ|（网络瘦身）</translation>
    </message>
    <message>
        <source>First-order Taylor |w·∂L/∂w| (needs a data set)</source>
        <translation>一阶泰勒 |w·∂L/∂w|（需要数据集）</translation>
    </message>
    <message>
        <source>Geometric median distance (FPGM)</source>
        <translation>几何中位数距离（FPGM）</translation>
    </message>
    <message>
        <source>SVD energy share of filters</source>
        <translation>卷积核的奇异值分解（SVD）能量占比</translation>
    </message>
    <message>
        <source>Random (baseline)</source>
        <translation>随机（基线）</translation>
    </message>
    <message>
        <source>The Taylor criterion scores channels on data: choose a data set.</source>
        <translation>泰勒准则需要在数据上为通道打分：请选择数据集。</translation>
    </message>
    <message>
        <source>Prune Model</source>
        <translation>剪枝模型</translation>
    </message>
    <message>
        <source>Remove a share of the channels (pruning ratio)</source>
        <translation>移除一定比例的通道（剪枝率）</translation>
    </message>
    <message>
        <source>Keep a share of the MACs</source>
        <translation>保留一定比例的乘加次数（MACs）</translation>
    </message>
    <message>
        <source>Keep a share of the parameters</source>
        <translation>保留一定比例的参数量</translation>
    </message>
    <message>
        <source>Importance &amp;criterion:</source>
        <translation>重要性评价准则(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Round widths to:</source>
        <translation>通道数取整到(&amp;R)：</translation>
    </message>
    <message>
        <source>Kept channel counts become multiples of this (8 or 16 suit NPUs such as the RK3588); 1 leaves them as the criterion chose.</source>
        <translation>保留的通道数取为该值的倍数（RK3588 等 NPU 适合 8 或 16）；1 表示按准则的选择保留。</translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation>数据集(&amp;D)：</translation>
    </message>
    <message>
        <source>Optional: measures top-1 before and after</source>
        <translation>可选：测量剪枝前后的 Top-1</translation>
    </message>
    <message>
        <source>A folder with IDX (MNIST, Fashion-MNIST), CIFAR or ImageFolder data. Top-1 is measured on its test split; Taylor scores and recalibration use its training split.</source>
        <translation>包含 IDX（MNIST、Fashion-MNIST）、CIFAR 或 ImageFolder 数据的文件夹。Top-1 在其测试集上测量；泰勒打分和重新校准使用其训练集。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Re&amp;calibrate BatchNorm statistics on</source>
        <translation>重新校准 BatchNorm 统计量(&amp;C)，使用</translation>
    </message>
    <message>
        <source>Re-estimates every BatchNorm&apos;s running mean and variance on training batches, changing no weight. After pruning, stale statistics cause most of the accuracy loss.</source>
        <translation>在训练批次上重新估计每个 BatchNorm 的滑动均值和方差，不改变任何权重。剪枝后，过时的统计量是精度下降的主要原因。</translation>
    </message>
    <message>
        <source> batches</source>
        <translation> 个批次</translation>
    </message>
    <message>
        <source>&amp;Prune</source>
        <translation>剪枝(&amp;P)</translation>
    </message>
    <message>
        <source>Channels to &amp;remove:</source>
        <translation>剪去的通道(&amp;R)：</translation>
    </message>
    <message>
        <source>Share to &amp;keep:</source>
        <translation>保留比例(&amp;K)：</translation>
    </message>
    <message>
        <source>Pruning runs as a job and replaces the open model as one step you can undo. Without a data set no accuracy is measured and BatchNorm is not recalibrated.</source>
        <translation>剪枝作为后台任务运行，完成后以一个可撤销的步骤替换当前模型。未选择数据集时不测量精度，也不重新校准 BatchNorm。</translation>
    </message>
    <message>
        <source>Pruning runs as a job and replaces the open model as one step you can undo. The Log shows top-1 before pruning, right after it and after recalibration.</source>
        <translation>剪枝作为后台任务运行，完成后以一个可撤销的步骤替换当前模型。日志显示剪枝前、剪枝后以及重新校准后的 Top-1。</translation>
    </message>
    <message>
        <source>Data Set Folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Weight magnitude: unstructured masks, no channel removed</source>
        <translation>权重幅值：非结构化掩码，不移除通道</translation>
    </message>
    <message>
        <source>Weights to &amp;zero:</source>
        <translation>置零的权重(&amp;Z)：</translation>
    </message>
    <message>
        <source>Layer-wise: every layer loses the same share</source>
        <translation>逐层：每层剪去相同比例</translation>
    </message>
    <message>
        <source>Global threshold: one ranking over all layers</source>
        <translation>全局阈值：所有层统一排序</translation>
    </message>
    <message>
        <source>MACs and parameter targets always rank globally: the least important channels of the whole model go first.</source>
        <translation>乘加次数和参数量目标总是全局排序：整个模型中最不重要的通道最先被剪去。</translation>
    </message>
    <message>
        <source>L1 norm</source>
        <translation>L1 范数</translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation>L2 范数</translation>
    </message>
    <message>
        <source>BN |γ|</source>
        <translation>BN |γ|</translation>
    </message>
    <message>
        <source>Taylor</source>
        <translation>泰勒</translation>
    </message>
    <message>
        <source>FPGM</source>
        <translation>FPGM</translation>
    </message>
    <message>
        <source>SVD energy</source>
        <translation>SVD 能量</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>magnitude</source>
        <translation>幅值</translation>
    </message>
</context>
<context>
    <name>slim::app::PrunePanel</name>
    <message>
        <source>Open a model to preview pruning.</source>
        <translation>打开模型后即可预览剪枝效果。</translation>
    </message>
    <message>
        <source>Scoring channels…</source>
        <translation>正在为通道评分…</translation>
    </message>
    <message>
        <source>Channels to &amp;remove:</source>
        <translation>剪去的通道(&amp;R)：</translation>
    </message>
    <message>
        <source>MACs to &amp;keep:</source>
        <translation>保留的乘加次数(&amp;K)：</translation>
    </message>
    <message>
        <source>Parameters to &amp;keep:</source>
        <translation>保留的参数量(&amp;K)：</translation>
    </message>
    <message>
        <source>Parameters: %1 → %2 (%3 %)
MACs: %4 → %5 (%6 %)
Channels kept: %7 of %8</source>
        <translation>参数量：%1 → %2（%3 %）
乘加次数：%4 → %5（%6 %）
保留通道：%7 / %8</translation>
    </message>
    <message>
        <source>The budget cannot be reached: every group keeps at least one channel and overrides stay as they are.</source>
        <translation>无法达到预算：每个通道组至少保留一个通道，且单独设定的剪枝率保持不变。</translation>
    </message>
    <message>
        <source>An override is the share of the group&apos;s channels to remove, from 0 % to %1 %; got &quot;%2&quot;.</source>
        <translation>单独设定的剪枝率是该组要剪去的通道比例，应在 0 % 到 %1 % 之间；收到的是“%2”。</translation>
    </message>
    <message>
        <source>R&amp;ound widths to:</source>
        <translation>通道数取整到(&amp;O)：</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>通道组</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道数</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Override (%)</source>
        <translation>单独剪枝率（%）</translation>
    </message>
    <message>
        <source>Double-click to give this group its own pruning ratio, outside the slider and any ranking. 0 keeps every channel; empty follows the slider.</source>
        <translation>双击为该组单独设定剪枝率，不受滑块和全局排序影响。0 表示保留全部通道；留空则跟随滑块。</translation>
    </message>
    <message>
        <source>Recalibrate &amp;BatchNorm on the Train panel&apos;s data set</source>
        <translation>用“训练”面板的数据集重新校准 &amp;BatchNorm</translation>
    </message>
    <message>
        <source>Re-estimates every BatchNorm&apos;s running mean and variance on training batches after pruning, changing no weight; stale statistics cause most of the accuracy lost.</source>
        <translation>剪枝后在训练批次上重新估计每个 BatchNorm 的滑动均值和方差，不改变任何权重；过时的统计量是精度损失的主要原因。</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Prunes the model as previewed, as a job; Edit › Undo restores it.</source>
        <translation>按预览结果剪枝（作为后台任务运行）；编辑 › 撤销可恢复。</translation>
    </message>
    <message>
        <source>More &amp;methods…</source>
        <translation>更多方法(&amp;M)…</translation>
    </message>
    <message>
        <source>Taylor scores on data and unstructured magnitude masks, in the Prune dialog.</source>
        <translation>在“剪枝”对话框中使用基于数据的泰勒评分和非结构化幅值掩码。</translation>
    </message>
    <message>
        <source>C&amp;lear overrides</source>
        <translation>清除单独剪枝率(&amp;L)</translation>
    </message>
    <message>
        <source>The γ threshold sets a share of the channels to remove: the target is now the pruning ratio.</source>
        <translation>γ 阈值设定的是剪去通道的比例：目标已切换为剪枝率。</translation>
    </message>
    <message>
        <source>Overrides for groups this model does not have were dropped: %1.</source>
        <translation>本模型中不存在的通道组的单独剪枝率已删除：%1。</translation>
    </message>
    <message>
        <source>Prune and &amp;Fine-tune…</source>
        <translation>剪枝并微调(&amp;F)…</translation>
    </message>
    <message>
        <source>Prunes as previewed, then fine-tunes with the Train panel&apos;s data, as one job whose accuracy curve grows in Curves.</source>
        <translation>按预览剪枝，再用“训练”面板的数据微调，作为一个后台任务运行，准确率曲线在“曲线”面板中实时绘制。</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <source>Top-1 with half of this group&apos;s channels removed and nothing else, from the Sensitivity scan.</source>
        <translation>仅剪去该组一半通道（其余不变）时的 Top-1，来自敏感度扫描。</translation>
    </message>
</context>
<context>
    <name>slim::app::PruneWorkbench</name>
    <message>
        <source>No data set is chosen in the Train panel: BatchNorm is not recalibrated after pruning.</source>
        <translation>“训练”面板中未选择数据集：剪枝后不重新校准 BatchNorm。</translation>
    </message>
    <message>
        <source>Cannot scan</source>
        <translation>无法扫描</translation>
    </message>
    <message>
        <source>Open or create a model first.</source>
        <translation>请先打开或创建模型。</translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel: the scan measures accuracy on it.</source>
        <translation>请在“训练”面板中选择数据集：扫描要在其上测量准确率。</translation>
    </message>
    <message>
        <source>Sensitivity of %1 (%2)</source>
        <translation>%1 的敏感度（%2）</translation>
    </message>
    <message>
        <source>Started: %1 on %2</source>
        <translation>已开始：%1，数据集 %2</translation>
    </message>
    <message>
        <source>The sensitivity scan finished for a model that is no longer open; its curves were dropped.</source>
        <translation>敏感度扫描已完成，但对应的模型已不再打开，曲线已丢弃。</translation>
    </message>
    <message numerus="yes">
        <source>Sensitivity: baseline top-1 %1 on %2 images; %n group(s) scanned</source>
        <translation>
            <numerusform>敏感度：基线 Top-1 为 %1（%2 张图像）；已扫描 %n 个通道组</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; will replace the model when it finishes: scan the model it leaves.</source>
        <translation>“%1”完成后将替换当前模型：请在其完成后扫描新的模型。</translation>
    </message>
    <message>
        <source>Cannot search</source>
        <translation>无法搜索</translation>
    </message>
    <message>
        <source>&quot;%1&quot; will replace the model when it finishes: search on the model it leaves.</source>
        <translation>“%1”完成后会替换当前模型：请在它留下的模型上搜索。</translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel: the search measures accuracy on it.</source>
        <translation>请在训练面板中选择数据集：搜索要在其上测量精度。</translation>
    </message>
    <message>
        <source>Ratio search for %1 (%2 % of the MACs)</source>
        <translation>%1 的剪枝率搜索（保留 %2 % 的 MACs）</translation>
    </message>
    <message>
        <source>The ratio search finished for a model that is no longer open; its ratios were dropped.</source>
        <translation>剪枝率搜索完成时其模型已不再打开；结果已丢弃。</translation>
    </message>
    <message numerus="yes">
        <source>Ratio search: top-1 %1 on %2 images (the greedy ratios: %3) after %n candidate(s)</source>
        <translation>
            <numerusform>剪枝率搜索：在 %2 张图像上 top-1 %1（贪心剪枝率：%3），共评估 %n 个候选</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>slim::app::QuantizeDialog</name>
    <message>
        <source>&amp;Weight bits:</source>
        <translation>权重位宽(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Activation bits:</source>
        <translation>激活位宽(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Observer:</source>
        <translation>观察器(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Calibration batches:</source>
        <translation>校准批次数(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Teacher:</source>
        <translation>教师模型(&amp;T):</translation>
    </message>
    <message>
        <source>Tem&amp;perature T:</source>
        <translation>温度 T(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Feature weight β:</source>
        <translation>特征权重 β(&amp;F):</translation>
    </message>
    <message>
        <source>Relation &amp;kind:</source>
        <translation>关系类型(&amp;K):</translation>
    </message>
    <message>
        <source>Teacher Model</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>Models (*.slim *.onnx *.pt);;All files (*)</source>
        <translation>模型 (*.slim *.onnx *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>W%1A%2 post-training quantization</source>
        <translation>W%1A%2 后训练量化</translation>
    </message>
    <message>
        <source>W%1A%2 quantization-aware training</source>
        <translation>W%1A%2 量化感知训练</translation>
    </message>
    <message>
        <source>distillation from %1</source>
        <translation>从 %1 蒸馏</translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel first: calibration and training run on it.</source>
        <translation>请先在“训练”面板中选择数据集：校准和训练都在它上面进行。</translation>
    </message>
    <message>
        <source>Name the teacher: a model file (.slim, .onnx or .pt), for example the version this one was pruned from.</source>
        <translation>请指定教师模型：一个模型文件(.slim、.onnx 或 .pt)，例如当前模型剪枝前的版本。</translation>
    </message>
    <message>
        <source>The teacher file %1 does not exist.</source>
        <translation>教师模型文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Feature distillation needs a layer: choose the feature layer, or set its weight to 0.</source>
        <translation>特征蒸馏需要指定层：请选择特征层，或把特征权重设为 0。</translation>
    </message>
    <message>
        <source>Folds BatchNorm, simulates the weights and activations at the bits below, and calibrates the activation ranges on %1 training batches of %2. No training: seconds. The per-layer error chart and top-1 before and after follow; the result replaces the model as one step you can undo.</source>
        <translation>折叠 BatchNorm，按下面的位宽模拟量化权重和激活，并用 %2 的 %1 个训练批次校准激活范围。无需训练，只需几秒。完成后显示逐层误差图和量化前后的 Top-1；结果作为可撤销的一步替换当前模型。</translation>
    </message>
    <message>
        <source>Quantizes and calibrates as post-training quantization does, then trains under the fake quantization (straight-through gradients) on %1. The curves grow in Curves.</source>
        <translation>先像后训练量化一样量化并校准，再在 %1 上带伪量化训练(直通估计梯度)。曲线在“曲线”面板中实时绘制。</translation>
    </message>
    <message>
        <source>Fine-tunes the open model (the student) on %1 while it learns from the teacher&apos;s softened outputs (KL × T², weight α), and optionally its features (an adapter matches the widths) and the relations between the samples of a batch.</source>
        <translation>在 %1 上微调当前模型(学生模型)，同时学习教师模型软化后的输出(KL × T²，权重 α)，还可选择学习其特征(用适配层匹配通道数)以及一个批次内样本之间的关系。</translation>
    </message>
    <message>
        <source>Quantize and Distill</source>
        <translation>量化与蒸馏</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M):</translation>
    </message>
    <message>
        <source>Post-training quantization (PTQ)</source>
        <translation>后训练量化(PTQ)</translation>
    </message>
    <message>
        <source>Quantization-aware training (QAT)</source>
        <translation>量化感知训练(QAT)</translation>
    </message>
    <message>
        <source>Knowledge distillation fine-tune</source>
        <translation>知识蒸馏微调</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>How activation ranges are chosen from the calibration data: minmax (smallest and largest value), ema (moving average of each batch&apos;s), percentile (drops the outer 0.01 %), mse (least squared rounding and clipping error), kl (TensorRT&apos;s entropy calibration).</source>
        <translation>如何从校准数据确定激活范围：minmax(最小值与最大值)、ema(各批次范围的滑动平均)、percentile(去掉两端 0.01 %)、mse(舍入与截断误差平方最小)、kl(TensorRT 的熵校准)。</translation>
    </message>
    <message>
        <source>One weight scale per output &amp;channel</source>
        <translation>逐通道权重缩放因子(&amp;C)</translation>
    </message>
    <message>
        <source>Per-channel weights lose much less accuracy than one scale per layer; RK3588 and ONNX Runtime run them.</source>
        <translation>逐通道量化权重的精度损失远小于逐张量(每层一个缩放因子)；RK3588 和 ONNX Runtime 都支持。</translation>
    </message>
    <message>
        <source>S&amp;ymmetric activations (signed, zero point 0)</source>
        <translation>对称量化激活(有符号，零点为 0)(&amp;Y)</translation>
    </message>
    <message>
        <source>Keep the first and last layers at 8 &amp;bits</source>
        <translation>首层和末层保持 8 位(&amp;B)</translation>
    </message>
    <message>
        <source>Training batches of 64 images the ranges are calibrated on.</source>
        <translation>用于校准范围的训练批次数，每批 64 张图像。</translation>
    </message>
    <message>
        <source>&amp;Step the bits down: 16 → 8 → target, a third of the epochs each</source>
        <translation>阶梯降低位宽(&amp;S)：16 → 8 → 目标位宽，各占三分之一轮数</translation>
    </message>
    <message>
        <source>Teacher-&amp;guided: the open model in full precision as the teacher</source>
        <translation>教师引导(&amp;G)：以全精度的当前模型作为教师模型</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>A model file: the version this one was pruned from</source>
        <translation>一个模型文件：当前模型剪枝前的版本</translation>
    </message>
    <message>
        <source>Softens both models&apos; outputs; 2 to 8 are common. The KL term is multiplied by T².</source>
        <translation>软化两个模型的输出；常用 2 到 8。KL 项乘以 T²。</translation>
    </message>
    <message>
        <source>Share of the distillation term; the labels&apos; cross-entropy gets 1 − α.</source>
        <translation>蒸馏项所占比例；标签的交叉熵占 1 − α。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>A layer both models have, at the same spatial size; a learned 1×1 adapter matches a pruned student&apos;s width to the teacher&apos;s.</source>
        <translation>两个模型都有且空间尺寸相同的层；可学习的 1×1 适配层把剪枝后学生模型的通道数映射到教师模型的通道数。</translation>
    </message>
    <message>
        <source>Weight the feature error by the teacher&apos;s &amp;attention σ(AvgPool + MaxPool)</source>
        <translation>用教师模型的注意力 σ(AvgPool + MaxPool) 加权特征误差(&amp;A)</translation>
    </message>
    <message>
        <source>Cosine relation matrix</source>
        <translation>余弦关系矩阵</translation>
    </message>
    <message>
        <source>RKD distance and angle</source>
        <translation>RKD 距离与角度</translation>
    </message>
    <message>
        <source>Save &amp;Recipe…</source>
        <translation>保存配方(&amp;R)…</translation>
    </message>
    <message>
        <source>Writes this as a recipe that slimbench-cli run repeats.</source>
        <translation>保存为配方文件，可用 slimbench-cli run 重复运行。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>A stepwise bit-width schedule: the model adapts to each precision before the next cut. Needs a target below 8 bits and at least 3 epochs.</source>
        <translation>阶梯位宽调整策略：模型先适应每一级精度，再进入下一级。需要目标位宽低于 8 位且至少 3 轮。</translation>
    </message>
    <message>
        <source>Quantization-aware training and distillation start from trained weights: a small rate such as 0.001 keeps the BatchNorm-folded model stable.</source>
        <translation>量化感知训练和蒸馏从已训练的权重开始：较小的学习率(如 0.001)能让折叠了 BatchNorm 的模型保持稳定。</translation>
    </message>
    <message>
        <source>Respo&amp;nse weight α:</source>
        <translation>响应权重 α(&amp;N)：</translation>
    </message>
    <message>
        <source>Feature la&amp;yer:</source>
        <translation>特征层(&amp;Y)：</translation>
    </message>
    <message>
        <source>Relation wei&amp;ght γ:</source>
        <translation>关系权重 γ(&amp;G)：</translation>
    </message>
</context>
<context>
    <name>slim::app::Quantizer</name>
    <message numerus="yes">
        <source>Quantized to W%1A%2 (%3 weights, %4 activations, observer %5) on %n calibration batch(es); %6 BatchNorm layer(s) folded.</source>
        <translation>
            <numerusform>已量化为 W%1A%2(%3权重，%4激活，观察器 %5)，使用 %n 个校准批次；折叠了 %6 个 BatchNorm 层。</numerusform>
        </translation>
    </message>
    <message>
        <source>per-channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <source>per-tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <source>symmetric</source>
        <translation>对称</translation>
    </message>
    <message>
        <source>asymmetric</source>
        <translation>非对称</translation>
    </message>
    <message>
        <source>Size at these bits: %1 bytes, %2 % of %3 bytes in float.</source>
        <translation>按此位宽的大小：%1 字节，为浮点 %3 字节的 %2 %。</translation>
    </message>
    <message>
        <source>Lowest SQNR: %1 dB at %2 (%3).</source>
        <translation>最低 SQNR：%1 dB，位于 %2(%3)。</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>W%1A%2 post-training quantization</source>
        <translation>W%1A%2 后训练量化</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>已开始：%1</translation>
    </message>
    <message>
        <source>Quantization Finished</source>
        <translation>量化完成</translation>
    </message>
    <message>
        <source>Right-click the chart to save it as a figure (PNG, PDF, SVG and CSV).</source>
        <translation>右键单击图表可将其保存为图片(PNG、PDF、SVG 和 CSV)。</translation>
    </message>
    <message>
        <source>Top-1: %1 % in float, %2 % quantized (%3 points; %4 test images).</source>
        <translation>Top-1：浮点 %1 %，量化后 %2 %（相差 %3 个百分点；%4 张测试图像）。</translation>
    </message>
</context>
<context>
    <name>slim::app::RedundancyPanel</name>
    <message>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <source>L1 norm</source>
        <translation>L1 范数</translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation>L2 范数</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>稀疏度</translation>
    </message>
    <message>
        <source>|γ|</source>
        <translation>|γ|</translation>
    </message>
    <message>
        <source>Channel (by score, ascending)</source>
        <translation>通道（按得分升序）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>BatchNorm |γ|</source>
        <translation>BatchNorm |γ|</translation>
    </message>
    <message>
        <source>&amp;Colour by:</source>
        <translation>着色依据(&amp;C)：</translation>
    </message>
    <message>
        <source>Kept or removed (pruning preview)</source>
        <translation>保留或剪去（剪枝预览）</translation>
    </message>
    <message>
        <source>Importance (the criterion&apos;s score)</source>
        <translation>重要性（评价准则得分）</translation>
    </message>
    <message>
        <source>Filter L1 norm</source>
        <translation>卷积核 L1 范数</translation>
    </message>
    <message>
        <source>Filter L2 norm</source>
        <translation>卷积核 L2 范数</translation>
    </message>
    <message>
        <source>Weight sparsity per filter</source>
        <translation>各卷积核的权重稀疏度</translation>
    </message>
    <message>
        <source>BN scaling factor |γ|</source>
        <translation>BN 缩放因子 |γ|</translation>
    </message>
    <message>
        <source>&amp;Sort channels</source>
        <translation>通道排序(&amp;S)</translation>
    </message>
    <message>
        <source>Orders each row&apos;s channels by their score (or value), lowest first.</source>
        <translation>按得分（或数值）从低到高排列每行的通道。</translation>
    </message>
    <message>
        <source>Only the &amp;selected BatchNorm layer</source>
        <translation>仅显示选中的 BatchNorm 层(&amp;S)</translation>
    </message>
    <message>
        <source>Kept (1)</source>
        <translation>保留 (1)</translation>
    </message>
    <message>
        <source>BatchNorm |γ| of %1</source>
        <translation>%1 的 BatchNorm |γ|</translation>
    </message>
    <message>
        <source>Shows the γ of the layer selected in the heatmap or the layer table (or of the BatchNorm after a selected convolution), with the line at the share its group loses. Dragging the line sets the pruning ratio only while all layers are shown.</source>
        <translation>显示在热力图或层表中选中的层（或选中卷积之后的 BatchNorm）的 γ，竖线位于其通道组被剪去的比例处。只有在显示全部层时，拖动竖线才会设定剪枝率。</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>|γ| of %1</source>
        <translation>%1 的 |γ|</translation>
    </message>
    <message>
        <source>|γ| over epochs (sparsity training)</source>
        <translation>各轮的 |γ|（稀疏训练）</translation>
    </message>
</context>
<context>
    <name>slim::app::RknnExportDialog</name>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>✓ This Python can import rknn.api.</source>
        <translation>✓ 此 Python 可以导入 rknn.api。</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>Folder for the RKNN bundle</source>
        <translation>RKNN 包的文件夹</translation>
    </message>
    <message>
        <source>Python with rknn-toolkit2</source>
        <translation>装有 rknn-toolkit2 的 Python</translation>
    </message>
    <message>
        <source>Export %1 for RKNN</source>
        <translation>将 %1 导出为 RKNN</translation>
    </message>
    <message>
        <source>&amp;Target platform:</source>
        <translation>目标平台(&amp;T)：</translation>
    </message>
    <message>
        <source>Quantization &amp;algorithm:</source>
        <translation>量化算法(&amp;A)：</translation>
    </message>
    <message>
        <source>Quantize per:</source>
        <translation>量化粒度：</translation>
    </message>
    <message>
        <source>&amp;Calibration data set:</source>
        <translation>校准数据集(&amp;C)：</translation>
    </message>
    <message>
        <source>Calibration &amp;images:</source>
        <translation>校准图像数(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Python:</source>
        <translation>&amp;Python：</translation>
    </message>
    <message>
        <source>&amp;Quantize on the NPU (RKNN&apos;s post-training quantization)</source>
        <translation>在 NPU 上量化（RKNN 后训练量化）(&amp;Q)</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>逐层</translation>
    </message>
    <message>
        <source>Con&amp;vert now with rknn-toolkit2</source>
        <translation>立即用 rknn-toolkit2 转换(&amp;V)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>A data set folder; its training images are written as PNG for dataset.txt</source>
        <translation>数据集文件夹；其训练图像将写为 PNG，列入 dataset.txt</translation>
    </message>
    <message>
        <source>The python of the virtual environment where rknn-toolkit2 is installed</source>
        <translation>安装了 rknn-toolkit2 的虚拟环境中的 python</translation>
    </message>
    <message>
        <source>The folder receives model.onnx (float, BatchNorm folded, verified), the calibration images with dataset.txt, convert_rknn.py and a README. The model&apos;s normalisation goes into the script in pixel units, so RKNN applies it once. Without rknn-toolkit2 here, run convert_rknn.py where it is installed.</source>
        <translation>文件夹中将写入 model.onnx（浮点、BatchNorm 已折叠、已验证）、校准图像及 dataset.txt、convert_rknn.py 和说明文件。模型的归一化以像素单位写入脚本，由 RKNN 只做一次。本机没有 rknn-toolkit2 时，请在安装了它的机器上运行 convert_rknn.py。</translation>
    </message>
    <message>
        <source>Quantized t&amp;ype:</source>
        <translation>量化类型(&amp;Y)：</translation>
    </message>
</context>
<context>
    <name>slim::app::RknnExporter</name>
    <message numerus="yes">
        <source>Wrote the RKNN bundle for %1 in %2: model.onnx (opset %3), %n calibration image(s), convert_rknn.py and README.md.</source>
        <translation>
            <numerusform>已在 %2 写出 %1 的 RKNN 包：model.onnx（opset %3）、%n 张校准图像、convert_rknn.py 和 README.md。</numerusform>
        </translation>
    </message>
    <message>
        <source>The ONNX file read back by Slimbench against the model: max |difference| %1.</source>
        <translation>Slimbench 读回的 ONNX 文件与模型相比：最大 |差值| %1。</translation>
    </message>
    <message>
        <source>Normalisation for RKNN, in pixel units: mean %1, std %2.</source>
        <translation>RKNN 的归一化（像素单位）：均值 %1，标准差 %2。</translation>
    </message>
    <message>
        <source>Converted: %1</source>
        <translation>已转换：%1</translation>
    </message>
    <message numerus="yes">
        <source>Accuracy analysis: %n layer(s); the lowest cosine is %1 at [%2] %3.</source>
        <translation>
            <numerusform>精度分析：%n 层；最低余弦相似度 %1，位于 [%2] %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>To convert, run convert_rknn.py with the Python of rknn-toolkit2.</source>
        <translation>如需转换，请用 rknn-toolkit2 的 Python 运行 convert_rknn.py。</translation>
    </message>
    <message>
        <source>Started: RKNN bundle for %1 in %2</source>
        <translation>已开始：在 %2 写出 %1 的 RKNN 包</translation>
    </message>
    <message>
        <source>Export %1 for %2 (RKNN)</source>
        <translation>将 %1 导出到 %2（RKNN）</translation>
    </message>
    <message>
        <source>RKNN Export Finished</source>
        <translation>RKNN 导出完成</translation>
    </message>
    <message>
        <source>The accuracy analysis could not be read: %1</source>
        <translation>无法读取精度分析：%1</translation>
    </message>
</context>
<context>
    <name>slim::app::SensitivityPanel</name>
    <message>
        <source>Working out the ratios…</source>
        <translation>正在计算各组剪枝率…</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) given their own ratio in the Prune panel.</source>
        <translation>
            <numerusform>已在“剪枝”面板中为 %n 个通道组设定单独剪枝率。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation>图像数(&amp;I)：</translation>
    </message>
    <message>
        <source>Test images each point is measured on (a fixed random subset); 0 uses all of them.</source>
        <translation>每个点测量所用的测试图像数（固定的随机子集）；0 表示使用全部。</translation>
    </message>
    <message>
        <source>S&amp;can</source>
        <translation>扫描(&amp;C)</translation>
    </message>
    <message>
        <source>Prunes each channel group alone at 10 %, 20 %, … 90 % by the Prune panel&apos;s criterion and measures top-1 on the Train panel&apos;s data set, as a job.</source>
        <translation>按“剪枝”面板的评价准则，分别单独将每个通道组剪去 10 %、20 %、… 90 %，并在“训练”面板的数据集上测量 Top-1（作为后台任务运行）。</translation>
    </message>
    <message>
        <source>MACs to &amp;keep:</source>
        <translation>保留的乘加次数(&amp;K)：</translation>
    </message>
    <message>
        <source>Set &amp;Ratios for This Budget</source>
        <translation>按此预算设定剪枝率(&amp;R)</translation>
    </message>
    <message>
        <source>Gives each group its own ratio, cutting first where the curves lose the least accuracy per MAC saved, until the MACs fall to the budget; the Prune panel previews the result.</source>
        <translation>为每个通道组设定单独的剪枝率：优先剪去每节省一次乘加损失准确率最少之处，直到乘加次数降到预算；“剪枝”面板预览结果。</translation>
    </message>
    <message>
        <source>Open a model to scan its sensitivity.</source>
        <translation>打开模型后即可扫描其敏感度。</translation>
    </message>
    <message>
        <source>No scan yet: Scan prunes each group alone and plots its accuracy here.</source>
        <translation>尚未扫描：“扫描”会分别单独剪枝每个通道组，并在此绘制其准确率。</translation>
    </message>
    <message>
        <source>Baseline top-1 %1 on %2 images, %3.</source>
        <translation>基线 Top-1 为 %1（%2 张图像），%3。</translation>
    </message>
    <message>
        <source>Refine by &amp;Annealing</source>
        <translation>模拟退火优化(&amp;A)</translation>
    </message>
    <message numerus="yes">
        <source>Starts from those ratios and searches by simulated annealing: each candidate is pruned and measured on the scan&apos;s images, and the best within the budget goes to the Prune panel (a job of %n evaluation(s)).</source>
        <translation>
            <numerusform>从这些剪枝率出发，用模拟退火搜索：每个候选都会被剪枝并在扫描所用的图像上测量，预算内最好的结果送到剪枝面板（共 %n 次评估的任务）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>slim::app::ShapeEditor</name>
    <message>
        <source>Channels (C): 1 for grey-scale, 3 for colour images</source>
        <translation>通道数（C）：灰度图为 1，彩色图为 3</translation>
    </message>
    <message>
        <source>Height (H) in pixels</source>
        <translation>高度（H），单位像素</translation>
    </message>
    <message>
        <source>Width (W) in pixels</source>
        <translation>宽度（W），单位像素</translation>
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
    <message>
        <source>“%1” is not a whole number of epochs above 0</source>
        <translation>“%1”不是大于 0 的整数轮数</translation>
    </message>
    <message>
        <source>%1 comes after %2; list the epochs in increasing order</source>
        <translation>%1 排在 %2 之后；请按递增顺序列出轮数</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>The model Train starts from: the one open in the window. A saved recipe names it, so slimbench-cli train runs the same model.</source>
        <translation>训练的起点模型：窗口中打开的模型。保存的配方会写明该模型，因此 slimbench-cli train 运行的是同一个模型。</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>起点：</translation>
    </message>
    <message>
        <source>Fine-tuning (recovery training) continues from the open model&apos;s weights, at a learning rate ten times lower than training from scratch. Default: fine-tune.</source>
        <translation>微调（恢复训练）从打开模型的权重继续训练，学习率比从头训练低十倍。默认：微调。</translation>
    </message>
    <message>
        <source>Fine-tune the open model</source>
        <translation>微调打开的模型</translation>
    </message>
    <message>
        <source>Continues training from the open model&apos;s weights, for example to recover accuracy after pruning. Default learning rate: SGD 0.01, Adam 0.0001; no warm-up.</source>
        <translation>从打开模型的权重继续训练，例如在剪枝后恢复准确率。默认学习率：SGD 0.01，Adam 0.0001；不预热。</translation>
    </message>
    <message>
        <source>Train from scratch (re-initialise weights)</source>
        <translation>从头训练（重新初始化权重）</translation>
    </message>
    <message>
        <source>Discards the open model&apos;s weights, initialises them afresh with the model&apos;s seed and trains the architecture from the start. Default learning rate: SGD 0.1, Adam 0.001; one warm-up epoch.</source>
        <translation>丢弃打开模型的权重，用模型的随机种子重新初始化，从头训练该结构。默认学习率：SGD 0.1，Adam 0.001；预热 1 轮。</translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation>数据集(&amp;D)：</translation>
    </message>
    <message>
        <source>A folder with IDX files (MNIST, Fashion-MNIST), CIFAR binary batches, or one sub-folder per class. Default: Debian&apos;s Fashion-MNIST.</source>
        <translation>包含 IDX 文件（MNIST、Fashion-MNIST）、CIFAR 二进制批文件，或每类一个子文件夹的文件夹。默认：Debian 提供的 Fashion-MNIST。</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>Images per optimizer step. Larger batches need more memory. Default: 128.</source>
        <translation>每个优化步的图像数。批越大，占用内存越多。默认：128。</translation>
    </message>
    <message>
        <source>&amp;Crop padding:</source>
        <translation>裁剪填充(&amp;C)：</translation>
    </message>
    <message>
        <source>Random-crop augmentation: pads each training image by this many pixels on every side, then crops it back to its size at a random place. Default: off; 4 is usual for CIFAR.</source>
        <translation>随机裁剪增强：在每张训练图像四周填充这么多像素，再在随机位置裁剪回原尺寸。默认：关闭；CIFAR 常用 4。</translation>
    </message>
    <message>
        <source>Mirrors each training image left to right with probability ½. Default: off; leave it off for digits and text.</source>
        <translation>以 ½ 的概率左右镜像每张训练图像。默认：关闭；数字和文字图像请保持关闭。</translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation>优化器(&amp;O)：</translation>
    </message>
    <message>
        <source>SGD with momentum (the usual choice for CNNs), Adam, or AdamW (Adam with decoupled weight decay). Switching sets the learning rate to the optimizer&apos;s default unless you changed it. Default: SGD.</source>
        <translation>带动量的 SGD（CNN 的常用选择）、Adam 或 AdamW（权重衰减解耦的 Adam）。切换时，若未改动学习率，会将其设为该优化器的默认值。默认：SGD。</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>The optimizer&apos;s step size at the start of the schedule. Defaults: SGD 0.1 from scratch and 0.01 to fine-tune; Adam and AdamW 0.001 from scratch and 0.0001 to fine-tune.</source>
        <translation>学习率策略开始时优化器的步长。默认：SGD 从头训练 0.1、微调 0.01；Adam 和 AdamW 从头训练 0.001、微调 0.0001。</translation>
    </message>
    <message>
        <source>&amp;Momentum:</source>
        <translation>动量(&amp;M)：</translation>
    </message>
    <message>
        <source>SGD only: the share of the previous update carried into the next one (0 to 0.999). Default: 0.9.</source>
        <translation>仅 SGD：上一次更新带入下一次的比例（0 到 0.999）。默认：0.9。</translation>
    </message>
    <message>
        <source>SGD only: evaluates the gradient after the momentum step (Nesterov, 1983; Sutskever et al., 2013). Default: on.</source>
        <translation>仅 SGD：在动量步之后计算梯度（Nesterov, 1983；Sutskever 等, 2013）。默认：开启。</translation>
    </message>
    <message>
        <source>&amp;Weight decay:</source>
        <translation>权重衰减(&amp;W)：</translation>
    </message>
    <message>
        <source>L2 penalty on the weights, per step (decoupled from the gradient for AdamW). Default: 0.0005.</source>
        <translation>每步对权重的 L2 惩罚（AdamW 中与梯度解耦）。默认：0.0005。</translation>
    </message>
    <message>
        <source>Moves this share of each target&apos;s probability evenly onto all classes (Szegedy et al., 2016), 0 to 0.5. Default: 0 (off).</source>
        <translation>将每个目标这一比例的概率平均分配到所有类别（Szegedy 等, 2016），0 到 0.5。默认：0（关闭）。</translation>
    </message>
    <message>
        <source>E&amp;pochs:</source>
        <translation>训练轮数(&amp;P)：</translation>
    </message>
    <message>
        <source>Passes over the whole training set. Default: 5.</source>
        <translation>遍历整个训练集的次数。默认：5。</translation>
    </message>
    <message>
        <source>LR &amp;schedule:</source>
        <translation>学习率策略(&amp;S)：</translation>
    </message>
    <message>
        <source>How the learning rate changes from epoch to epoch: constant; step (multiplied by gamma every step size epochs); multi-step (multiplied by gamma at each milestone); cosine (down to the minimum learning rate; Loshchilov &amp; Hutter, 2017). Default: cosine.</source>
        <translation>学习率随轮数的变化方式：恒定；阶梯（每隔步长轮乘以 gamma）；多阶梯（在每个里程碑乘以 gamma）；余弦（降至最小学习率；Loshchilov &amp; Hutter, 2017）。默认：余弦。</translation>
    </message>
    <message>
        <source>Step si&amp;ze:</source>
        <translation>步长(&amp;Z)：</translation>
    </message>
    <message>
        <source>Step schedule: epochs between two drops of the learning rate. Default: 30.</source>
        <translation>阶梯策略：两次降低学习率之间的轮数。默认：30。</translation>
    </message>
    <message>
        <source>Milesto&amp;nes:</source>
        <translation>里程碑(&amp;N)：</translation>
    </message>
    <message>
        <source>Multi-step schedule: the epochs after which the learning rate is multiplied by gamma, in increasing order and separated by commas, for example 30, 60, 90.</source>
        <translation>多阶梯策略：在这些轮之后学习率乘以 gamma，按递增顺序、以逗号分隔，例如 30, 60, 90。</translation>
    </message>
    <message>
        <source>&amp;Gamma:</source>
        <translation>Gamma(&amp;G)：</translation>
    </message>
    <message>
        <source>Step and multi-step schedules: the factor the learning rate is multiplied by at each drop (0.001 to 1). Default: 0.1.</source>
        <translation>阶梯和多阶梯策略：每次下降时学习率所乘的系数（0.001 到 1）。默认：0.1。</translation>
    </message>
    <message>
        <source>Min&amp;imum LR:</source>
        <translation>最小学习率(&amp;I)：</translation>
    </message>
    <message>
        <source>Cosine schedule: the learning rate the last epoch ends at. Default: 0.</source>
        <translation>余弦策略：最后一轮结束时的学习率。默认：0。</translation>
    </message>
    <message>
        <source>W&amp;arm-up epochs:</source>
        <translation>预热轮数(&amp;A)：</translation>
    </message>
    <message>
        <source>Epochs over which the learning rate rises linearly from near zero to its start value, for every schedule; fewer than the epochs. Defaults: 1 from scratch, 0 to fine-tune.</source>
        <translation>学习率从接近零线性升至初始值所用的轮数，适用于所有策略；须少于训练轮数。默认：从头训练 1，微调 0。</translation>
    </message>
    <message>
        <source>Seeds shuffling and augmentation. The same seed, thread count and recipe give the same numbers. Default: 0.</source>
        <translation>用于打乱顺序和数据增强的随机种子。相同的种子、线程数和配方得到相同的结果。默认：0。</translation>
    </message>
    <message>
        <source>CPU threads used for training. Default: all cores; set a number to reproduce results exactly on another machine.</source>
        <translation>训练使用的 CPU 线程数。默认：全部核心；要在另一台机器上精确复现结果，请设定一个数值。</translation>
    </message>
    <message>
        <source>O&amp;utput model:</source>
        <translation>输出模型(&amp;U)：</translation>
    </message>
    <message>
        <source>Optional .slim file the trained model is also written to, as slimbench-cli train does. Empty: the result only replaces the open model (Edit › Undo takes it back); a saved recipe then writes &lt;recipe name&gt;-trained.slim beside itself.</source>
        <translation>可选：训练后的模型另存到此 .slim 文件，与 slimbench-cli train 相同。留空：结果只替换打开的模型（可用 编辑 › 撤销 恢复）；保存的配方则写入配方旁的 &lt;配方名&gt;-trained.slim。</translation>
    </message>
    <message>
        <source>Metrics CSV:</source>
        <translation>指标 CSV：</translation>
    </message>
    <message>
        <source>Optional CSV file of per-epoch loss, accuracy, learning rate and seconds, as slimbench-cli train writes it. Empty: not written.</source>
        <translation>可选：每轮损失、准确率、学习率和耗时的 CSV 文件，格式与 slimbench-cli train 相同。留空：不写入。</translation>
    </message>
    <message>
        <source>Write the Trained Model To</source>
        <translation>训练后的模型写入</translation>
    </message>
    <message>
        <source>Slimbench models (*.slim)</source>
        <translation>Slimbench 模型 (*.slim)</translation>
    </message>
    <message>
        <source>Write the Metrics To</source>
        <translation>指标写入</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Data set: choose a data set folder.</source>
        <translation>数据集：请选择数据集文件夹。</translation>
    </message>
    <message>
        <source>Milestones: %1.</source>
        <translation>里程碑：%1。</translation>
    </message>
    <message>
        <source>Milestones: enter the epochs at which the learning rate drops, for example 30, 60, 90.</source>
        <translation>里程碑：请输入学习率下降的轮数，例如 30, 60, 90。</translation>
    </message>
    <message>
        <source>Milestones: %1 is not below the number of epochs (%2), so the learning rate would never drop there.</source>
        <translation>里程碑：%1 不小于训练轮数（%2），学习率不会在该处下降。</translation>
    </message>
    <message>
        <source>Step size: %1 is not below the number of epochs (%2), so the learning rate would never drop.</source>
        <translation>步长：%1 不小于训练轮数（%2），学习率不会下降。</translation>
    </message>
    <message>
        <source>The open model is not saved, so a recipe cannot name it. Save the model first (File › Save As), then save the recipe.</source>
        <translation>打开的模型尚未保存，配方无法引用它。请先保存模型（文件 › 另存为），再保存配方。</translation>
    </message>
    <message>
        <source>The open model was read from a TorchScript file, which does not record its input size. Save it as a .slim model first (File › Save As), then save the recipe.</source>
        <translation>打开的模型读自 TorchScript 文件，其中没有记录输入尺寸。请先将其另存为 .slim 模型（文件 › 另存为），再保存配方。</translation>
    </message>
    <message>
        <source>The model open in the window</source>
        <translation>窗口中打开的模型</translation>
    </message>
    <message>
        <source>None open: create or open one (File menu)</source>
        <translation>未打开模型：请新建或打开一个（文件菜单）</translation>
    </message>
    <message>
        <source>%1 from the built-in zoo, seed %2, not saved</source>
        <translation>内置模型库的 %1，种子 %2，未保存</translation>
    </message>
    <message>
        <source>Not saved (save it before saving a recipe)</source>
        <translation>未保存（保存配方前请先保存模型）</translation>
    </message>
    <message>
        <source>%1 (named by the recipe)</source>
        <translation>%1（配方所指定）</translation>
    </message>
    <message>
        <source>The opened recipe names %1; Train and Save Recipe use the open model instead.</source>
        <translation>打开的配方指定的是 %1；训练和保存配方将改用打开的模型。</translation>
    </message>
    <message>
        <source>Cannot train yet. %1</source>
        <translation>暂不能训练。%1</translation>
    </message>
    <message numerus="yes">
        <source>Train re-initialises the weights and trains from scratch: %1 from learning rate %2, %n epoch(s).</source>
        <translation>
            <numerusform>训练将重新初始化权重并从头训练：%1，学习率 %2，共 %n 轮。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train fine-tunes the open model&apos;s weights: %1 from learning rate %2, %n epoch(s).</source>
        <translation>
            <numerusform>训练将微调打开模型的权重：%1，学习率 %2，共 %n 轮。</numerusform>
        </translation>
    </message>
    <message>
        <source>It also writes %1.</source>
        <translation>同时写入 %1。</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>训练计划</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Choose the data set folder</source>
        <translation>选择数据集文件夹</translation>
    </message>
    <message>
        <source>Choose where to write the trained model</source>
        <translation>选择训练后模型的写入位置</translation>
    </message>
    <message>
        <source>Choose where to write the metrics CSV</source>
        <translation>选择指标 CSV 的写入位置</translation>
    </message>
    <message>
        <source>Not written: the result replaces the open model</source>
        <translation>不写入：结果替换打开的模型</translation>
    </message>
    <message>
        <source>Not written</source>
        <translation>不写入</translation>
    </message>
    <message>
        <source>30, 60, 90</source>
        <translation>30, 60, 90</translation>
    </message>
    <message>
        <source>Runs the recipe on the open model as a background job; the result replaces the model as one undoable step.</source>
        <translation>以后台任务在打开的模型上运行此配方；结果作为一步可撤销的操作替换模型。</translation>
    </message>
    <message>
        <source>Writes these settings and the open model&apos;s file as a JSON recipe that slimbench-cli train runs the same way.</source>
        <translation>将这些设置和打开模型的文件写成 JSON 配方，slimbench-cli train 会以相同方式运行它。</translation>
    </message>
    <message>
        <source>Reads a JSON training recipe into the fields.</source>
        <translation>将 JSON 训练配方读入各字段。</translation>
    </message>
    <message>
        <source>BN sparsity λ:</source>
        <translation>BN 稀疏系数 λ：</translation>
    </message>
    <message>
        <source>Network slimming (Liu et al. 2017): adds λ·Σ|γ| over every BatchNorm scale to the loss, driving the γ of unneeded channels toward zero so that a global γ threshold prunes them (Prune panel, BN |γ|, global scope). The Redundancy heatmap shows γ over the epochs. Typical 1e-5 to 5e-3. Default: 0 (off).</source>
        <translation>网络瘦身（Liu 等，2017）：在损失中加入所有 BatchNorm 缩放因子的 λ·Σ|γ|，使不需要的通道的 γ 趋向零，再用全局 γ 阈值剪掉它们（“剪枝”面板，BN |γ|，全局范围）。“冗余分析”热力图显示各轮的 γ。常用 1e-5 到 5e-3。默认：0（关闭）。</translation>
    </message>
</context>
<context>
    <name>slim::app::VersionTreePanel</name>
    <message>
        <source>%1 · teacher</source>
        <translation>%1 · 教师模型</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Open in the workbench</source>
        <translation>已在工作台中打开</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Compare %n Selected…</source>
        <translation>
            <numerusform>对比选中的 %n 个(&amp;C)…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Compare All…</source>
        <translation>全部对比(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>No project is open. A project keeps every version you make, with its figures and curves, for the comparison table and the figures of your thesis.</source>
        <translation>尚未打开项目。项目会保存你得到的每个版本及其指标和曲线，供论文中的对比表和插图使用。</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>推理时延</translation>
    </message>
    <message>
        <source>&amp;Add Open Model</source>
        <translation>加入当前模型(&amp;A)</translation>
    </message>
    <message>
        <source>Add the model open in the workbench to the project as a new version</source>
        <translation>将工作台中打开的模型作为新版本加入项目</translation>
    </message>
    <message>
        <source>&amp;Open in Workbench</source>
        <translation>在工作台中打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Use as &amp;Teacher</source>
        <translation>用作教师模型(&amp;T)</translation>
    </message>
    <message>
        <source>Distillation in Quantize and Distill uses this version as its teacher</source>
        <translation>“量化与蒸馏”中的知识蒸馏以此版本作为教师模型</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>对比(&amp;C)…</translation>
    </message>
    <message>
        <source>%1
%2, %3</source>
        <translation>%1
%2，%3</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n Version(s)</source>
        <translation>
            <numerusform>删除 %n 个版本</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete %1 from the project? Its checkpoint is deleted too; versions made from it stay, under its parent. This cannot be undone.</source>
        <translation>从项目中删除 %1？其检查点也会一并删除；由它派生的版本会保留，并挂到其上一级版本下。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete %1 from the project? Their checkpoints are deleted too; versions made from them stay, under their parents. This cannot be undone.</source>
        <translation>从项目中删除 %1？其检查点也会一并删除；由它们派生的版本会保留，并挂到各自的上一级版本下。此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>slim::widgets::CosineView</name>
    <message>
        <source>[%1] %2: cosine %3 accumulated, %4 alone</source>
        <translation>[%1] %2：累计余弦相似度 %3，单层 %4</translation>
    </message>
    <message>
        <source>Accumulated (entire)</source>
        <translation>累计（entire）</translation>
    </message>
    <message>
        <source>Layer alone (single)</source>
        <translation>单层（single）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Cosine similarity to the float model</source>
        <translation>与浮点模型的余弦相似度</translation>
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
    <message>
        <source>%1
MACs: %2
Parameters: %3</source>
        <translation>%1
乘加次数（MACs）：%2
参数量：%3</translation>
    </message>
    <message>
        <source>%1
MACs: %2 → %3
Parameters: %4 → %5</source>
        <translation>%1
乘加次数（MACs）：%2 → %3
参数量：%4 → %5</translation>
    </message>
    <message>
        <source>MACs before</source>
        <translation>剪枝前乘加次数</translation>
    </message>
    <message>
        <source>Params before</source>
        <translation>剪枝前参数量</translation>
    </message>
    <message>
        <source>MACs after</source>
        <translation>剪枝后乘加次数</translation>
    </message>
    <message>
        <source>Params after</source>
        <translation>剪枝后参数量</translation>
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
    <message>
        <source>No training yet: Run › Train (%1) plots loss and accuracy here</source>
        <translation>尚未训练：运行 › 训练（%1）会在此绘制损失和准确率曲线</translation>
    </message>
    <message>
        <source>S&amp;moothing:</source>
        <translation>平滑(&amp;M)：</translation>
    </message>
    <message>
        <source>Weight of the moving average drawn over per-batch values: 0 draws them as they are, 0.99 smooths the most.</source>
        <translation>逐批次数值的滑动平均权重：0 表示按原值绘制，0.99 平滑程度最高。</translation>
    </message>
    <message>
        <source>Show &amp;earlier runs</source>
        <translation>显示之前的运行(&amp;E)</translation>
    </message>
    <message>
        <source>Draws the last three runs in grey under this one.</source>
        <translation>在本次运行下方用灰色绘制最近三次运行。</translation>
    </message>
</context>
<context>
    <name>slim::widgets::FigureExport</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save the figure</source>
        <translation>无法保存图表</translation>
    </message>
    <message>
        <source>Export Figure…</source>
        <translation>导出插图…</translation>
    </message>
</context>
<context>
    <name>slim::widgets::FigureExportDialog</name>
    <message>
        <source>&amp;Grayscale (lines told apart by dashes and markers)</source>
        <translation>灰度(&amp;G)（以线型和标记区分曲线）</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>导出插图</translation>
    </message>
    <message>
        <source>Thesis, single column (8.5 × 6 cm)</source>
        <translation>论文单栏（8.5 × 6 cm）</translation>
    </message>
    <message>
        <source>Thesis, double column (17 × 8 cm)</source>
        <translation>论文双栏（17 × 8 cm）</translation>
    </message>
    <message>
        <source>Slide, 16:9 (25.4 × 14.3 cm)</source>
        <translation>幻灯片 16:9（25.4 × 14.3 cm）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source> cm</source>
        <translation> cm</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>For the PNG; PDF and SVG are vector graphics and print sharp at any size</source>
        <translation>用于 PNG；PDF 和 SVG 为矢量图，任意尺寸打印都清晰</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Noto Sans CJK SC prints Chinese and Latin text alike</source>
        <translation>Noto Sans CJK SC 可同时显示中文和西文</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>尺寸(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation>字体(&amp;F)：</translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Figures (*.png *.pdf *.svg *.csv)</source>
        <translation>插图（*.png *.pdf *.svg *.csv）</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>请至少选择一种格式。</translation>
    </message>
    <message>
        <source>The folder of %1 does not exist. Choose where to save the figure.</source>
        <translation>%1 所在的文件夹不存在。请选择插图的保存位置。</translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation>保存为(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>slim::widgets::HeatmapView</name>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>%1, %2 %3: %4</source>
        <translation>%1，%2 %3：%4</translation>
    </message>
    <message>
        <source>&amp;Logarithmic colour scale</source>
        <translation>对数色标(&amp;L)</translation>
    </message>
</context>
<context>
    <name>slim::widgets::HistogramView</name>
    <message>
        <source>No values to show</source>
        <translation>没有可显示的数值</translation>
    </message>
    <message>
        <source>Kept %1 of %2 (%3 %)</source>
        <translation>保留 %2 个中的 %1 个（%3 %）</translation>
    </message>
    <message>
        <source>&amp;Bins:</source>
        <translation>分箱数(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Log counts</source>
        <translation>对数计数(&amp;L)</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Drag the line to set the threshold: values left of it would be pruned.</source>
        <translation>拖动竖线设置阈值：线左侧的数值将被剪去。</translation>
    </message>
</context>
<context>
    <name>slim::widgets::ParetoView</name>
    <message>
        <source>MACs (M)</source>
        <translation>乘加次数（M）</translation>
    </message>
    <message>
        <source>Top-1 (%)</source>
        <translation>Top-1（%）</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
</context>
<context>
    <name>slim::widgets::QuantErrorView</name>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>%1 (%2, %3 bits): exact</source>
        <translation>%1(%2，%3 位)：无误差</translation>
    </message>
    <message>
        <source>%1 (%2, %3 bits): SQNR %4 dB</source>
        <translation>%1(%2，%3 位)：SQNR %4 dB</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Quantized tensor</source>
        <translation>量化张量</translation>
    </message>
    <message>
        <source>SQNR (dB, higher is better)</source>
        <translation>SQNR(dB，越高越好)</translation>
    </message>
    <message>
        <source>Lowest SQNR</source>
        <translation>最低 SQNR</translation>
    </message>
</context>
<context>
    <name>slim::widgets::SensitivityView</name>
    <message>
        <source>%1: top-1 %2 with %3 % of its channels removed</source>
        <translation>%1：剪去 %3 % 通道时 Top-1 为 %2</translation>
    </message>
    <message>
        <source>Channels removed from the group alone (%)</source>
        <translation>仅该组被剪去的通道比例（%）</translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
</context>
</TS>
