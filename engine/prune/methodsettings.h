#pragma once

// The settings of the pruning methods that run while training (prune/surgery.h,
// prune/admm.h), as plain data so recipes and the GUI can hold them without LibTorch.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace slim::engine::prune {

struct SurgerySettings {
    /// Where each layer's thresholds sit: its centre t is the |w| quantile at this fraction of
    /// the layer's entries at the start, so `sparsity` is the share the first mask update
    /// prunes. In (0, 1).
    double sparsity = 0.9;
    /// a = (1 − margin)·t prunes, b = (1 + margin)·t splices back; between them a mask stays
    /// as it is. In [0, 1).
    double margin = 0.1;
    /// The chance of a mask update at step s is (1 + γ·s)^(−power) (Guo et al.'s schedule:
    /// masks settle as training goes on). γ ≥ 0, power ≥ 0.
    double gamma = 1e-4;
    double power = 1;
    std::vector<std::string> protectedNodes;
    std::uint64_t seed = 0;
};

struct GradualSettings {
    double sparsity = 0.8;            ///< s_f, the sparsity every layer (or the whole model) ends at, in [0, 1)
    double initial = 0;               ///< s_i
    double startEpoch = 0;            ///< t₀, in epochs of the run (fractions allowed)
    double endEpoch = 1;              ///< t_end: s_f is reached here; after startEpoch
    std::int64_t frequency = 1;       ///< Δt: masks grow every this many steps
    bool global = false;              ///< one magnitude ranking over all layers
    std::vector<std::string> protectedNodes;
};

struct AdmmSettings {
    /// The share of channels every prunable group loses (its filters in the producing layers
    /// and the matching input columns of the consumers), in [0, 1).
    double ratio = 0.5;
    std::map<std::string, double> overrides;  ///< group or layer name → its own ratio
    int roundTo = 1;                          ///< kept widths multiples of this (or the whole group)
    std::vector<std::string> protectedNodes;
    /// ρ at the start. The papers' 1e-3 suits hundreds of epochs; in a few, lr·ρ must be large
    /// enough to pull the removed channels to zero (0.1 with lr 0.005 did in 300 steps of
    /// ResNet-20, tests/bench/pruning_methods.py).
    double rho = 0.1;
    double rhoGrowth = 1.5;                   ///< ρ ← min(ρ · growth, rhoMax) at each Z/U update
    double rhoMax = 1.0;
    /// Steps between Z/U updates; 0: at the end of each epoch.
    std::int64_t updateEvery = 0;
    /// Purification: after hard pruning, a kept channel whose weight norm is below
    /// `purify` × the median norm of its group's kept channels is removed too (each group keeps
    /// one); 0 turns it off. In [0, 1).
    double purify = 0.1;
};

} // namespace slim::engine::prune
