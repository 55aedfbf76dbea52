#include "pruneworkbench.h"

#include "costchart.h"
#include "jobreport.h"
#include "jobrunner.h"
#include "modelpanel.h"
#include "prunedialog.h"
#include "prunepanel.h"
#include "redundancypanel.h"
#include "sensitivitypanel.h"

#include <QDockWidget>
#include <QLocale>
#include <QTimer>

namespace slim::app {

namespace {
/// Batches the Prune panel recalibrates BatchNorm on (the Prune dialog lets users choose).
constexpr std::int64_t kPanelRecalibrationBatches = 20;
} // namespace

PruneWorkbench::PruneWorkbench(const Views& views, JobRunner* jobs, std::function<std::string()> dataset,
                               std::function<QString()> changingJob, QObject* parent)
    : QObject(parent)
    , m_views(views)
    , m_jobs(jobs)
    , m_dataset(std::move(dataset))
    , m_changingJob(std::move(changingJob))
{
    connect(views.model, &ModelPanel::layerSelected, this, &PruneWorkbench::markEverywhere);
    connect(views.cost, &widgets::CostChart::layerClicked, this, &PruneWorkbench::select);
    connect(views.redundancy, &RedundancyPanel::layerClicked, this, &PruneWorkbench::select);
    connect(views.prune, &PrunePanel::groupSelected, this, &PruneWorkbench::select);
    connect(views.sensitivity, &SensitivityPanel::groupClicked, this, &PruneWorkbench::select);
    connect(views.sensitivity, &SensitivityPanel::scanRequested, this, [this] { startSensitivityScan(m_model); });
    connect(views.sensitivity, &SensitivityPanel::ratiosRequested, this,
            [this] { m_views.sensitivity->chooseRatios(m_views.prune->request().roundTo); });
    connect(views.sensitivity, &SensitivityPanel::ratiosChosen, this, [this](const std::map<std::string, double>& ratios) {
        m_views.pruneDock->raise();
        m_views.prune->setGroupRatios(ratios);
    });
    connect(views.sensitivity, &SensitivityPanel::annealRequested, this, [this] { startRatioSearch(m_model); });
    connect(jobs, &JobRunner::jobFinished, this, [this](int job) {
        if (job == m_scanJob)
            m_views.sensitivity->setScanning(false);
    });

    // Every settings change reaches the table, the cost chart and the Redundancy views in the
    // same call, so they repaint together.
    connect(views.prune, &PrunePanel::previewChanged, this, &PruneWorkbench::showPreview);
    connect(views.prune, &PrunePanel::previewCleared, this, &PruneWorkbench::clearPreview);
    // The preview marks the other views only while the Prune panel is in sight.
    connect(views.pruneDock, &QDockWidget::visibilityChanged, this, [this] {
        QTimer::singleShot(0, this, [this] { // once the tab switch is laid out
            if (m_views.pruneDock->visibleRegion().isEmpty())
                clearPreview();
            else if (m_views.prune->isReady())
                showPreview(m_views.prune->preview());
        });
    });
    connect(views.redundancy, &RedundancyPanel::ratioRequested, views.prune, &PrunePanel::setRatio);
    connect(views.prune, &PrunePanel::moreMethodsRequested, this, &PruneWorkbench::moreMethodsRequested);
    connect(views.prune, &PrunePanel::finetuneRequested, this, &PruneWorkbench::finetuneRequested);
    connect(views.prune, &PrunePanel::applyRequested, this, [this](engine::PruneRequest request) {
        if (m_views.prune->recalibrate()) {
            request.dataset = m_dataset();
            if (request.dataset.empty())
                Q_EMIT log(tr("No data set is chosen in the Train panel: BatchNorm is not recalibrated after pruning."));
            else
                request.recalibrateBatches = kPanelRecalibrationBatches;
        }
        Q_EMIT pruneRequested(request);
    });
}

void PruneWorkbench::showModel(const engine::Model& model)
{
    m_model = model;
    m_views.prune->setModel(model);
    m_views.redundancy->setModel(model);
    m_views.sensitivity->setModel(model);
    // The same model shown again (saved, or another language): its preview still holds.
    if (m_views.prune->isReady())
        showPreview(m_views.prune->preview());
}

void PruneWorkbench::select(const QString& name)
{
    if (!m_views.model->selectLayer(name)) // filtered out of the table: mark it in the others alone
        markEverywhere(name);
}

void PruneWorkbench::markEverywhere(const QString& name)
{
    m_views.cost->highlightLayer(name);
    m_views.redundancy->selectLayer(name);
    m_views.prune->selectGroup(name);
    m_views.sensitivity->selectGroup(name);
}

void PruneWorkbench::showPreview(const engine::PrunePreviewResult& result)
{
    // Not when the panel is a tab behind another, closed, or the window is not shown yet
    // (a dock behind another tab can still count as visible; its visible region is empty).
    if (m_views.pruneDock->visibleRegion().isEmpty())
        return;
    QHash<QString, QPair<qint64, qint64>> kept;
    std::int64_t channels = 0;
    std::int64_t keptChannels = 0;
    for (const engine::GroupPreview& group : result.groups) {
        kept.insert(QString::fromStdString(group.name), {group.kept, group.channels});
        channels += group.channels;
        keptChannels += group.kept;
    }
    m_views.model->setKeptChannels(kept);
    QHash<QString, QPair<double, double>> layers;  // name → MACs, params after
    for (const engine::LayerCostPreview& layer : result.layers)
        layers.insert(QString::fromStdString(layer.name), {double(layer.macsAfter), double(layer.paramsAfter)});
    QVector<double> macs;
    QVector<double> params;
    for (const QString& name : m_views.cost->layers()) {
        const QPair<double, double> after = layers.value(name, {0.0, 0.0});
        macs << after.first;
        params << after.second;
    }
    m_views.cost->setRemaining(macs, params);
    // The share of channels these settings remove, overrides, rounding and caps included.
    const double removed = channels > 0 ? 1.0 - static_cast<double>(keptChannels) / static_cast<double>(channels) : 0.0;
    m_views.redundancy->setPreview(result, removed);
}

void PruneWorkbench::clearPreview()
{
    m_views.model->setKeptChannels({});
    m_views.cost->setRemaining({}, {});
    m_views.redundancy->clearPreview();
}

int PruneWorkbench::startSensitivityScan(const engine::Model& model)
{
    if (model.isNull()) {
        Q_EMIT failed(tr("Cannot scan"), tr("Open or create a model first."));
        return 0;
    }
    if (const QString running = m_changingJob(); !running.isEmpty()) {
        Q_EMIT failed(tr("Cannot scan"), tr("\"%1\" will replace the model when it finishes: scan the model it leaves.").arg(running));
        return 0;
    }
    const engine::SensitivityRequest request = m_views.sensitivity->request(m_views.prune->request().method, m_dataset());
    if (request.dataset.empty()) {
        Q_EMIT failed(tr("Cannot scan"), tr("Choose a data set in the Train panel: the scan measures accuracy on it."));
        return 0;
    }
    const QString title = tr("Sensitivity of %1 (%2)")
                              .arg(QString::fromStdString(model.name()), pruneMethodShortName(QString::fromStdString(request.method)));
    Q_EMIT log(tr("Started: %1 on %2").arg(title, QString::fromStdString(request.dataset)));
    m_views.sensitivity->setScanning(true);
    m_scanJob = m_jobs->submit<engine::SensitivityResult>(
        title, [model, request](const engine::JobContext& context) { return engine::runSensitivityScan(model, request, context); },
        [this, model](const engine::SensitivityResult& scan) {
            if (m_model.sharedGraph() != model.sharedGraph()) {
                Q_EMIT log(tr("The sensitivity scan finished for a model that is no longer open; its curves were dropped."));
                return;
            }
            m_views.sensitivity->setResult(scan);
            m_views.prune->setSensitivity(JobReport::sensitivityAtHalf(scan));
            m_views.sensitivityDock->raise();
            Q_EMIT log(tr("Sensitivity: baseline top-1 %1 on %2 images; %n group(s) scanned", "", static_cast<int>(scan.groups.size()))
                           .arg(scan.baselineTop1, 0, 'f', 4)
                           .arg(scan.samples));
        });
    return m_scanJob;
}

int PruneWorkbench::startRatioSearch(const engine::Model& model)
{
    const engine::SensitivityResult scan = m_views.sensitivity->result();
    if (model.isNull() || scan.groups.empty())
        return 0;
    if (const QString running = m_changingJob(); !running.isEmpty()) {
        Q_EMIT failed(tr("Cannot search"), tr("\"%1\" will replace the model when it finishes: search on the model it leaves.").arg(running));
        return 0;
    }
    engine::RatioSearchRequest request;
    request.method = scan.method;
    request.keepMacs = m_views.sensitivity->budget();
    request.roundTo = m_views.prune->request().roundTo;
    request.dataset = m_dataset();
    request.samples = scan.samples;
    request.iterations = kAnnealIterations;
    if (request.dataset.empty()) {
        Q_EMIT failed(tr("Cannot search"), tr("Choose a data set in the Train panel: the search measures accuracy on it."));
        return 0;
    }
    const QString title = tr("Ratio search for %1 (%2 % of the MACs)")
                              .arg(QString::fromStdString(model.name()))
                              .arg(QLocale().toString(request.keepMacs * 100, 'g', 3));
    Q_EMIT log(tr("Started: %1 on %2").arg(title, QString::fromStdString(request.dataset)));
    m_views.sensitivity->setScanning(true);
    m_scanJob = m_jobs->submit<engine::RatioSearchResult>(
        title,
        [model, scan, request](const engine::JobContext& context) {
            engine::RatioSearchRequest search = request;
            search.start = engine::ratiosForBudget(model, scan, request.keepMacs, request.roundTo);  // the greedy answer
            return engine::searchRatios(model, search, context);
        },
        [this, model](const engine::RatioSearchResult& result) {
            if (m_model.sharedGraph() != model.sharedGraph()) {
                Q_EMIT log(tr("The ratio search finished for a model that is no longer open; its ratios were dropped."));
                return;
            }
            Q_EMIT log(tr("Ratio search: top-1 %1 on %2 images (the greedy ratios: %3) after %n candidate(s)", "",
                          result.evaluated)
                           .arg(result.top1, 0, 'f', 4)
                           .arg(result.samples)
                           .arg(result.startTop1, 0, 'f', 4));
            m_views.pruneDock->raise();
            m_views.prune->setGroupRatios(result.ratios);
        });
    return m_scanJob;
}

} // namespace slim::app
