#include "redundancypanel.h"

#include "backgroundtask.h"
#include "heatmapview.h"
#include "histogramview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace slim::app {

namespace {

using Statistics = std::vector<engine::prune::LayerChannelStatistics>;

/// `values` as a heatmap row, in the original order or ascending by `order`'s values.
widgets::HeatmapRow row(const std::string& name, const std::vector<double>& values, const std::vector<double>& order,
                        bool sorted)
{
    widgets::HeatmapRow result;
    result.name = QString::fromStdString(name);
    std::vector<std::size_t> index(values.size());
    std::iota(index.begin(), index.end(), std::size_t{0});
    if (sorted && order.size() == values.size())
        std::stable_sort(index.begin(), index.end(), [&order](std::size_t a, std::size_t b) { return order[a] < order[b]; });
    result.values.reserve(static_cast<qsizetype>(values.size()));
    for (const std::size_t i : index)
        result.values.push_back(values[i]);
    return result;
}

} // namespace

RedundancyPanel::RedundancyPanel(QWidget* parent)
    : QWidget(parent)
    , m_statistic(new QComboBox(this))
    , m_sorted(new QCheckBox(this))
    , m_selectedOnly(new QCheckBox(this))
    , m_statisticLabel(new QLabel(this))
    , m_heatmap(new widgets::HeatmapView(this))
    , m_histogram(new widgets::HistogramView(this))
{
    setObjectName(QStringLiteral("redundancyPanel"));
    m_statistic->setObjectName(QStringLiteral("heatmapStatistic"));
    m_sorted->setObjectName(QStringLiteral("heatmapSorted"));
    m_selectedOnly->setObjectName(QStringLiteral("histogramSelectedOnly"));
    m_heatmap->setObjectName(QStringLiteral("heatmap"));
    m_histogram->setObjectName(QStringLiteral("gammaHistogram"));
    for (int statistic = KeptRemoved; statistic <= GammaHistory; ++statistic)
        m_statistic->addItem(QString(), statistic);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_statisticLabel);
    controls->addWidget(m_statistic, 1);
    controls->addWidget(m_sorted);
    auto* heatmapBox = new QWidget(this);
    auto* heatmapLayout = new QVBoxLayout(heatmapBox);
    heatmapLayout->setContentsMargins(0, 0, 0, 0);
    heatmapLayout->addLayout(controls);
    heatmapLayout->addWidget(m_heatmap, 1);
    auto* histogramBox = new QWidget(this);
    auto* histogramLayout = new QVBoxLayout(histogramBox);
    histogramLayout->setContentsMargins(0, 0, 0, 0);
    histogramLayout->addWidget(m_histogram, 1);
    histogramLayout->addWidget(m_selectedOnly);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(heatmapBox);
    splitter->addWidget(histogramBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_statistic, &QComboBox::currentIndexChanged, this, &RedundancyPanel::updateHeatmap);
    connect(m_statistic, &QComboBox::activated, this, [this] { m_statisticChosen = true; });
    connect(m_sorted, &QCheckBox::toggled, this, &RedundancyPanel::updateHeatmap);
    connect(m_selectedOnly, &QCheckBox::toggled, this, &RedundancyPanel::updateHistogram);
    connect(m_heatmap, &widgets::HeatmapView::rowClicked, this, [this](const QString& name) {
        m_selected = name;
        if (m_selectedOnly->isChecked())
            updateHistogram();
        Q_EMIT layerClicked(name);
    });
    connect(m_histogram, &widgets::HistogramView::thresholdChanged, this, [this](double threshold) {
        // One layer's γ say nothing about the share of all channels: only the whole
        // distribution drives the ratio.
        if (m_selectedOnly->isChecked())
            return;
        Q_EMIT ratioRequested(shareBelow(threshold));
        // Back onto the share the preview removes (the slider holds whole percent).
        if (m_hasPreview)
            m_histogram->setThreshold(thresholdForShare(shownShare()));
    });
    m_statistic->setCurrentIndex(L1Norm);
    retranslate();
}

void RedundancyPanel::setModel(const engine::Model& model)
{
    if (model.sharedGraph() == m_graph)
        return; // the same version, shown or being computed (the window shows it again after a save)
    m_graph = model.sharedGraph();
    const quint64 generation = ++m_generation;
    m_statistics.clear();
    clearPreview();
    if (model.isNull()) {
        updateHistogram();
        return;
    }
    runInBackground<Statistics>(
        this, [model] { return model.channelStatistics(); },
        [this, generation](const Statistics& statistics) {
            if (generation != m_generation)
                return;
            m_statistics = statistics;
            updateHeatmap();
            updateHistogram();
        },
        [](const QString&) {}); // reading tensors of a valid model does not fail; the views stay empty
}

