#pragma once

// Observers: the range [low, high] a quantized tensor's integer grid should cover, estimated
// from the values it takes on calibration data.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slim::engine::quant {

enum class ObserverKind {
    MinMax,         ///< the smallest and largest value seen
    MovingAverage,  ///< min and max per batch, averaged with a constant (PyTorch's default for QAT)
    Percentile,     ///< the values at the given lower and upper percentiles, dropping outliers
    Mse,            ///< the clipping range with the least expected squared quantization error
    Kl,             ///< the threshold, among those clipping at most 0.1 % of the non-zero magnitudes, whose quantized
                    ///< distribution is closest in KL divergence
                    ///< to the observed one (TensorRT's entropy calibration, Migacz 2017)
};

/// "minmax", "ema", "percentile", "mse", "kl".
std::string observerName(ObserverKind kind);
std::optional<ObserverKind> observerFromName(const std::string& name);
const std::vector<ObserverKind>& allObservers();

/// One tensor's observer. Calibration is two passes over the same batches: observe() each,
/// then, when needsHistogram(), observeHistogram() each (the histogram spans the range the
/// first pass saw), then range().
class Observer {
public:
    explicit Observer(ObserverKind kind, double percentile = 99.99, double averaging = 0.01, int bins = 2048);

    void observe(const at::Tensor& values);
    bool needsHistogram() const;
    void observeHistogram(const at::Tensor& values);

    /// The range for an integer grid [quantMin, quantMax], symmetric or not. Before any
    /// observation: {0, 0}.
    std::pair<double, double> range(std::int64_t quantMin, std::int64_t quantMax, bool symmetric) const;

    /// The plain min and max seen (MovingAverage: the averaged ones).
    std::pair<double, double> observedRange() const { return {m_min, m_max}; }

private:
    std::pair<double, double> percentileRange() const;
    std::pair<double, double> mseRange(std::int64_t quantMin, std::int64_t quantMax, bool symmetric) const;
    std::pair<double, double> klRange(std::int64_t quantMin, std::int64_t quantMax, bool symmetric) const;

    ObserverKind m_kind;
    double m_percentile;
    double m_averaging;
    int m_bins;
    bool m_seen = false;
    double m_min = 0;
    double m_max = 0;
    /// Over [m_min, m_max] (Kl: of |x| over [0, max |x|]).
    std::vector<double> m_histogram;
};

/// The expected squared error of quantizing values distributed as `histogram` (bins evenly over
/// [low, high], each value at its bin's centre) onto the grid of `scale` and `zeroPoint`.
double histogramQuantError(const std::vector<double>& histogram, double low, double high, double scale,
                           double zeroPoint, std::int64_t quantMin, std::int64_t quantMax);

} // namespace slim::engine::quant
