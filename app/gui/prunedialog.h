#pragma once

#include "jobs/prunejob.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace slim::app {

/// Run › Prune: the criterion, how much to remove (a ratio of channels, or the MACs or
/// parameters to keep), per layer or global, round_to, and an optional data set for the
/// Taylor criterion, top-1 before and after, and BatchNorm recalibration. The pruning itself
/// runs as a job; this only gathers the settings. UI thread only.
class PruneDialog : public QDialog {
    Q_OBJECT
public:
    explicit PruneDialog(QWidget* parent = nullptr);

    engine::PruneRequest request() const;
    /// Shows `request` in the fields (the window keeps the last one).
    void setRequest(const engine::PruneRequest& request);
    /// Fills in the data set only, the rest as the defaults are (a first prune).
    void setDataset(const QString& path);
    /// Why the settings cannot run (Taylor or recalibration without a data set), or empty.
    QString validationError() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateFields();
    void browse();

    QComboBox* m_method;
    QComboBox* m_target;
    QDoubleSpinBox* m_amount;
    QComboBox* m_scope;
    QSpinBox* m_roundTo;
    QLineEdit* m_dataset;
    QPushButton* m_browse;
    QCheckBox* m_recalibrate;
    QSpinBox* m_batches;
    QLabel* m_methodLabel;
    QLabel* m_targetLabel;
    QLabel* m_amountLabel;
    QLabel* m_scopeLabel;
    QLabel* m_roundToLabel;
    QLabel* m_datasetLabel;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
};

/// The criterion's name as users read it ("L1 norm (Li et al. 2017)").
QString pruneMethodName(const QString& method);
/// The criterion, target and scope combo boxes' texts (items in the order engine::pruneMethods(),
/// Ratio/Macs/Params, layer/global), their labels, and the round_to field's tooltip, worded
/// alike in the Prune dialog and the Prune panel.
void retranslatePruneChoices(QComboBox* method, QComboBox* target, QComboBox* scope, QLabel* methodLabel,
                             QLabel* targetLabel, QLabel* scopeLabel, QWidget* roundTo);

/// The criterion's name in a few characters, for job titles and the undo list ("L1 norm").
QString pruneMethodShortName(const QString& method);

} // namespace slim::app