void RedundancyPanel::setPreview(const engine::PrunePreviewResult& result, double removedShare)
{
    m_preview = result;
    m_hasPreview = true;
    m_removedShare = removedShare;
    // Until the user picks a statistic, a preview shows which channels go.
    if (!m_statisticChosen && statistic() != KeptRemoved)
        setStatistic(KeptRemoved); // updates the heatmap
    else if (statistic() == KeptRemoved || statistic() == Importance)
        updateHeatmap();
    m_histogram->setThreshold(thresholdForShare(shownShare()));
}

double RedundancyPanel::shownShare() const
{
    if (!m_hasPreview)
        return 0;
    // One layer shown: the share its group loses, when the selection names a group.
    if (m_selectedOnly->isChecked())
        for (const engine::GroupPreview& group : m_preview.groups)
            if (QString::fromStdString(group.name) == m_selected && group.channels > 0)
                return 1.0 - static_cast<double>(group.kept) / static_cast<double>(group.channels);
    return m_removedShare;
}

void RedundancyPanel::clearPreview()
{
    m_preview = {};
    m_hasPreview = false;
    if (!m_statisticChosen && statistic() == KeptRemoved)
        setStatistic(L1Norm); // updates the heatmap
    else
        updateHeatmap();
    m_histogram->setThreshold(thresholdForShare(shownShare()));
}

void RedundancyPanel::addGammaSample(const QString& layer, double epoch, int channel, double value)
{
    QVector<double>& values = m_gammaHistory[layer][epoch];
    if (values.size() <= channel)
        values.resize(channel + 1);
    values[channel] = value;
}

void RedundancyPanel::gammaSamplesAdded()
{
    // A slimming run shows its γ moving unless the user picked another view.
    if (!m_statisticChosen && statistic() != GammaHistory)
        setStatistic(GammaHistory); // updates the heatmap
    else if (statistic() == GammaHistory)
        updateHeatmap();
}

void RedundancyPanel::clearGammaHistory()
{
    m_gammaHistory.clear();
    if (statistic() == GammaHistory)
        updateHeatmap();
}

void RedundancyPanel::setStatistic(Statistic statistic)
{
    m_statistic->setCurrentIndex(m_statistic->findData(static_cast<int>(statistic)));
}

RedundancyPanel::Statistic RedundancyPanel::statistic() const
{
    return static_cast<Statistic>(m_statistic->currentData().toInt());
}

void RedundancyPanel::selectLayer(const QString& name)
{
    m_selected = name;
    if (statistic() == GammaHistory)
        updateHeatmap(); // shows the selected layer's history
    m_heatmap->highlightRow(name);
    if (m_selectedOnly->isChecked())
        updateHistogram();
}

double RedundancyPanel::thresholdForShare(double share) const
{
    if (m_gammas.isEmpty())
        return 0;
    const qsizetype count = m_gammas.size();
    const auto removed = std::clamp<qsizetype>(static_cast<qsizetype>(std::llround(share * static_cast<double>(count))), 0, count);
    if (removed == 0)
        return m_gammas.front();
    if (removed == count)
        return m_gammas.back() + 1e-12;
    return 0.5 * (m_gammas[removed - 1] + m_gammas[removed]);
}

double RedundancyPanel::shareBelow(double threshold) const
{
    if (m_gammas.isEmpty())
        return 0;
    const auto below = std::lower_bound(m_gammas.begin(), m_gammas.end(), threshold) - m_gammas.begin();
    return static_cast<double>(below) / static_cast<double>(m_gammas.size());
}

