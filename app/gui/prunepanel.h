#pragma once

#include "jobs/prunejob.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;

namespace slim::app {

/// The Prune dock: a criterion, a ratio slider (or a MACs / parameter budget), the scope,
/// round_to and per-group overrides, previewed live. The criterion's scores are computed
/// once per model and criterion on a worker thread; every later change is answered by the
/// engine's preview on this thread (well under a millisecond for ResNet-56), and
/// previewChanged() hands the result to the heatmap, histogram and cost chart in the same
/// call, so all of them repaint in the same frame. Apply asks the window to prune as a job.
/// Taylor scores and magnitude masks need no preview of this kind: "More methods…" opens the
/// Prune dialog for them. UI thread only.
class PrunePanel : public QWidget {
    Q_OBJECT
public:
    explicit PrunePanel(QWidget* parent = nullptr);
    ~PrunePanel() override;

    /// Previews `model` (a null model clears the panel). Scoring runs in the background;
    /// isReady() turns true and ready() is emitted when it is done.
    void setModel(const engine::Model& model);
    bool isReady() const { return m_preview != nullptr; }
    /// The settings as the controls show them: what Apply runs.
    engine::PruneRequest request() const;
    /// The latest preview (empty until ready).
    const engine::PrunePreviewResult& preview() const { return m_result; }

    /// Sets the share of channels to remove (switching the target to a ratio), as dragging
    /// the γ threshold does; the slider holds whole percent, so `ratio` is rounded to one.
    void setRatio(double ratio);
    /// The fraction the slider and spin box show: channels removed (ratio) or kept (budget).
    double amount() const;
    /// Whether BatchNorm should be recalibrated after Apply (on the Train panel's data set).
    bool recalibrate() const;
    /// Previews `ratios` (group → share removed) as every group's own ratio, nothing removed
    /// elsewhere: what Sensitivity's "Set Ratios for This Budget" chose.
    void setGroupRatios(const std::map<std::string, double>& ratios);
    /// Group → what its sensitivity scan says (shown in the table's Sensitivity column).
    void setSensitivity(const QHash<QString, QString>& text);
    /// Marks the group led by layer `name` in the table (no groupSelected()); other names
    /// clear the mark.
    void selectGroup(const QString& name);
    /// Disables Apply while a pruning job runs.
    void setPruning(bool running);

Q_SIGNALS:
    /// Scores for the current model and criterion are in; a preview follows.
    void ready();
    /// The settings changed and the engine answered; `result` lives until the next change.
    void previewChanged(const slim::engine::PrunePreviewResult& result);
    /// No preview any more (no model, or scoring failed).
    void previewCleared();
    void applyRequested(const slim::engine::PruneRequest& request);
    /// "Prune and fine-tune…": these settings as the first stage of a compression recipe.
    void finetuneRequested(const slim::engine::PruneRequest& request);
    void moreMethodsRequested();
    /// The user picked a group in the table (its name is its first layer's).
    void groupSelected(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rescore();
    void updatePreview();
    void fillGroupTable();
    void updateGroupTable();
    void updateAmountRange();
    void showStatus(const QString& text, bool error = false);
    /// Drops overrides naming groups the newly scored model does not have, saying so.
    void keepKnownOverrides();
    void overrideEdited(int row, int column);

    engine::Model m_model;
    std::shared_ptr<const engine::PrunePreview> m_preview;
    engine::PrunePreviewResult m_result;
    std::map<std::string, double> m_overrides;
    QHash<QString, QString> m_sensitivity;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_filling = false;
    bool m_ratioShown = true;  ///< whether the amount is a share removed (not kept)
    int m_scopeBeforeBudget = 0;  ///< the scope to show again when the target is a ratio once more

    QComboBox* m_method;
    QComboBox* m_target;
    QComboBox* m_scope;
    QSlider* m_slider;
    QSpinBox* m_amount;
    QComboBox* m_roundTo;
    QCheckBox* m_recalibrate;
    QLabel* m_methodLabel;
    QLabel* m_targetLabel;
    QLabel* m_scopeLabel;
    QLabel* m_amountLabel;
    QLabel* m_roundToLabel;
    QLabel* m_totals;
    QLabel* m_status;
    QTableWidget* m_groups;
    QPushButton* m_apply;
    QPushButton* m_more;
    QPushButton* m_finetune;
    QPushButton* m_clearOverrides;
};

} // namespace slim::app
