#pragma once

#include "jobs/sensitivityjob.h"

#include <QWidget>

#include <map>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace slim::widgets { class SensitivityView; }

namespace slim::app {

/// Candidates "Refine by Annealing" evaluates after its start.
inline constexpr int kAnnealIterations = 40;

/// The Sensitivity dock: scans how much accuracy each channel group costs when it alone is
/// cut (a job the window runs), shows the curves, and "Set Ratios for a Budget…" turns them
/// into per-group ratios for the Prune panel. UI thread only.
class SensitivityPanel : public QWidget {
    Q_OBJECT
public:
    explicit SensitivityPanel(QWidget* parent = nullptr);

    /// The model the scan is for; a new one drops the curves of the old.
    void setModel(const engine::Model& model);
    /// The scan's settings: `method` from the Prune panel, `dataset` from the Train panel.
    engine::SensitivityRequest request(const std::string& method, const std::string& dataset) const;
    /// Shows a finished scan of the current model.
    void setResult(const engine::SensitivityResult& scan);
    bool hasResult() const { return !m_scan.groups.empty(); }
    const engine::SensitivityResult& result() const { return m_scan; }
    void setScanning(bool running);
    void selectGroup(const QString& name);
    /// The share of the MACs "Set Ratios for a Budget…" keeps, 0..1.
    double budget() const;
    /// Works out per-group ratios for budget() with widths rounded to `roundTo` (in the
    /// background); ratiosChosen() brings them.
    void chooseRatios(int roundTo);

    widgets::SensitivityView* view() const { return m_view; }

Q_SIGNALS:
    void scanRequested();
    /// "Set Ratios for This Budget": the window answers with chooseRatios(its round_to).
    void ratiosRequested();
    /// Per-group ratios for the budget, worked out from the curves.
    void ratiosChosen(const std::map<std::string, double>& ratios);
    /// "Refine by Annealing": the window runs the ratio search as a job.
    void annealRequested();
    void groupClicked(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    engine::Model m_model;
    engine::SensitivityResult m_scan;
    quint64 m_generation = 0;
    bool m_running = false;
    QSpinBox* m_samples;
    QSpinBox* m_budget;
    QLabel* m_samplesLabel;
    QLabel* m_budgetLabel;
    QLabel* m_status;
    QPushButton* m_scanButton;
    QPushButton* m_ratios;
    QPushButton* m_anneal;
    widgets::SensitivityView* m_view;
};

} // namespace slim::app
