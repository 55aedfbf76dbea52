#pragma once

// Low-rank decomposition: a layer's weight replaced by a product of smaller ones, kept to a
// share of its singular-value energy. Plain declarations (the graph is only named), so the
// CLI can include it.

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::graph { class Graph; }

namespace slim::engine::passes {

/// How a k×k convolution (k > 1, one group) is factored.
enum class ConvFactorization {
    Auto,        ///< whichever of the two costs fewer MACs at the kept energy
    Tucker2,     ///< 1×1 to R_in channels, k×k core R_in → R_out, 1×1 to the outputs (Kim et al., ICLR 2016)
    SpatialSvd,  ///< k×1 to R channels, then 1×k (Jaderberg et al., BMVC 2014, scheme 2)
};

struct LowRankSettings {
    /// The share of each factored matrix's singular-value energy (Σσ² of the kept ranks over
    /// all) to keep, in (0, 1]; 1 keeps the full rank (exact).
    double energy = 0.9;
    /// When in (0, 1): the energy is instead the largest that brings the decomposed model's
    /// MACs to at most this fraction of the original's (found by bisection); 0: off.
    double targetMacs = 0;
    ConvFactorization conv = ConvFactorization::Auto;
    /// Factor a layer only where that lowers its MACs. Off: every layer that can be, even when
    /// the factors cost more (to study a decomposition, or to fine-tune the factors).
    bool requireFewerMacs = true;
    /// Nodes left as they are.
    std::vector<std::string> protectedNodes;
};

/// What happened to one Conv2d or Linear.
struct LayerFactorization {
    std::string name;
    std::string method;  ///< "svd" (Linear and 1×1 conv), "tucker2", "spatial-svd", or "" when left whole
    std::vector<std::int64_t> ranks;      ///< kept ranks (Tucker-2: R_in, R_out)
    std::vector<std::int64_t> fullRanks;  ///< the largest each could be
    double keptEnergy = 1;                ///< the lowest kept share among its factorizations
    std::int64_t macsBefore = 0;          ///< per sample
    std::int64_t macsAfter = 0;
    std::string reason;                   ///< why it was left whole
};

struct LowRankReport {
    std::vector<LayerFactorization> layers;  ///< every Conv2d and Linear, in node order
    double energy = 0;                       ///< the energy used (found, with targetMacs)
    std::int64_t macsBefore = 0;
    std::int64_t macsAfter = 0;
    std::int64_t paramsBefore = 0;
    std::int64_t paramsAfter = 0;
};

/// A new graph with every Conv2d and Linear not protected replaced by its low-rank
/// factorization where that costs fewer MACs (see requireFewerMacs): a Linear by two (in → r → out), a 1×1 conv by
/// two 1×1 convs, a k×k conv by Tucker-2 or spatial SVD (see ConvFactorization). Strides,
/// padding and dilation go to the factor that acts on those axes and the bias to the last,
/// so at energy 1 the result equals the original to float rounding. New nodes are named
/// after the layer ("conv1.reduce", "conv1.core", "conv1.restore"; "conv1.vertical",
/// "conv1.horizontal"); later nodes and outputs keep their names. Grouped and masked layers
/// are left whole (the report says why). All tensors are new; parameters require grad as the
/// originals did, so the result fine-tunes.
///
/// Throws Error(InvalidArgument) naming "energy" outside (0, 1], "target MACs" outside
/// [0, 1), or a protected node the graph does not have; Error(InvalidGraph) when `graph`
/// does not validate. Pure; any thread.
graph::Graph decomposeLowRank(const graph::Graph& graph, const LowRankSettings& settings, LowRankReport* report = nullptr);

} // namespace slim::engine::passes
