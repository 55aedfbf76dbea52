#pragma once

#include "jobs/recipe.h"

#include <QString>
#include <QVector>
#include <QWidget>

#include <cstdint>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace slim::app {

/// The Train dock: the model to start from, data set, optimizer, schedule and run settings,
/// turned into a training recipe. "Train" asks the window to run it on the open model; the
/// recipe can also be saved and opened as JSON, the same file `slimbench-cli train` runs, and
/// a saved recipe names the open model so the command line reproduces the GUI run.
/// UI thread only.
class TrainPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainPanel(QWidget* parent = nullptr);

    /// What Train runs and Save Recipe writes. Relative Output and Metrics paths are resolved
    /// against the last directory used (or Documents).
    engine::TrainRecipe recipe() const;
    /// Shows `recipe` in the fields (Open Recipe does this). Its model is shown as the recipe's
    /// model; Output, Metrics and the fields the panel does not show are kept.
    void setRecipe(const engine::TrainRecipe& recipe);
    /// Disables "Train" while a job runs.
    void setTraining(bool training);

    /// Tells the panel which model Train runs on, so a saved recipe names it: a saved,
    /// unchanged document by `filePath` (written as {"file": path}); else an unchanged zoo
    /// build by `zooName` and its initialisation `seed` ({"zoo": name, "seed": n}); with both
    /// empty, an unsaved model that a recipe cannot name (Save Recipe asks to save it first).
    void setModelReference(const QString& filePath, const QString& zooName, qint64 seed);
    /// No model is open: a saved recipe keeps the model it was opened with.
    void clearModelReference();

    /// Why the fields cannot run as they are ("Milestones: …"), or empty when they can.
    QString validationError() const;
    /// Why a saved recipe could not name the open model, or empty.
    QString modelProblem() const;

    /// Writes recipe() as JSON to `path`; paths inside the recipe's folder are written relative
    /// to it. On failure returns false and sets `errorMessage` (translated); shows nothing.
    bool saveRecipeTo(const QString& path, QString* errorMessage = nullptr);
    /// Reads the recipe at `path` into the panel (see setRecipe()). On failure returns false,
    /// sets `errorMessage` and leaves the fields as they were; shows nothing.
    bool openRecipeFrom(const QString& path, QString* errorMessage = nullptr);

    /// The learning rate a run starts from unless the user chose another: SGD 0.1 from
    /// scratch and 0.01 to fine-tune; Adam and AdamW 1e-3 from scratch and 1e-4 to fine-tune.
    static double defaultLearningRate(const QString& optimizer, bool fromScratch);

public Q_SLOTS:
    /// What the Train button does: emits trainRequested() when the fields are valid, otherwise
    /// says what is wrong. Run › Train can call it too.
    void requestTraining();

Q_SIGNALS:
    void trainRequested(const slim::engine::TrainRecipe& recipe);

protected:
    /// Scrolling over a number or a list scrolls the panel; only a field the user clicked
    /// into takes the wheel, so no value changes unnoticed.
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct ModelReference {
        enum Kind { Unknown, None, File, Zoo, Unsaved };
        Kind kind = Unknown;
        QString filePath;
        QString zooName;
        qint64 seed = 0;
        bool operator==(const ModelReference& other) const = default;
    };
    /// A label, its field and the untranslated texts retranslate() fills them with.
    struct Row {
        QLabel* label;
        QWidget* field;
        const char* text;
        const char* toolTip;
    };

    /// Adds a labelled row; `rowWidget` (default: `field`) goes into the form, `field` is the buddy.
    void addRow(QFormLayout* form, QWidget* field, const char* text, const char* toolTip, QWidget* rowWidget = nullptr);
    void addCheckBox(QFormLayout* form, QCheckBox* box, const char* text, const char* toolTip);
    QWidget* fileRow(QLineEdit* edit, QPushButton* browse);
    void connectFields();
    void applyRecipe(const engine::TrainRecipe& recipe);
    void retranslate();
    void saveRecipe();
    void loadRecipe();
    /// Switches an unedited learning rate (and warm-up) to the defaults of the optimizer and
    /// start now chosen; a value the user typed stays.
    void applyDefaultsForChoice();
    void updateVisibleFields();
    void updateSummary();
    QString modelText(const ModelReference& model) const;
    QString absolutePath(const QString& text) const;
    void showWarning(const QString& title, const QString& message);
    bool fromScratch() const;

    QLabel* m_modelName;
    QLabel* m_recipeModelNote;
    QRadioButton* m_fineTune;
    QRadioButton* m_scratch;
    QLineEdit* m_dataset;
    QPushButton* m_browse;
    QSpinBox* m_batch;
    QSpinBox* m_cropPadding;
    QCheckBox* m_flip;
    QComboBox* m_optimizer;
    QDoubleSpinBox* m_learningRate;
    QDoubleSpinBox* m_momentum;
    QCheckBox* m_nesterov;
    QDoubleSpinBox* m_weightDecay;
    QDoubleSpinBox* m_labelSmoothing;
    QDoubleSpinBox* m_batchNormL1;
    QSpinBox* m_epochs;
    QComboBox* m_schedule;
    QSpinBox* m_stepSize;
    QLineEdit* m_milestones;
    QDoubleSpinBox* m_gamma;
    QDoubleSpinBox* m_minLearningRate;
    QSpinBox* m_warmup;
    QSpinBox* m_seed;
    QSpinBox* m_threads;
    QLineEdit* m_output;
    QPushButton* m_browseOutput;
    QLineEdit* m_metrics;
    QPushButton* m_browseMetrics;
    QLabel* m_summary;
    QPushButton* m_train;
    QPushButton* m_save;
    QPushButton* m_load;
    QFormLayout* m_scheduleForm = nullptr;
    QVector<QGroupBox*> m_groups;
    QVector<Row> m_rows;
    engine::TrainRecipe m_hidden; ///< fields the panel does not show, kept from a loaded recipe
    ModelReference m_openModel;   ///< what the window says is open
    ModelReference m_recipeModel; ///< what the last opened recipe named
    QString m_lastOptimizer;      ///< the choice the learning rate default was last applied for
    bool m_lastScratch = false;
    bool m_training = false;
    bool m_applying = false;      ///< applyRecipe() is filling the fields
};

/// Parses "30, 60, 90" (commas, semicolons or spaces, ASCII or full-width) into increasing
/// positive epochs. On a malformed list returns what it could read and sets `error`.
std::vector<std::int64_t> parseMilestones(const QString& text, QString* error = nullptr);

} // namespace slim::app
