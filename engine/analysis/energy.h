#pragma once

// An analytic energy estimate per layer: the arithmetic at the layer's bit-width plus the
// memory traffic it causes. Plain declarations, no LibTorch, so the app can include it.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace slim::engine::graph { class Graph; }

namespace slim::engine::analysis {

struct CostReport;

/// Energy per operation, with defaults from the 45 nm figures of "Computing's Energy Problem
/// (and what we can do about it)", Horowitz, ISSCC 2014. A multiply-accumulate there costs a
/// multiply plus an add: 32-bit float 3.7 + 0.9 = 4.6 pJ, 16-bit float 1.1 + 0.4 = 1.5 pJ,
/// 8-bit integer 0.2 + 0.03 = 0.23 pJ.
struct EnergySettings {
    double macPj32 = 4.6;
    double macPj16 = 1.5;
    double macPj8 = 0.23;
    double dramPjPer32Bits = 640;  ///< reading 32 bits from DRAM
    double sramPjPer32Bits = 5;    ///< reading or writing 32 bits of a small (8 KB) SRAM
    /// The bit-width of every layer's weights, activations and arithmetic, 2..32.
    int bits = 32;
    /// Layers computed at another bit-width, by node name (2..32 each).
    std::map<std::string, int> layerBits;
};

/// Picojoules per multiply-accumulate at `bits`: the settings' figures at 32, 16 and 8;
/// linear between them; below 8 the 8-bit figure scaled by (bits/8)², as a multiplier's
/// area and energy grow with the square of its width.
/// Throws Error(InvalidArgument) naming "bits" outside 2..32.
double macEnergyPj(int bits, const EnergySettings& settings);

/// One layer's estimate for one sample, in picojoules.
struct LayerEnergy {
    std::string name;
    int bits = 32;
    double computePj = 0;      ///< MACs × macEnergyPj(bits)
    double weightPj = 0;       ///< every parameter fetched once from DRAM: params × bits/32 × DRAM
    double activationPj = 0;   ///< its inputs read and its output written once in SRAM: elements × bits/32 × SRAM
    double totalPj() const { return computePj + weightPj + activationPj; }
};

struct EnergyReport {
    std::vector<LayerEnergy> layers;  ///< in the order of analysis::analyzeCost()
    double computePj = 0;
    double weightPj = 0;
    double activationPj = 0;
    double totalPj() const { return computePj + weightPj + activationPj; }
};

/// The estimate for every node of `graph` (inferred shapes needed; MACs and parameters as
/// analyzeCost() counts them, dense). Totals are the sums of the layers. Throws
/// Error(InvalidArgument) naming a setting that is negative, a bit-width outside 2..32, or a
/// layer in `layerBits` the graph does not have. Pure; any thread. `cost`, when given, is
/// analyzeCost(graph) already computed.
EnergyReport estimateEnergy(const graph::Graph& graph, const EnergySettings& settings = {}, const CostReport* cost = nullptr);

} // namespace slim::engine::analysis
