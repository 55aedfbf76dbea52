#pragma once

#include "jobs/prunejob.h"
#include "model.h"

#include <QObject>

#include <functional>
#include <string>

class QDockWidget;

namespace slim::widgets { class CostChart; }

namespace slim::app {

class JobRunner;
class ModelPanel;
class PrunePanel;
class RedundancyPanel;
class SensitivityPanel;

/// Joins the pruning workbench's views, which know nothing of each other: the Prune panel's
/// preview reaches the layer table, the cost chart and the Redundancy dock in the same call
/// (only while the Prune panel is in sight); a layer picked in any view is marked in all;
/// the γ line moves the ratio; Sensitivity's scans run as jobs and its ratios go to the Prune
/// panel. What changes the document (prune, fine-tune) it asks of the window by signal.
/// UI thread only.
class PruneWorkbench : public QObject {
    Q_OBJECT
public:
    struct Views {
        ModelPanel* model = nullptr;
        PrunePanel* prune = nullptr;
        RedundancyPanel* redundancy = nullptr;
        SensitivityPanel* sensitivity = nullptr;
        widgets::CostChart* cost = nullptr;
        QDockWidget* pruneDock = nullptr;
        QDockWidget* sensitivityDock = nullptr;
    };

    /// `dataset` names the data set the Train panel has chosen (recalibration, scans);
    /// `changingJob` names a running job whose result will replace the model (empty: none),
    /// during which a scan of the model would be thrown away.
    PruneWorkbench(const Views& views, JobRunner* jobs, std::function<std::string()> dataset,
                   std::function<QString()> changingJob, QObject* parent = nullptr);

    /// The open model changed (or was shown again): every pruning view follows.
    void showModel(const engine::Model& model);
    /// Scans the sensitivity of `model` as a job; 0 (and failed()) without a data set.
    int startSensitivityScan(const engine::Model& model);
    /// Refines the scan's greedy ratios for the Sensitivity panel's budget by simulated
    /// annealing, as a job; the best ratios go to the Prune panel. 0 without a scan or data set.
    int startRatioSearch(const engine::Model& model);
    bool isScanning(int jobId) const { return jobId == m_scanJob; }

Q_SIGNALS:
    /// Apply: prune the open model as `request` says (recalibration filled in).
    void pruneRequested(const slim::engine::PruneRequest& request);
    void finetuneRequested(const slim::engine::PruneRequest& request);
    void moreMethodsRequested();
    void log(const QString& message);
    void failed(const QString& title, const QString& message);

private:
    void select(const QString& name);
    void markEverywhere(const QString& name);
    void showPreview(const engine::PrunePreviewResult& result);
    void clearPreview();

    Views m_views;
    JobRunner* m_jobs;
    std::function<std::string()> m_dataset;
    std::function<QString()> m_changingJob;
    engine::Model m_model;
    int m_scanJob = 0;
};

} // namespace slim::app
