#include "train/recalibration.h"

#include "core/error.h"
#include "core/runtime.h"
#include "data/loader.h"
#include "graph/executor.h"
#include "graph/graph.h"

#include <ATen/ATen.h>

namespace slim::engine::train {

std::int64_t recalibrateBatchNorm(graph::Graph& graph, data::DataLoader& loader, std::int64_t batches,
                                  const JobContext& context)
{
    if (batches < 1)
        throw Error(ErrorCode::InvalidArgument, "recalibration needs at least one batch", {"batches", std::to_string(batches)});
    ensureRuntimeInitialised();
    bool hasBatchNorm = false;
    for (graph::Node& node : graph.nodes()) {
        if (node.op != graph::OpKind::BatchNorm2d)
            continue;
        hasBatchNorm = true;
        const at::Tensor mean = node.tensor("running_mean");
        node.setTensor("running_mean", at::zeros_like(mean));
        node.setTensor("running_var", at::ones_like(node.tensor("running_var")));
        if (node.tensor("num_batches_tracked").defined())
            node.setTensor("num_batches_tracked", at::zeros_like(node.tensor("num_batches_tracked")));
    }
    if (!hasBatchNorm)
        return 0;

    // A shallow copy shares the new statistics' tensors; its own attributes carry the
    // momentum 1/n that turns the running update into a plain average of the batches.
    graph::Graph passes = graph;
    const graph::Executor executor(passes);
    at::NoGradGuard noGrad;
    std::int64_t used = 0;
    return data::forEachBatch(loader, batches, context, "recalibration", "recalibrating BatchNorm",
                              [&](const data::Batch& batch) {
        ++used;
        for (graph::Node& node : passes.nodes()) {
            if (node.op == graph::OpKind::BatchNorm2d)
                node.attrs.set("momentum", 1.0 / static_cast<double>(used));
        }
        executor.forward(batch.images, graph::ExecMode::Train);
    });
}

} // namespace slim::engine::train
