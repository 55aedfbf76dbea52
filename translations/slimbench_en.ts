<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>JobReport</name>
    <message>
        <source>Masked: non-zero parameters %1 → %2 (%3 % kept), non-zero MACs %4 → %5 (%6 % kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned: parameters %1 → %2 (%3 % kept), MACs %4 → %5 (%6 % kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target was not reached: every channel group is at its limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1: %1 before pruning, %2 right after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %1 after recalibrating BatchNorm on %n batch(es)</source>
        <translation>
            <numerusform>, %1 after recalibrating BatchNorm on %n batch</numerusform>
            <numerusform>, %1 after recalibrating BatchNorm on %n batches</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to recalibrate: the model has no BatchNorm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX checker: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strict shape inference, every shape as in the graph: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCV DNN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript loaded back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The written file read back by Slimbench against its forward: max |difference| %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file takes raw pixels: its preprocessing is built in (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file expects preprocessed input; its preprocessing is recorded in its metadata, not built in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 against Slimbench: max |difference| %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within 1e-4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABOVE 1e-4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not run it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters, %2 MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage %1, prune: %2; top-1 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, fine-tune (%n epoch(s)): %2; top-1 %3</source>
        <translation>
            <numerusform>Stage %1, fine-tune (%n epoch): %2; top-1 %3</numerusform>
            <numerusform>Stage %1, fine-tune (%n epochs): %2; top-1 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, dynamic network surgery (%n epoch(s)): %2; top-1 %3</source>
        <translation>
            <numerusform>Stage %1, dynamic network surgery (%n epoch): %2; top-1 %3</numerusform>
            <numerusform>Stage %1, dynamic network surgery (%n epochs): %2; top-1 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, gradual pruning (AGP, %n epoch(s)): %2; top-1 %3</source>
        <translation>
            <numerusform>Stage %1, gradual pruning (AGP, %n epoch): %2; top-1 %3</numerusform>
            <numerusform>Stage %1, gradual pruning (AGP, %n epochs): %2; top-1 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stage %1, ADMM (%n epoch(s)) and hard pruning: %2; top-1 %3</source>
        <translation>
            <numerusform>Stage %1, ADMM (%n epoch) and hard pruning: %2; top-1 %3</numerusform>
            <numerusform>Stage %1, ADMM (%n epochs) and hard pruning: %2; top-1 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Folded for inference: %n rewrite(s), e.g. %1.</source>
        <translation>
            <numerusform>Folded for inference: %n rewrite, %1.</numerusform>
            <numerusform>Folded for inference: %n rewrites, e.g. %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Input Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not say what input it takes. Enter the input size (channels × height × width) the model was written for:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecipeFile</name>
    <message>
        <source>Save Compression Recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipes (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the recipe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::ComparisonDialog</name>
    <message>
        <source>Compare Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressed versions of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;aption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export La&amp;TeX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y LaTeX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LaTeX (*.tex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Comparison Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy &amp;vs MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions with a measured top-1; right-click the plot to export it as a figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In brackets: the ratio to the baseline; for top-1 and top-5 the difference in percentage points. The best value of each column is in bold. Model size counts the parameters at their bits (quantized weights at theirs, the rest as float32); Checkpoint is the .slim file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::ComparisonTable</name>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In brackets: the ratio to %1, and for accuracy the difference in percentage points; best values in bold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distilled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decomposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-zero params (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-zero params (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-5 (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Energy (µJ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model size (MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model size (KB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint (MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint (KB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::ErrorText</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 cannot be read: %2</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 cannot be written: %2. The previous file, if any, is unchanged.</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 is incomplete (%2 bytes expected, %3 present). It was probably cut off while being copied or saved.</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 is damaged: %2</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 is not a Slimbench model (it looks like %2).</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 was saved by a newer Slimbench (format version %2; this version reads up to %3). Please update Slimbench.</source>
        <translation></translation>
    </message>
    <message>
        <source>There is no model called &quot;%1&quot;. Available: %2.</source>
        <translation></translation>
    </message>
    <message>
        <source>Training diverged: the loss became %3 at epoch %1, batch %2. Try a lower learning rate.</source>
        <translation></translation>
    </message>
    <message>
        <source>The recipe&apos;s field &quot;%1&quot; is invalid: %2</source>
        <translation></translation>
    </message>
    <message>
        <source>The file %1 holds weights saved with torch.save (a state_dict or pickled module), not TorchScript, so it has no network to import. In Python, save TorchScript with torch.jit.script(model).save(&quot;model.pt&quot;) or torch.jit.trace(model, example).save(&quot;model.pt&quot;), or export ONNX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A setting or input is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s structure is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tensor shapes do not fit together: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slimbench does not support this: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::ExportDialog</name>
    <message>
        <source>Export Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX (for deployment: ONNX Runtime, OpenCV, RKNN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript (for PyTorch: torch.jit.load)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX &amp;opset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Input size (C × H × W):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export runs as a job. It is checked before it is reported: ONNX with the checker, strict shape inference and OpenCV DNN; TorchScript by loading it back. Both are compared with Slimbench&apos;s own output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript archives (*.pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fi&amp;le:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;raw pixels (build the model&apos;s preprocessing into the file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds the model&apos;s scaling and normalisation as the first layers, so the file takes 0..255 pixels. Leave it off for RKNN, which applies mean and std itself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::FigurePack</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressed versions of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::FinetuneDialog</name>
    <message>
        <source>Prune and Fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove %1 % of the channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep %1 % of the MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep %1 % of the parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunes by %1 (%2), then fine-tunes on %3 with the Train panel&apos;s optimizer and schedule. The accuracy curve grows in Curves; the result replaces the model as one step you can undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune &amp;epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning starts from trained weights: a tenth of the Train panel&apos;s rate is a common start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;calibrate BatchNorm after pruning (20 batches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes these stages as a recipe that slimbench-cli run repeats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel first: fine-tuning trains on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1; %n group(s) with a ratio of their own</source>
        <translation>
            <numerusform>%1; %n group with a ratio of their own</numerusform>
            <numerusform>%1; %n groups with a ratio of their own</numerusform>
        </translation>
    </message>
    <message>
        <source>Save &amp;Recipe…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::JobRunner</name>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation></translation>
    </message>
    <message>
        <source>The job stopped without a result.</source>
        <translation></translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation></translation>
    </message>
    <message>
        <source>Finished before the cancel could take effect; its result was kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::JobsView</name>
    <message>
        <source>Queued</source>
        <translation></translation>
    </message>
    <message>
        <source>Running</source>
        <translation></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation></translation>
    </message>
    <message>
        <source>Job</source>
        <translation></translation>
    </message>
    <message>
        <source>State</source>
        <translation></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation></translation>
    </message>
    <message>
        <source>Details</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waits for the running job to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No job is queued or running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops the running job “%1”; the model stays as it was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes the queued job “%1” off the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left while a job runs; the time it took once it has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting and verifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating the original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating the pruned model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating the recalibrated model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taylor scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recalibrating BatchNorm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stage %1/%2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanning %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::LatencyPanel</name>
    <message>
        <source>Measure latency of %1 (batch %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure how long one forward pass takes here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms per batch of %2 (%3 images/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Against the version opened (%1 ms): %2× faster by MACs, %3× measured (%4 of the MACs promise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times forward passes of the open model on this machine (BatchNorm folded, as exported), and of the version you opened when the model has changed since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per forward pass: 1 for a device answering one request, larger for throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure Latenc&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::LayerTableModel</name>
    <message>
        <source>%1 bytes per sample</source>
        <translation></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation></translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation></translation>
    </message>
    <message>
        <source>MACs</source>
        <translation></translation>
    </message>
    <message>
        <source>Share of MACs</source>
        <translation></translation>
    </message>
    <message>
        <source>The share of exact zeros in its weight (masked or pruned weights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output channels kept of all under the Prune panel&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated energy per sample at 32 bits: its MACs, its weights read once from DRAM and its activations through SRAM (45 nm figures, Horowitz 2014)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Energy (µJ)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::MainWindow</name>
    <message>
        <source>About Slimbench</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;New from Zoo…</source>
        <translation></translation>
    </message>
    <message>
        <source>Create a model from the built-in zoo</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation></translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;About Slimbench</source>
        <translation></translation>
    </message>
    <message>
        <source>System Language</source>
        <translation></translation>
    </message>
    <message>
        <source>Model</source>
        <translation></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation></translation>
    </message>
    <message>
        <source>Log</source>
        <translation></translation>
    </message>
    <message>
        <source>Slimbench</source>
        <translation></translation>
    </message>
    <message>
        <source>%1[*] — Slimbench</source>
        <translation></translation>
    </message>
    <message>
        <source>Building %1…</source>
        <translation></translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation></translation>
    </message>
    <message>
        <source>Created %1 for %2×%3×%4 inputs and %5 classes</source>
        <translation></translation>
    </message>
    <message>
        <source>Cannot create the model</source>
        <translation></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation></translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation></translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation></translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation></translation>
    </message>
    <message>
        <source>Save Model As</source>
        <translation></translation>
    </message>
    <message>
        <source>Slimbench models (*.slim)</source>
        <translation></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation></translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them first?</source>
        <translation></translation>
    </message>
    <message>
        <source>Train</source>
        <translation></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Train Model</source>
        <translation></translation>
    </message>
    <message>
        <source>Train the open model with the settings of the Train panel</source>
        <translation></translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation></translation>
    </message>
    <message>
        <source>Open or create a model first.</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <source>Train %1 for %n epoch(s)</source>
        <translation>
            <numerusform>Train %1 for %n epoch</numerusform>
            <numerusform>Train %1 for %n epochs</numerusform>
        </translation>
    </message>
    <message>
        <source>Started: %1 on %2</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <source>Train %n epoch(s)</source>
        <translation>
            <numerusform>Train %n epoch</numerusform>
            <numerusform>Train %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trained: top-1 %1, top-5 %2, loss %3 after %n epoch(s)</source>
        <translation>
            <numerusform>Trained: top-1 %1, top-5 %2, loss %3 after %n epoch</numerusform>
            <numerusform>Trained: top-1 %1, top-5 %2, loss %3 after %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable image file(s) were skipped</source>
        <translation>
            <numerusform>%n unreadable image file was skipped</numerusform>
            <numerusform>%n unreadable image files were skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>training loss</source>
        <translation></translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation></translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation></translation>
    </message>
    <message>
        <source>validation top-1</source>
        <translation></translation>
    </message>
    <message>
        <source>validation top-5</source>
        <translation></translation>
    </message>
    <message>
        <source>The job failed</source>
        <translation></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation></translation>
    </message>
    <message>
        <source>Cancelled: %1. The model is unchanged.</source>
        <translation></translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation></translation>
    </message>
    <message>
        <source>Open &amp;Baseline</source>
        <translation></translation>
    </message>
    <message>
        <source>The bundled model %1 is missing from this build.</source>
        <translation></translation>
    </message>
    <message>
        <source>Opened the bundled baseline %1</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the model to ONNX or TorchScript, verified against Slimbench&apos;s own output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX opset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models (*.slim *.onnx *.pt);;Slimbench models (*.slim);;ONNX models (*.onnx);;TorchScript archives (*.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Slimbench (.slim), ONNX (.onnx) or TorchScript (.pt) model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a model file nor a zoo model. The zoo has: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still saving; try again when the save has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stayed with the current model because it could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is still running. Wait for it to finish, or cancel it in the Jobs dock, then start the next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1. The model it started from is no longer open, so the result was not applied to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result of a Closed Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has finished, but the model it started from is no longer open. &quot;%2&quot; was left as it is.

Open the result as a new, unsaved model?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the result of %1 as a new, unsaved model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs Are Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs are still running. Cancel them and quit? Their results will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prune Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the least important channels of the open model (structured pruning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune %1 % of channels (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune to %1 % of MACs (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune to %1 % of parameters (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask %1 % of weights (magnitude)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redundancy</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n compression stage(s)</source>
        <translation>
            <numerusform>%1: %n compression stage</numerusform>
            <numerusform>%1: %n compression stages</numerusform>
        </translation>
    </message>
    <message>
        <source>baseline top-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is still running. Wait for it to finish, or cancel it in the Jobs dock, then prune.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n group(s) with their own ratio</source>
        <translation>
            <numerusform>, %n group with their own ratio</numerusform>
            <numerusform>, %n groups with their own ratio</numerusform>
        </translation>
    </message>
    <message>
        <source>Pruned with masks: %1 % of the MACs and %2 % of the parameters are non-zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned structurally: channels removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune &amp;While Training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterative schedules, network slimming, dynamic network surgery, AGP and ADMM on the open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;Recipe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a training or compression recipe file on the open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot run a recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or create a model first: a recipe runs on the open model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run Recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1 on the open model; its stages&apos; versions stay in this session (slimbench-cli run writes them to files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot run the recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a recipe of kind &quot;%2&quot;; Run Recipe takes &quot;train&quot; and &quot;compress&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Compress (%n stage(s))</source>
        <translation>
            <numerusform>Compress (%n stage)</numerusform>
            <numerusform>Compress (%n stages)</numerusform>
        </translation>
    </message>
    <message>
        <source>Write an RKNN bundle for Rockchip NPUs (ONNX, calibration images, conversion script) and convert it with rknn-toolkit2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantize and Distill…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-training quantization, quantization-aware training (16/8/4 bits) and knowledge distillation of the open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot quantize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distillation: response loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distillation: feature loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distillation: relation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>teacher top-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization-aware training at %1 bits from epoch %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Slimbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] · %2 — Slimbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s)</source>
        <translation>
            <numerusform>Trained %n epoch</numerusform>
            <numerusform>Trained %n epochs</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; is still running. Wait for it to finish, or cancel it in the Jobs dock, then quantize.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Compressed in %n stage(s)</source>
        <translation>
            <numerusform>Compressed in %n stage</numerusform>
            <numerusform>Compressed in %n stages</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h3&gt;Slimbench %1&lt;/h3&gt;&lt;p&gt;A workbench for compressing convolutional neural networks.&lt;/p&gt;&lt;p&gt;It builds, imports (TorchScript, ONNX), analyses, trains and evaluates models; prunes them (structured channel pruning by L1/L2, BN γ, Taylor, FPGM, SVD energy; magnitude masks; pruning while training: network slimming, dynamic network surgery, AGP, ADMM); quantizes (post-training and quantization-aware, 16/8/4 bits) and distills them; keeps every version in a project for comparison tables; and exports them (ONNX, TorchScript, RKNN bundles), each export verified.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Unsaved Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slimbench did not close normally last time. &quot;%1&quot; had changes that were not saved; they were autosaved at %2.

Restore them as an unsaved model?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the unsaved changes of %1 autosaved at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for R&amp;KNN…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::MethodDialog</name>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every stage trains from trained weights: a tenth of the Train panel&apos;s rate is a common start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;hedule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-shot prunes everything at once; equal steps prune the same share each time; progressive prunes p_i = p_f·(1 − (1 − i/n)^k) of the original after step i, more early on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xponent k:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fine-tune epochs per step:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sparsity λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sparsity &amp;training epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Channels removed (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fine-tune epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sparsity (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold &amp;margin (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Final sparsity (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masks grow every N &amp;steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Channels removed per layer (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penalty &amp;ρ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purification threshold (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ADMM epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retraining epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune While Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterative schedule of the Prune panel&apos;s cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network slimming (L1 on BatchNorm γ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dynamic network surgery (prune and restore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AGP: gradual magnitude pruning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADMM with purification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progressive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ of the penalty λ·Σ|γ| on every BatchNorm scale. The paper&apos;s 1e-4 barely moves γ in a few epochs; 5e-3 polarises them on Fashion-MNIST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each layer prunes below (1 − margin)·t and restores above (1 + margin)·t, t the magnitude at the chosen sparsity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After hard pruning, a channel whose weights&apos; norm is below this share of its layer&apos;s median goes too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Recipe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes these stages as a recipe that slimbench-cli run repeats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel first: every method trains on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunes by %1 toward the Prune panel&apos;s target; after each step %2 % of the MACs (parameters) are gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunes by %1 toward the Prune panel&apos;s ratio; after each step %2 % are gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains with the L1 penalty on every BatchNorm γ, removes the %1 % of channels with the smallest |γ| under one global threshold, then fine-tunes. Watch γ polarise in Redundancy › |γ| over epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raises every layer&apos;s sparsity along Zhu and Gupta&apos;s cubic to %1 % over the first three quarters of the epochs, then trains on with fixed masks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains with ADMM toward a copy with %1 % of every layer&apos;s channels zeroed, removes them and the channels left nearly empty (purification), then retrains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %n training epoch(s) in all on %2. The result replaces the model as one step you can undo.</source>
        <translation>
            <numerusform>%1 %n training epoch in all on %2. The result replaces the model as one step you can undo.</numerusform>
            <numerusform>%1 %n training epochs in all on %2. The result replaces the model as one step you can undo.</numerusform>
        </translation>
    </message>
    <message>
        <source>This model has no BatchNorm layer: network slimming ranks channels by BatchNorm γ, so it would remove nothing. Choose another method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masks up to %1 % of every conv and Linear weight (weights between the two thresholds stay, so usually a few per cent fewer) and trains the dense weights through the masked forward pass, so weights pruned by mistake come back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::ModelPanel</name>
    <message>
        <source>Total: %1 parameters, %2 MACs in %3 layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned with masks: %1 non-zero parameters, %2 non-zero MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned structurally: channels removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter layers by name or operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated energy per image at 32 bits: %1 µJ (arithmetic %2, weights from DRAM %3, activations %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::NewModelDialog</name>
    <message>
        <source>Fashion-MNIST / MNIST (1×28×28, 10 classes)</source>
        <translation></translation>
    </message>
    <message>
        <source>CIFAR-10 (3×32×32, 10 classes)</source>
        <translation></translation>
    </message>
    <message>
        <source>CIFAR-100 (3×32×32, 100 classes)</source>
        <translation></translation>
    </message>
    <message>
        <source>ImageNet (3×224×224, 1000 classes)</source>
        <translation></translation>
    </message>
    <message>
        <source>New Model from Zoo</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Input (channels × height × width):</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Classes:</source>
        <translation></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation></translation>
    </message>
    <message>
        <source>Create</source>
        <translation></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>slim::app::OverviewPanel</name>
    <message>
        <source>raw pixels, no scaling or normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixels × %1, then (x − mean) / std with mean [%2], std [%3]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixels × %1, no normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; channels %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Create a model with &lt;b&gt;File › New from Zoo&lt;/b&gt; (%1), open a &lt;code&gt;.slim&lt;/code&gt; file with &lt;b&gt;File › Open&lt;/b&gt; (%2), or drop a model file on this window.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pruned, top-1 %1 on its test set; not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained, top-1 %1 on its test set; not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in zoo, not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with quantized weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as float32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;6&apos;&gt;&lt;tr&gt;&lt;td&gt;Source&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Input&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Preprocessing&lt;/td&gt;&lt;td&gt;%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Output&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;&lt;b&gt;%5&lt;/b&gt; (%6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;MACs per sample&lt;/td&gt;&lt;td&gt;&lt;b&gt;%7&lt;/b&gt; (FLOPs = 2 × MACs = %8)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Activation memory per sample&lt;/td&gt;&lt;td&gt;%9 in total, %10 at peak&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::Project</name>
    <message>
        <source>Cannot write to the project database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project database refused a statement: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project database failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project %1 is open in another Slimbench (process %2). Close it there first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot lock the project %1: its folder is not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds a project; open it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Slimbench project: it has no %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written by a newer Slimbench (project format %2; this one reads up to %3). Open it with that version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Slimbench project database (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not a Slimbench project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set up %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no version %1 to derive a version from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint %1 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not empty. A project needs a new or empty folder of its own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::ProjectSession</name>
    <message>
        <source>The version could not be added to the project: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::ProjectWorkflow</name>
    <message>
        <source>Closed the project %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added version “%1” to the project %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Pro&amp;ject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a project folder that keeps every version you make, with its figures and curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Projec&amp;t…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the model open in the workbench as a new version of the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare Versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project&apos;s versions side by side, exported as CSV, Markdown or LaTeX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compression-project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project folders (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the project %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the project %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %n checkpoint(s) that an interrupted session had left without a version</source>
        <translation>
            <numerusform>Removed %n checkpoint that an interrupted session had left without a version</numerusform>
            <numerusform>Removed %n checkpoints that an interrupted session had left without a version</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened version “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or create a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open model is already a version of the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare the versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Figure Pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every figure of the project (accuracy against MACs, each run&apos;s curves) as PNG, PDF, SVG and CSV, with the comparison table, in the style of the last Export Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Figure Pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) of figures and tables to %1</source>
        <translation>
            <numerusform>Wrote %n file of figures and tables to %1</numerusform>
            <numerusform>Wrote %n files of figures and tables to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export the figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Open Model as &amp;Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Projects</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::PruneDialog</name>
    <message>
        <source>L1 norm of filters (Li et al. 2017)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 norm of filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BN scaling factor |γ| (network slimming)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-order Taylor |w·∂L/∂w| (needs a data set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometric median distance (FPGM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVD energy share of filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random (baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Taylor criterion scores channels on data: choose a data set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a share of the channels (pruning ratio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a share of the MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a share of the parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importance &amp;criterion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Round widths to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept channel counts become multiples of this (8 or 16 suit NPUs such as the RK3588); 1 leaves them as the criterion chose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: measures top-1 before and after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder with IDX (MNIST, Fashion-MNIST), CIFAR or ImageFolder data. Top-1 is measured on its test split; Taylor scores and recalibration use its training split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;calibrate BatchNorm statistics on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-estimates every BatchNorm&apos;s running mean and variance on training batches, changing no weight. After pruning, stale statistics cause most of the accuracy loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels to &amp;remove:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share to &amp;keep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruning runs as a job and replaces the open model as one step you can undo. Without a data set no accuracy is measured and BatchNorm is not recalibrated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruning runs as a job and replaces the open model as one step you can undo. The Log shows top-1 before pruning, right after it and after recalibration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data Set Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight magnitude: unstructured masks, no channel removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights to &amp;zero:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer-wise: every layer loses the same share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global threshold: one ranking over all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs and parameter targets always rank globally: the least important channels of the whole model go first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L1 norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BN |γ|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taylor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FPGM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVD energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>magnitude</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::PrunePanel</name>
    <message>
        <source>Open a model to preview pruning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring channels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels to &amp;remove:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs to &amp;keep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters to &amp;keep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters: %1 → %2 (%3 %)
MACs: %4 → %5 (%6 %)
Channels kept: %7 of %8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The budget cannot be reached: every group keeps at least one channel and overrides stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An override is the share of the group&apos;s channels to remove, from 0 % to %1 %; got &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ound widths to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to give this group its own pruning ratio, outside the slider and any ranking. 0 keeps every channel; empty follows the slider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recalibrate &amp;BatchNorm on the Train panel&apos;s data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-estimates every BatchNorm&apos;s running mean and variance on training batches after pruning, changing no weight; stale statistics cause most of the accuracy lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunes the model as previewed, as a job; Edit › Undo restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More &amp;methods…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taylor scores on data and unstructured magnitude masks, in the Prune dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The γ threshold sets a share of the channels to remove: the target is now the pruning ratio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides for groups this model does not have were dropped: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune and &amp;Fine-tune…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunes as previewed, then fine-tunes with the Train panel&apos;s data, as one job whose accuracy curve grows in Curves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 with half of this group&apos;s channels removed and nothing else, from the Sensitivity scan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::PruneWorkbench</name>
    <message>
        <source>No data set is chosen in the Train panel: BatchNorm is not recalibrated after pruning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or create a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel: the scan measures accuracy on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitivity of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sensitivity scan finished for a model that is no longer open; its curves were dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sensitivity: baseline top-1 %1 on %2 images; %n group(s) scanned</source>
        <translation>
            <numerusform>Sensitivity: baseline top-1 %1 on %2 images; %n group scanned</numerusform>
            <numerusform>Sensitivity: baseline top-1 %1 on %2 images; %n groups scanned</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; will replace the model when it finishes: scan the model it leaves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; will replace the model when it finishes: search on the model it leaves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel: the search measures accuracy on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratio search for %1 (%2 % of the MACs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ratio search finished for a model that is no longer open; its ratios were dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Ratio search: top-1 %1 on %2 images (the greedy ratios: %3) after %n candidate(s)</source>
        <translation>
            <numerusform>Ratio search: top-1 %1 on %2 images (the greedy ratios: %3) after %n candidate</numerusform>
            <numerusform>Ratio search: top-1 %1 on %2 images (the greedy ratios: %3) after %n candidates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>slim::app::QuantizeDialog</name>
    <message>
        <source>&amp;Weight bits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activation bits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Observer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Calibration batches:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Teacher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tem&amp;perature T:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Feature weight β:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation &amp;kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models (*.slim *.onnx *.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W%1A%2 post-training quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W%1A%2 quantization-aware training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distillation from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data set in the Train panel first: calibration and training run on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the teacher: a model file (.slim, .onnx or .pt), for example the version this one was pruned from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teacher file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature distillation needs a layer: choose the feature layer, or set its weight to 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folds BatchNorm, simulates the weights and activations at the bits below, and calibrates the activation ranges on %1 training batches of %2. No training: seconds. The per-layer error chart and top-1 before and after follow; the result replaces the model as one step you can undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantizes and calibrates as post-training quantization does, then trains under the fake quantization (straight-through gradients) on %1. The curves grow in Curves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tunes the open model (the student) on %1 while it learns from the teacher&apos;s softened outputs (KL × T², weight α), and optionally its features (an adapter matches the widths) and the relations between the samples of a batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantize and Distill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-training quantization (PTQ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization-aware training (QAT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge distillation fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How activation ranges are chosen from the calibration data: minmax (smallest and largest value), ema (moving average of each batch&apos;s), percentile (drops the outer 0.01 %), mse (least squared rounding and clipping error), kl (TensorRT&apos;s entropy calibration).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One weight scale per output &amp;channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-channel weights lose much less accuracy than one scale per layer; RK3588 and ONNX Runtime run them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ymmetric activations (signed, zero point 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the first and last layers at 8 &amp;bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training batches of 64 images the ranges are calibrated on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step the bits down: 16 → 8 → target, a third of the epochs each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher-&amp;guided: the open model in full precision as the teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model file: the version this one was pruned from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softens both models&apos; outputs; 2 to 8 are common. The KL term is multiplied by T².</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the distillation term; the labels&apos; cross-entropy gets 1 − α.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A layer both models have, at the same spatial size; a learned 1×1 adapter matches a pruned student&apos;s width to the teacher&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight the feature error by the teacher&apos;s &amp;attention σ(AvgPool + MaxPool)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine relation matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RKD distance and angle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Recipe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes this as a recipe that slimbench-cli run repeats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stepwise bit-width schedule: the model adapts to each precision before the next cut. Needs a target below 8 bits and at least 3 epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization-aware training and distillation start from trained weights: a small rate such as 0.001 keeps the BatchNorm-folded model stable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respo&amp;nse weight α:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature la&amp;yer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation wei&amp;ght γ:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::Quantizer</name>
    <message numerus="yes">
        <source>Quantized to W%1A%2 (%3 weights, %4 activations, observer %5) on %n calibration batch(es); %6 BatchNorm layer(s) folded.</source>
        <translation>
            <numerusform>Quantized to W%1A%2 (%3 weights, %4 activations, observer %5) on %n calibration batch; %6 BatchNorm layer(s) folded.</numerusform>
            <numerusform>Quantized to W%1A%2 (%3 weights, %4 activations, observer %5) on %n calibration batches; %6 BatchNorm layer(s) folded.</numerusform>
        </translation>
    </message>
    <message>
        <source>per-channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per-tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>symmetric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asymmetric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size at these bits: %1 bytes, %2 % of %3 bytes in float.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest SQNR: %1 dB at %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W%1A%2 post-training quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-click the chart to save it as a figure (PNG, PDF, SVG and CSV).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1: %1 % in float, %2 % quantized (%3 points; %4 test images).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::RedundancyPanel</name>
    <message>
        <source>Importance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L1 norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>|γ|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel (by score, ascending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BatchNorm |γ|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept or removed (pruning preview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importance (the criterion&apos;s score)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter L1 norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter L2 norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight sparsity per filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BN scaling factor |γ|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sort channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders each row&apos;s channels by their score (or value), lowest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the &amp;selected BatchNorm layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BatchNorm |γ| of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the γ of the layer selected in the heatmap or the layer table (or of the BatchNorm after a selected convolution), with the line at the share its group loses. Dragging the line sets the pruning ratio only while all layers are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>|γ| of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>|γ| over epochs (sparsity training)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::RknnExportDialog</name>
    <message>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ This Python can import rknn.api.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the RKNN bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python with rknn-toolkit2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1 for RKNN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target platform:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization &amp;algorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantize per:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Calibration data set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration &amp;images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Python:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantize on the NPU (RKNN&apos;s post-training quantization)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;vert now with rknn-toolkit2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A data set folder; its training images are written as PNG for dataset.txt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The python of the virtual environment where rknn-toolkit2 is installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder receives model.onnx (float, BatchNorm folded, verified), the calibration images with dataset.txt, convert_rknn.py and a README. The model&apos;s normalisation goes into the script in pixel units, so RKNN applies it once. Without rknn-toolkit2 here, run convert_rknn.py where it is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantized t&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::RknnExporter</name>
    <message numerus="yes">
        <source>Wrote the RKNN bundle for %1 in %2: model.onnx (opset %3), %n calibration image(s), convert_rknn.py and README.md.</source>
        <translation>
            <numerusform>Wrote the RKNN bundle for %1 in %2: model.onnx (opset %3), %n calibration image, convert_rknn.py and README.md.</numerusform>
            <numerusform>Wrote the RKNN bundle for %1 in %2: model.onnx (opset %3), %n calibration images, convert_rknn.py and README.md.</numerusform>
        </translation>
    </message>
    <message>
        <source>The ONNX file read back by Slimbench against the model: max |difference| %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalisation for RKNN, in pixel units: mean %1, std %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Accuracy analysis: %n layer(s); the lowest cosine is %1 at [%2] %3.</source>
        <translation>
            <numerusform>Accuracy analysis: %n layer; the lowest cosine is %1 at [%2] %3.</numerusform>
            <numerusform>Accuracy analysis: %n layers; the lowest cosine is %1 at [%2] %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>To convert, run convert_rknn.py with the Python of rknn-toolkit2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: RKNN bundle for %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1 for %2 (RKNN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RKNN Export Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The accuracy analysis could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::SensitivityPanel</name>
    <message>
        <source>Working out the ratios…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) given their own ratio in the Prune panel.</source>
        <translation>
            <numerusform>%n group given their own ratio in the Prune panel.</numerusform>
            <numerusform>%n groups given their own ratio in the Prune panel.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test images each point is measured on (a fixed random subset); 0 uses all of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunes each channel group alone at 10 %, 20 %, … 90 % by the Prune panel&apos;s criterion and measures top-1 on the Train panel&apos;s data set, as a job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs to &amp;keep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;Ratios for This Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gives each group its own ratio, cutting first where the curves lose the least accuracy per MAC saved, until the MACs fall to the budget; the Prune panel previews the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model to scan its sensitivity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scan yet: Scan prunes each group alone and plots its accuracy here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline top-1 %1 on %2 images, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refine by &amp;Annealing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Starts from those ratios and searches by simulated annealing: each candidate is pruned and measured on the scan&apos;s images, and the best within the budget goes to the Prune panel (a job of %n evaluation(s)).</source>
        <translation>
            <numerusform>Starts from those ratios and searches by simulated annealing: each candidate is pruned and measured on the scan&apos;s images, and the best within the budget goes to the Prune panel (a job of %n evaluation).</numerusform>
            <numerusform>Starts from those ratios and searches by simulated annealing: each candidate is pruned and measured on the scan&apos;s images, and the best within the budget goes to the Prune panel (a job of %n evaluations).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>slim::app::ShapeEditor</name>
    <message>
        <source>Channels (C): 1 for grey-scale, 3 for colour images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height (H) in pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width (W) in pixels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::TrainPanel</name>
    <message>
        <source>Choose a Data Set Folder</source>
        <translation></translation>
    </message>
    <message>
        <source>Save Training Recipe</source>
        <translation></translation>
    </message>
    <message>
        <source>Recipes (*.json)</source>
        <translation></translation>
    </message>
    <message>
        <source>Cannot save the recipe</source>
        <translation></translation>
    </message>
    <message>
        <source>Open Training Recipe</source>
        <translation></translation>
    </message>
    <message>
        <source>Cannot open the recipe</source>
        <translation></translation>
    </message>
    <message>
        <source>Label smoothing:</source>
        <translation></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation></translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation></translation>
    </message>
    <message>
        <source>SGD</source>
        <translation></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation></translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation></translation>
    </message>
    <message>
        <source>Constant</source>
        <translation></translation>
    </message>
    <message>
        <source>Step</source>
        <translation></translation>
    </message>
    <message>
        <source>Multi-step</source>
        <translation></translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation></translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation></translation>
    </message>
    <message>
        <source>Random horizontal flip</source>
        <translation></translation>
    </message>
    <message>
        <source>All cores</source>
        <translation></translation>
    </message>
    <message>
        <source>Off</source>
        <translation></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation></translation>
    </message>
    <message>
        <source>Save Recipe…</source>
        <translation></translation>
    </message>
    <message>
        <source>Open Recipe…</source>
        <translation></translation>
    </message>
    <message>
        <source>“%1” is not a whole number of epochs above 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 comes after %2; list the epochs in increasing order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model Train starts from: the one open in the window. A saved recipe names it, so slimbench-cli train runs the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning (recovery training) continues from the open model&apos;s weights, at a learning rate ten times lower than training from scratch. Default: fine-tune.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune the open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continues training from the open model&apos;s weights, for example to recover accuracy after pruning. Default learning rate: SGD 0.01, Adam 0.0001; no warm-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train from scratch (re-initialise weights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discards the open model&apos;s weights, initialises them afresh with the model&apos;s seed and trains the architecture from the start. Default learning rate: SGD 0.1, Adam 0.001; one warm-up epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder with IDX files (MNIST, Fashion-MNIST), CIFAR binary batches, or one sub-folder per class. Default: Debian&apos;s Fashion-MNIST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per optimizer step. Larger batches need more memory. Default: 128.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Crop padding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random-crop augmentation: pads each training image by this many pixels on every side, then crops it back to its size at a random place. Default: off; 4 is usual for CIFAR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirrors each training image left to right with probability ½. Default: off; leave it off for digits and text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD with momentum (the usual choice for CNNs), Adam, or AdamW (Adam with decoupled weight decay). Switching sets the learning rate to the optimizer&apos;s default unless you changed it. Default: SGD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The optimizer&apos;s step size at the start of the schedule. Defaults: SGD 0.1 from scratch and 0.01 to fine-tune; Adam and AdamW 0.001 from scratch and 0.0001 to fine-tune.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Momentum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD only: the share of the previous update carried into the next one (0 to 0.999). Default: 0.9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD only: evaluates the gradient after the momentum step (Nesterov, 1983; Sutskever et al., 2013). Default: on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Weight decay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 penalty on the weights, per step (decoupled from the gradient for AdamW). Default: 0.0005.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves this share of each target&apos;s probability evenly onto all classes (Szegedy et al., 2016), 0 to 0.5. Default: 0 (off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;pochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the whole training set. Default: 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LR &amp;schedule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the learning rate changes from epoch to epoch: constant; step (multiplied by gamma every step size epochs); multi-step (multiplied by gamma at each milestone); cosine (down to the minimum learning rate; Loshchilov &amp; Hutter, 2017). Default: cosine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step si&amp;ze:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step schedule: epochs between two drops of the learning rate. Default: 30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milesto&amp;nes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-step schedule: the epochs after which the learning rate is multiplied by gamma, in increasing order and separated by commas, for example 30, 60, 90.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gamma:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step and multi-step schedules: the factor the learning rate is multiplied by at each drop (0.001 to 1). Default: 0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min&amp;imum LR:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine schedule: the learning rate the last epoch ends at. Default: 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W&amp;arm-up epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs over which the learning rate rises linearly from near zero to its start value, for every schedule; fewer than the epochs. Defaults: 1 from scratch, 0 to fine-tune.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds shuffling and augmentation. The same seed, thread count and recipe give the same numbers. Default: 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads used for training. Default: all cores; set a number to reproduce results exactly on another machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utput model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional .slim file the trained model is also written to, as slimbench-cli train does. Empty: the result only replaces the open model (Edit › Undo takes it back); a saved recipe then writes &lt;recipe name&gt;-trained.slim beside itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics CSV:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional CSV file of per-epoch loss, accuracy, learning rate and seconds, as slimbench-cli train writes it. Empty: not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the Trained Model To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slimbench models (*.slim)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the Metrics To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data set: choose a data set folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones: enter the epochs at which the learning rate drops, for example 30, 60, 90.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones: %1 is not below the number of epochs (%2), so the learning rate would never drop there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step size: %1 is not below the number of epochs (%2), so the learning rate would never drop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open model is not saved, so a recipe cannot name it. Save the model first (File › Save As), then save the recipe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open model was read from a TorchScript file, which does not record its input size. Save it as a .slim model first (File › Save As), then save the recipe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model open in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None open: create or open one (File menu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from the built-in zoo, seed %2, not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved (save it before saving a recipe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (named by the recipe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The opened recipe names %1; Train and Save Recipe use the open model instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot train yet. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Train re-initialises the weights and trains from scratch: %1 from learning rate %2, %n epoch(s).</source>
        <translation>
            <numerusform>Train re-initialises the weights and trains from scratch: %1 from learning rate %2, %n epoch.</numerusform>
            <numerusform>Train re-initialises the weights and trains from scratch: %1 from learning rate %2, %n epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train fine-tunes the open model&apos;s weights: %1 from learning rate %2, %n epoch(s).</source>
        <translation>
            <numerusform>Train fine-tunes the open model&apos;s weights: %1 from learning rate %2, %n epoch.</numerusform>
            <numerusform>Train fine-tunes the open model&apos;s weights: %1 from learning rate %2, %n epochs.</numerusform>
        </translation>
    </message>
    <message>
        <source>It also writes %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the data set folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to write the trained model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to write the metrics CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not written: the result replaces the open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30, 60, 90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs the recipe on the open model as a background job; the result replaces the model as one undoable step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes these settings and the open model&apos;s file as a JSON recipe that slimbench-cli train runs the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads a JSON training recipe into the fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BN sparsity λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network slimming (Liu et al. 2017): adds λ·Σ|γ| over every BatchNorm scale to the loss, driving the γ of unneeded channels toward zero so that a global γ threshold prunes them (Prune panel, BN |γ|, global scope). The Redundancy heatmap shows γ over the epochs. Typical 1e-5 to 5e-3. Default: 0 (off).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::app::VersionTreePanel</name>
    <message>
        <source>%1 · teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in the workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Compare %n Selected…</source>
        <translation>
            <numerusform>&amp;Compare %n Selected…</numerusform>
            <numerusform>&amp;Compare %n Selected…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Compare All…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project is open. A project keeps every version you make, with its figures and curves, for the comparison table and the figures of your thesis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the model open in the workbench to the project as a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as &amp;Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distillation in Quantize and Distill uses this version as its teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n Version(s)</source>
        <translation>
            <numerusform>Delete %n Version</numerusform>
            <numerusform>Delete %n Versions</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete %1 from the project? Its checkpoint is deleted too; versions made from it stay, under its parent. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 from the project? Their checkpoints are deleted too; versions made from them stay, under their parents. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::CosineView</name>
    <message>
        <source>[%1] %2: cosine %3 accumulated, %4 alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accumulated (entire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer alone (single)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine similarity to the float model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::CostChart</name>
    <message>
        <source>MACs (millions)</source>
        <translation></translation>
    </message>
    <message>
        <source>Parameters (thousands)</source>
        <translation></translation>
    </message>
    <message>
        <source>MACs (M)</source>
        <translation></translation>
    </message>
    <message>
        <source>Parameters (K)</source>
        <translation></translation>
    </message>
    <message>
        <source>%1
MACs: %2
Parameters: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
MACs: %2 → %3
Parameters: %4 → %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params after</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::CurveView</name>
    <message>
        <source>Epoch</source>
        <translation></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation></translation>
    </message>
    <message>
        <source>No training yet: Run › Train (%1) plots loss and accuracy here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;moothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the moving average drawn over per-batch values: 0 draws them as they are, 0.99 smooths the most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;earlier runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws the last three runs in grey under this one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::FigureExport</name>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Figure…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::FigureExportDialog</name>
    <message>
        <source>&amp;Grayscale (lines told apart by dashes and markers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thesis, single column (8.5 × 6 cm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thesis, double column (17 × 8 cm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slide, 16:9 (25.4 × 14.3 cm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the PNG; PDF and SVG are vector graphics and print sharp at any size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noto Sans CJK SC prints Chinese and Latin text alike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures (*.png *.pdf *.svg *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of %1 does not exist. Choose where to save the figure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::HeatmapView</name>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Logarithmic colour scale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::HistogramView</name>
    <message>
        <source>No values to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept %1 of %2 (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bins:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag the line to set the threshold: values left of it would be pruned.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::ParetoView</name>
    <message>
        <source>MACs (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::QuantErrorView</name>
    <message>
        <source>weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3 bits): exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3 bits): SQNR %4 dB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantized tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQNR (dB, higher is better)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest SQNR</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slim::widgets::SensitivityView</name>
    <message>
        <source>%1: top-1 %2 with %3 % of its channels removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels removed from the group alone (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
