#include "prune/taylor.h"

#include "core/error.h"
#include "core/runtime.h"
#include "data/loader.h"
#include "graph/executor.h"
#include "graph/graph.h"
#include "passes/dependencygroups.h"

#include <ATen/ATen.h>

namespace slim::engine::prune {

namespace {

/// Adds `batch`'s member scores to `total` (same groups and members, by construction).
void accumulate(Importance& total, const Importance& batch)
{
    if (total.groups.empty()) {
        total = batch;
        return;
    }
    for (std::size_t g = 0; g < total.groups.size(); ++g) {
        for (std::size_t m = 0; m < total.groups[g].size(); ++m) {
            std::vector<double>& sum = total.groups[g][m].scores;
            const std::vector<double>& add = batch.groups[g][m].scores;
            for (std::size_t k = 0; k < sum.size(); ++k)
                sum[k] += add[k];
        }
    }
}

} // namespace

Importance computeTaylorImportance(const graph::Graph& graph, const passes::DependencyGroups& groups,
                                   data::DataLoader& loader, std::int64_t batches, const JobContext& context)
{
    ensureRuntimeInitialised();
    graph::Graph work = graph.clone();
    for (graph::Node& node : work.nodes()) {
        for (graph::NamedTensor& named : node.params)
            named.tensor.requires_grad_(true);
    }
    const graph::Executor executor(work);
    ImportanceOptions options;
    options.criterion = Criterion::Taylor;
    Importance total;
    const std::int64_t used = data::forEachBatch(loader, batches, context, "the Taylor criterion", "Taylor scores",
                                                 [&](const data::Batch& batch) {
        for (graph::Node& node : work.nodes()) {
            for (graph::NamedTensor& named : node.params) {
                if (named.tensor.grad().defined())
                    named.tensor.mutable_grad().zero_();
            }
        }
        const at::Tensor logits = executor.forward(batch.images, graph::ExecMode::Eval);
        at::cross_entropy_loss(logits, batch.labels).backward();

        // The same graph with w·∂L/∂w in place of each parameter: the criterion's input.
        graph::Graph products = work;
        for (graph::Node& node : products.nodes()) {
            for (graph::NamedTensor& named : node.params) {
                const at::Tensor weight = named.tensor.detach();
                const at::Tensor gradient = named.tensor.grad();
                named.tensor = gradient.defined() ? weight * gradient : at::zeros_like(weight);
            }
        }
        accumulate(total, computeImportance(products, groups, options));
    });
    for (std::vector<MemberScores>& members : total.groups) {
        for (MemberScores& member : members) {
            for (double& score : member.scores)
                score /= static_cast<double>(used);
        }
    }
    total.options = options;
    return total;
}

} // namespace slim::engine::prune
