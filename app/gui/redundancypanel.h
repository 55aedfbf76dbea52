#pragma once

#include "jobs/prunejob.h"
#include "prune/masks.h"

#include <QMap>
#include <QVector>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;

namespace slim::widgets {
class HeatmapView;
class HistogramView;
} // namespace slim::widgets

namespace slim::app {

/// The Redundancy dock: where a model's redundancy is, as a heatmap of one statistic per
/// channel (rows are layers or channel groups) and the histogram of BatchNorm |γ| with the
/// pruning threshold as a line the user drags. Weight statistics are computed on a worker
/// thread when the model changes; the pruning statistics (kept or removed, importance) and
/// the line follow the Prune panel's preview, applied synchronously. UI thread only.
class RedundancyPanel : public QWidget {
    Q_OBJECT
public:
    /// What the heatmap colours, in the order the chooser lists them.
    enum Statistic {
        KeptRemoved,    ///< per group: 1 kept, 0 removed under the current settings
        Importance,     ///< per group: the criterion's score
        L1Norm,         ///< per layer: each filter's L1 norm
        L2Norm,
        Sparsity,       ///< per layer: the share of exact zeros of each filter
        BatchNormScale, ///< per BatchNorm: |γ|
        GammaHistory,   ///< one BatchNorm's |γ| per epoch of sparsity training (network slimming)
    };

    explicit RedundancyPanel(QWidget* parent = nullptr);

    /// Shows `model`'s weight statistics (computed in the background; a null model clears).
    void setModel(const engine::Model& model);
    /// Shows what the Prune panel previews: the group statistics and the γ threshold at the
    /// share of channels removed (the ratio asked for, or what a budget removes).
    void setPreview(const engine::PrunePreviewResult& result, double removedShare);
    void clearPreview();

    /// One |γ| of a sparsity-training run ("gamma/<layer>" metrics): `layer`'s channel at
    /// `epoch` (0: before training). Call gammaSamplesAdded() after a batch of them.
    void addGammaSample(const QString& layer, double epoch, int channel, double value);
    void gammaSamplesAdded();
    /// A new training run: the γ history starts again.
    void clearGammaHistory();
    int gammaEpochs(const QString& layer) const { return static_cast<int>(m_gammaHistory.value(layer).size()); }

    void setStatistic(Statistic statistic);
    Statistic statistic() const;
    /// Marks the layer (or the group it leads) in the heatmap; with "selected layer only"
    /// the histogram shows that BatchNorm's γ.
    void selectLayer(const QString& name);

    /// The γ threshold that removes `share` of the histogram's values: midway between the
    /// largest value removed and the smallest kept.
    double thresholdForShare(double share) const;
    /// The share of the histogram's values below `threshold`.
    double shareBelow(double threshold) const;

    widgets::HeatmapView* heatmap() const { return m_heatmap; }
    widgets::HistogramView* histogram() const { return m_histogram; }

Q_SIGNALS:
    /// The user dragged the γ threshold: the share of channels it removes.
    void ratioRequested(double ratio);
    /// The user clicked a heatmap row (a layer, or the first layer of a group).
    void layerClicked(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateHeatmap();
    void updateHistogram();
    /// The share of the shown γ values the preview removes: of all channels, or of the
    /// selected layer's group when only it is shown.
    double shownShare() const;

    std::vector<engine::prune::LayerChannelStatistics> m_statistics;
    engine::PrunePreviewResult m_preview;
    bool m_hasPreview = false;
    bool m_statisticChosen = false;  ///< the user picked what the heatmap shows
    double m_removedShare = 0;
    QString m_selected;
    quint64 m_generation = 0;
    std::shared_ptr<const void> m_graph;  ///< the model version shown

    QComboBox* m_statistic;
    QCheckBox* m_sorted;
    QCheckBox* m_selectedOnly;
    QLabel* m_statisticLabel;
    widgets::HeatmapView* m_heatmap;
    widgets::HistogramView* m_histogram;
    QVector<double> m_gammas;  ///< what the histogram shows, sorted
    QMap<QString, QMap<double, QVector<double>>> m_gammaHistory;  ///< layer → epoch → |γ| per channel
};

} // namespace slim::app