void RedundancyPanel::updateHeatmap()
{
    const Statistic shown = statistic();
    const bool sorted = m_sorted->isChecked();
    QVector<widgets::HeatmapRow> rows;
    QString valueName;
    if (shown == KeptRemoved || shown == Importance) {
        for (const engine::GroupPreview& group : m_preview.groups) {
            std::vector<double> values = group.scores;
            if (shown == KeptRemoved)
                for (std::size_t c = 0; c < values.size(); ++c)
                    values[c] = group.removed[c] ? 0.0 : 1.0;
            rows.push_back(row(group.name, values, group.scores, sorted));
        }
        valueName = shown == KeptRemoved ? tr("Kept (1)") : tr("Importance");
    } else if (shown == GammaHistory) {
        // The selected BatchNorm (or the one after a selected conv), else the first recorded.
        QString layer;
        bool after = false;
        for (const engine::prune::LayerChannelStatistics& statistics : m_statistics) {
            const QString name = QString::fromStdString(statistics.node);
            after = after || name == m_selected;
            if (after && m_gammaHistory.contains(name)) {
                layer = name;
                break;
            }
        }
        if (layer.isEmpty() && !m_gammaHistory.isEmpty())
            layer = m_gammaHistory.firstKey();
        const QMap<double, QVector<double>> epochs = m_gammaHistory.value(layer);
        for (auto it = epochs.cbegin(); it != epochs.cend(); ++it) {
            widgets::HeatmapRow epochRow;
            epochRow.name = tr("epoch %1").arg(it.key());
            epochRow.values = it.value();
            rows.push_back(epochRow);
        }
        valueName = layer.isEmpty() ? tr("|γ|") : tr("|γ| of %1").arg(layer);
    } else {
        for (const engine::prune::LayerChannelStatistics& layer : m_statistics) {
            const std::vector<double>& values = shown == L1Norm     ? layer.l1Norm
                                                : shown == L2Norm   ? layer.l2Norm
                                                : shown == Sparsity ? layer.sparsity
                                                                    : layer.batchNormScale;
            if (!values.empty())
                rows.push_back(row(layer.node, values, values, sorted));
        }
        valueName = shown == L1Norm ? tr("L1 norm") : shown == L2Norm ? tr("L2 norm") : shown == Sparsity ? tr("Sparsity") : tr("|γ|");
    }
    m_heatmap->setRows(rows, valueName, sorted ? tr("Channel (by score, ascending)") : tr("Channel"));
    m_heatmap->highlightRow(m_selected);
}

void RedundancyPanel::updateHistogram()
{
    // One layer: the selected BatchNorm, or the first one after a selected conv (node order).
    std::size_t first = 0;
    std::size_t last = m_statistics.size();
    if (m_selectedOnly->isChecked()) {
        first = last;
        for (std::size_t i = 0; i < m_statistics.size() && first == last; ++i)
            if (QString::fromStdString(m_statistics[i].node) == m_selected)
                first = i;
        while (first < m_statistics.size() && m_statistics[first].batchNormScale.empty())
            ++first;
        last = std::min(first + 1, m_statistics.size());
    }
    QVector<double> gammas;
    for (std::size_t i = first; i < last; ++i) {
        const std::vector<double>& scales = m_statistics[i].batchNormScale;
        gammas.append(QVector<double>(scales.begin(), scales.end()));
    }
    std::sort(gammas.begin(), gammas.end());
    m_gammas = gammas;
    m_histogram->setValues(gammas, m_selectedOnly->isChecked() && first < m_statistics.size()
                                       ? tr("BatchNorm |γ| of %1").arg(QString::fromStdString(m_statistics[first].node))
                                       : tr("BatchNorm |γ|"));
    m_histogram->setThreshold(thresholdForShare(shownShare()));
}

void RedundancyPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RedundancyPanel::retranslate()
{
    m_statisticLabel->setText(tr("&Colour by:"));
    m_statisticLabel->setBuddy(m_statistic);
    m_statistic->setItemText(KeptRemoved, tr("Kept or removed (pruning preview)"));
    m_statistic->setItemText(Importance, tr("Importance (the criterion's score)"));
    m_statistic->setItemText(L1Norm, tr("Filter L1 norm"));
    m_statistic->setItemText(L2Norm, tr("Filter L2 norm"));
    m_statistic->setItemText(Sparsity, tr("Weight sparsity per filter"));
    m_statistic->setItemText(BatchNormScale, tr("BN scaling factor |γ|"));
    m_statistic->setItemText(GammaHistory, tr("|γ| over epochs (sparsity training)"));
    m_sorted->setText(tr("&Sort channels"));
    m_sorted->setToolTip(tr("Orders each row's channels by their score (or value), lowest first."));
    m_selectedOnly->setText(tr("Only the &selected BatchNorm layer"));
    m_selectedOnly->setToolTip(tr("Shows the γ of the layer selected in the heatmap or the layer table (or of the "
                                  "BatchNorm after a selected convolution), with the line at the share its group "
                                  "loses. Dragging the line sets the pruning ratio only while all layers are shown."));
    if (!m_statistics.empty()) {
        updateHeatmap();
        updateHistogram();
    }
}

} // namespace slim::app
