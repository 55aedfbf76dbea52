#include "quant/observer.h"

#include "core/error.h"
#include "graph/fakequant.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace slim::engine::quant {

namespace {
/// The scale and zero point the executor would use for [low, high] (graph::quantParams()).
std::pair<double, double> gridFor(double low, double high, std::int64_t quantMin, std::int64_t quantMax, bool symmetric)
{
    const auto [scale, zeroPoint] =
        graph::quantParams(at::full({1}, low), at::full({1}, high), quantMin, quantMax, symmetric);
    return {scale.item<double>(), zeroPoint.item<double>()};
}
} // namespace

std::string observerName(ObserverKind kind)
{
    switch (kind) {
    case ObserverKind::MinMax:
        return "minmax";
    case ObserverKind::MovingAverage:
        return "ema";
    case ObserverKind::Percentile:
        return "percentile";
    case ObserverKind::Mse:
        return "mse";
    case ObserverKind::Kl:
        return "kl";
    }
    return "minmax";
}

const std::vector<ObserverKind>& allObservers()
{
    static const std::vector<ObserverKind> kinds{ObserverKind::MinMax, ObserverKind::MovingAverage,
                                                 ObserverKind::Percentile, ObserverKind::Mse, ObserverKind::Kl};
    return kinds;
}

std::optional<ObserverKind> observerFromName(const std::string& name)
{
    for (const ObserverKind kind : allObservers()) {
        if (observerName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

Observer::Observer(ObserverKind kind, double percentile, double averaging, int bins)
    : m_kind(kind), m_percentile(percentile), m_averaging(averaging), m_bins(bins)
{
    if (!(percentile > 50 && percentile <= 100))
        throw Error(ErrorCode::InvalidArgument, "the percentile must be above 50 and at most 100",
                    {"percentile", std::to_string(percentile)});
    if (!(averaging > 0 && averaging <= 1))
        throw Error(ErrorCode::InvalidArgument, "the averaging constant must be in (0, 1]",
                    {"averaging", std::to_string(averaging)});
    if (bins < 16)
        throw Error(ErrorCode::InvalidArgument, "an observer needs at least 16 histogram bins", {"bins", std::to_string(bins)});
}

void Observer::observe(const at::Tensor& values)
{
    if (!values.defined() || values.numel() == 0)
        return;
    const auto [low, high] = at::aminmax(values.detach().to(at::kFloat));
    const double batchMin = low.item<double>();
    const double batchMax = high.item<double>();
    if (!std::isfinite(batchMin) || !std::isfinite(batchMax))
        throw Error(ErrorCode::Diverged, "calibration saw a value that is not finite", {"calibration", "NaN or infinity"});
    if (!m_seen) {
        m_min = batchMin;
        m_max = batchMax;
        m_seen = true;
    } else if (m_kind == ObserverKind::MovingAverage) {
        m_min += m_averaging * (batchMin - m_min);
        m_max += m_averaging * (batchMax - m_max);
    } else {
        m_min = std::min(m_min, batchMin);
        m_max = std::max(m_max, batchMax);
    }
}

bool Observer::needsHistogram() const
{
    return m_kind == ObserverKind::Percentile || m_kind == ObserverKind::Mse || m_kind == ObserverKind::Kl;
}

void Observer::observeHistogram(const at::Tensor& values)
{
    if (!needsHistogram() || !m_seen || !values.defined() || values.numel() == 0)
        return;
    const bool absolute = m_kind == ObserverKind::Kl;
    const double low = absolute ? 0.0 : m_min;
    const double high = absolute ? std::max(std::abs(m_min), std::abs(m_max)) : m_max;
    if (!(high > low))
        return;
    at::Tensor data = values.detach().to(at::kFloat).reshape({-1});
    if (absolute) {
        // Exact zeros (half of a ReLU's outputs) land on the grid whatever the threshold; left
        // in, their spike in bin 0 dominates the divergence and the search clips the tail hard.
        data = data.abs();
        data = data.masked_select(data > 0);
        if (data.numel() == 0)
            return;
    }
    const at::Tensor counts = at::histc(data, m_bins, low, high).to(at::kDouble).contiguous();
    m_histogram.resize(static_cast<std::size_t>(m_bins), 0.0);
    const double* c = counts.data_ptr<double>();
    for (int i = 0; i < m_bins; ++i)
        m_histogram[static_cast<std::size_t>(i)] += c[i];
}

std::pair<double, double> Observer::range(std::int64_t quantMin, std::int64_t quantMax, bool symmetric) const
{
    if (!m_seen)
        return {0, 0};
    if (!needsHistogram() || m_histogram.empty() || !(m_max > m_min))
        return {m_min, m_max};
    switch (m_kind) {
    case ObserverKind::Percentile:
        return percentileRange();
    case ObserverKind::Mse:
        return mseRange(quantMin, quantMax, symmetric);
    case ObserverKind::Kl:
        return klRange(quantMin, quantMax, symmetric);
    default:
        return {m_min, m_max};
    }
}

std::pair<double, double> Observer::percentileRange() const
{
    const double total = std::accumulate(m_histogram.begin(), m_histogram.end(), 0.0);
    const double width = (m_max - m_min) / m_bins;
    // The value below which `share` of the samples lie, interpolated inside its bin.
    const auto quantile = [&](double share) {
        const double wanted = share * total;
        double below = 0;
        for (int i = 0; i < m_bins; ++i) {
            const double count = m_histogram[static_cast<std::size_t>(i)];
            if (below + count >= wanted && count > 0)
                return m_min + width * (i + (wanted - below) / count);
            below += count;
        }
        return m_max;
    };
    const double tail = 1 - m_percentile / 100;
    return {quantile(tail), quantile(1 - tail)};
}

double histogramQuantError(const std::vector<double>& histogram, double low, double high, double scale,
                           double zeroPoint, std::int64_t quantMin, std::int64_t quantMax)
{
    const double width = (high - low) / static_cast<double>(histogram.size());
    double error = 0;
    double total = 0;
    for (std::size_t i = 0; i < histogram.size(); ++i) {
        if (histogram[i] == 0)
            continue;
        const double centre = low + width * (static_cast<double>(i) + 0.5);
        const double q = std::clamp(std::nearbyint(centre / scale) + zeroPoint, static_cast<double>(quantMin),
                                    static_cast<double>(quantMax));
        const double difference = centre - (q - zeroPoint) * scale;
        error += histogram[i] * difference * difference;
        total += histogram[i];
    }
    return total > 0 ? error / total : 0;
}

std::pair<double, double> Observer::mseRange(std::int64_t quantMin, std::int64_t quantMax, bool symmetric) const
{
    // Shrink the observed range toward zero in 1 % steps and keep the least expected error.
    std::pair<double, double> best{m_min, m_max};
    double bestError = std::numeric_limits<double>::infinity();
    for (int step = 100; step >= 1; --step) {
        const double factor = step / 100.0;
        const double low = m_min * factor;
        const double high = m_max * factor;
        const auto [scale, zeroPoint] = gridFor(low, high, quantMin, quantMax, symmetric);
        const double error = histogramQuantError(m_histogram, m_min, m_max, scale, zeroPoint, quantMin, quantMax);
        if (error < bestError) {
            bestError = error;
            best = {low, high};
        }
    }
    return best;
}

std::pair<double, double> Observer::klRange(std::int64_t quantMin, std::int64_t quantMax, bool symmetric) const
{
    // The histogram is of |x| over [0, A]. Levels on one side of zero: all of them for
    // non-negative data on an unsigned grid, half otherwise.
    const double absMax = std::max(std::abs(m_min), std::abs(m_max));
    const std::int64_t gridLevels = quantMax - quantMin + 1;
    const int levels = static_cast<int>(m_min >= 0 && !symmetric ? gridLevels : gridLevels / 2);
    if (levels >= m_bins)
        return {m_min, m_max};
    const std::vector<double>& h = m_histogram;
    double bestDivergence = std::numeric_limits<double>::infinity();
    int bestEnd = m_bins;
    std::vector<double> reference;
    std::vector<double> candidate;
    // Thresholds that clip more than 0.1 % of the values are not considered: on data with
    // spikes (the constant background of Fashion-MNIST through the first convolution) the
    // divergence of spreading a spike inside one level outweighs any clipping, and the
    // unconstrained search cut the first ReLU at an eighth of its range (top-1 −12 points).
    const double total = std::accumulate(h.begin(), h.end(), 0.0);
    int firstEnd = levels;
    for (double below = std::accumulate(h.begin(), h.begin() + levels, 0.0); firstEnd < m_bins && below < 0.999 * total; ++firstEnd)
        below += h[static_cast<std::size_t>(firstEnd)];
    double outliers = std::accumulate(h.begin() + firstEnd, h.end(), 0.0);
    for (int end = firstEnd; end <= m_bins; ++end) {
        // reference: the first `end` bins, what lies beyond clipped into the last one
        reference.assign(h.begin(), h.begin() + end);
        reference.back() += outliers;
        if (end < m_bins)
            outliers -= h[static_cast<std::size_t>(end)];
        // candidate: the same bins merged into `levels` levels, each level's count spread
        // evenly over the bins the reference holds values in (its last one takes the clipped
        // mass: an empty bin there must not make q zero where p is not; MXNet and TensorRT alike)
        candidate.assign(static_cast<std::size_t>(end), 0.0);
        for (int level = 0; level < levels; ++level) {
            const int first = static_cast<int>(static_cast<std::int64_t>(level) * end / levels);
            const int last = static_cast<int>(static_cast<std::int64_t>(level + 1) * end / levels);
            double sum = 0;
            int occupied = 0;
            for (int i = first; i < last; ++i) {
                sum += h[static_cast<std::size_t>(i)];
                occupied += reference[static_cast<std::size_t>(i)] > 0;
            }
            for (int i = first; i < last; ++i) {
                if (reference[static_cast<std::size_t>(i)] > 0)
                    candidate[static_cast<std::size_t>(i)] = sum / occupied;
            }
        }
        const double referenceTotal = std::accumulate(reference.begin(), reference.end(), 0.0);
        const double candidateTotal = std::accumulate(candidate.begin(), candidate.end(), 0.0);
        if (referenceTotal <= 0 || candidateTotal <= 0)
            continue;
        double divergence = 0;
        for (int i = 0; i < end; ++i) {
            const double p = reference[static_cast<std::size_t>(i)] / referenceTotal;
            if (p <= 0)
                continue;
            const double q = std::max(candidate[static_cast<std::size_t>(i)] / candidateTotal, 1e-12);
            divergence += p * std::log(p / q);
        }
        if (divergence < bestDivergence) {
            bestDivergence = divergence;
            bestEnd = end;
        }
    }
    const double threshold = absMax * bestEnd / m_bins;
    return {std::max(m_min, -threshold), std::min(m_max, threshold)};
}

} // namespace slim::engine::quant
