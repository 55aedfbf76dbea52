#pragma once

#include "exportdialog.h"
#include "io/zoospec.h"
#include "core/job.h"
#include "jobs/prunejob.h"
#include "jobs/recipe.h"

#include <QMainWindow>

#include <functional>

namespace slim::engine {
class Model;
struct QuantizeRequest;
} // namespace slim::engine

class QAction;
class QActionGroup;
class QDockWidget;
class QMenu;
class QPlainTextEdit;
class QProgressBar;

namespace slim::widgets {
class CostChart;
class CurveView;
} // namespace slim::widgets

namespace slim::app {

struct VersionOrigin;
class Autosave;
class Document;
class JobRunner;
class JobsView;
class LanguageManager;
class TrainPanel;
class ModelPanel;
class OverviewPanel;
class PrunePanel;
class ProjectWorkflow;
class PruneWorkbench;
class Quantizer;
class RknnExporter;
class LatencyPanel;
struct RknnExportSettings;
class RedundancyPanel;
class SensitivityPanel;

/// The workbench window: the model overview in the centre, the Model (layer table), Cost
/// (chart) and Log docks around it. Opening, building and saving models run on worker
/// threads; this class only applies their results. UI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(LanguageManager* languages, QWidget* parent = nullptr);
    ~MainWindow() override;

    Document* document() const { return m_document; }
    /// Whether a model is being opened, built or saved.
    bool isBusy() const { return m_pendingOperations > 0; }

    /// Builds a zoo model in the background and makes it the document.
    void newFromZoo(const engine::ZooSpec& spec);
    /// Opens a model file in the background; on failure the document stays as it was.
    /// TorchScript files carry no input size: `inputShape` gives it, or the user is asked.
    void openFile(const QString& path, const std::vector<std::int64_t>& inputShape = {});
    /// Opens what a user named on the command line: a model file, or a zoo model by name
    /// (CIFAR-style ones shaped for Fashion-MNIST's 1×28×28, ImageNet-style ones 3×224×224).
    void openReference(const QString& reference);
    /// Opens a model bundled in the resources (":/slimbench/baselines/…") as an unsaved document.
    void openBundled(const QString& resource);
    /// Saves the document's model to `path` in the background; `done` (if given) learns on
    /// this thread whether it worked.
    void saveToFile(const QString& path, std::function<void(bool)> done = {});

    /// Trains the open model as `recipe` says, as a background job; the result is applied as
    /// one undoable step. Returns the job id, or 0 when there is no model.
    int startTraining(const engine::TrainRecipe& recipe);
    JobRunner* jobRunner() const { return m_jobs; }

    /// Prunes the open model as `request` says, as a background job; the pruned model replaces
    /// it as one undoable step, and the Log reports cost and top-1 before and after. Returns
    /// the job id, or 0 when there is no model. What the engine refuses fails the job.
    int startPruning(const engine::PruneRequest& request);
    /// Runs `recipe`'s stages on the open model as one background job (curves in Curves; no
    /// files written); the result replaces it as one undoable step. Returns the job id, or 0
    /// when there is no model or training already runs. `what` names the job ("Dynamic network
    /// surgery", a recipe's file name); empty: "N compression stages".
    /// `method` is the badge its project version gets ("compress", "quantize", "distill").
    int startCompression(const engine::CompressionRecipe& recipe, const QString& what = {},
                         const QString& method = QStringLiteral("compress"));

    /// Exports the open model as `settings` say, as a background job; the verification is
    /// logged and shown when it finishes. Returns the job id, or 0 when there is no model.
    int startExport(const ExportSettings& settings);
    /// Starts File › Export for RKNN with these settings, as its dialog's OK does; returns the job id.
    int startRknnExport(const RknnExportSettings& settings);
    RknnExporter* rknnExporter() const { return m_rknnExporter; }
    /// Starts post-training quantization of the open model, as Quantize and Distill's Start
    /// does in its first mode; returns the job id, or 0 when there is no model.
    int startQuantization(const engine::QuantizeRequest& request);
    Quantizer* quantizer() const { return m_quantizer; }
    /// The project features: File › New/Open Project, the Versions dock, comparison.
    ProjectWorkflow* projects() const { return m_projects; }
    Autosave* autosave() const { return m_autosave; }
    /// Offers the models an earlier session autosaved but never saved, because it did not close
    /// normally; restores the one the user accepts as an unsaved document. Returns whether one is
    /// being restored (the caller then opens nothing else).
    bool offerRecovery();

    /// Appends a time-stamped line to the Log dock.
    void log(const QString& message);

Q_SIGNALS:
    void modelLoaded();
    void operationFailed(const QString& message);
    void saved(const QString& path);
    /// An export finished and was verified; `report` is the text shown to the user.
    void exported(const QString& path, const QString& report);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createDocks();
    /// A dock named `objectName` holding `content` in `area`, as a tab beside `tabWith` if given.
    QDockWidget* addDock(const QString& objectName, QWidget* content, Qt::DockWidgetArea area, QDockWidget* tabWith = nullptr);
    QList<QDockWidget*> docks() const;

    void createCentralOverview();
    void applyDefaultDockSizes();
    void retranslate();
    void showModel();
    void updateTitle();
    /// Tells the Train panel how a recipe can name the open model.
    void updateTrainModelReference();
    void updateRecentFilesMenu();
    void addRecentFile(const QString& path);
    void showError(const QString& title, const QString& message);
    /// A job finished for a model that is no longer open: offers its result as a new
    /// document instead of replacing the one that is.
    void offerOrphanedResult(const engine::Model& model, const QString& title);
    /// Applies a job's `result` as one undoable step named `undoText` when the document is
    /// still the one (`generation`) and version (`source`) the job started from, and records it
    /// in the open project as a version made as `origin` says; otherwise offers it
    /// (offerOrphanedResult()).
    void applyJobResult(const engine::Model& source, quint64 generation, const engine::Model& result,
                        const QString& undoText, const QString& title, const VersionOrigin& origin);
    void showMetrics(int jobId, const QVector<slim::engine::MetricSample>& samples);
    /// Plots metric samples in the Curves dock (a running job's, or a project version's).
    void plotSamples(const QVector<slim::engine::MetricSample>& samples);
    /// Whether the document has changes that are neither saved nor kept in the open project.
    bool hasUnkeptChanges() const;
    void onJobFinished(int jobId, int state, const QString& message);
    void setBusy(bool busy, const QString& message = {});
    /// Runs `work` on a worker thread and hands its model to `apply` on this thread, unless a
    /// later load superseded it; errors show under `errorTitle`, the document unchanged.
    void loadModel(const QString& busyText, const QString& errorTitle, std::function<engine::Model()> work,
                   std::function<void(const engine::Model&)> apply);
    /// Runs `proceed` once the document's changes are dealt with: at once when there are
    /// none or the user discards them, after the background save has succeeded when the user
    /// saves them, never when the user cancels or the save fails (the window stays as it is).
    void withSavedChanges(std::function<void()> proceed);
    void askAndOpenFile();
    void showNewModelDialog();
    void showOpenDialog();
    void showExportDialog();
    void showRknnExportDialog();
    void showPruneDialog();
    void showFinetuneDialog(const engine::PruneRequest& request);
    void showMethodDialog();
    /// Run › Quantize and Distill…: PTQ as a job, QAT and distillation as compression recipes.
    void showQuantizeDialog();
    /// Run › Run Recipe…: a training or compression recipe file, run on the open model.
    void runRecipeFile();
    /// Clears the curves for a job that trains; false (saying why) while one already trains.
    bool beginTrainingJob();
    /// Start a save (asking for a file name when needed); false when none was started.
    bool save(std::function<void(bool)> done = {});
    bool saveAs(std::function<void(bool)> done = {});

    Document* m_document;
    LanguageManager* m_languages;
    int m_pendingOperations = 0;
    bool m_savingBeforeProceeding = false;
    bool m_closeApproved = false;
    int m_loadGeneration = 0;

    ModelPanel* m_modelPanel = nullptr;
    PrunePanel* m_prunePanel = nullptr;
    RedundancyPanel* m_redundancyPanel = nullptr;
    QDockWidget* m_pruneDock = nullptr;
    QDockWidget* m_redundancyDock = nullptr;
    SensitivityPanel* m_sensitivityPanel = nullptr;
    QDockWidget* m_sensitivityDock = nullptr;
    int m_pruneJob = 0;  ///< the prune job started last
    PruneWorkbench* m_workbench = nullptr;
    RknnExporter* m_rknnExporter = nullptr;
    Quantizer* m_quantizer = nullptr;
    double m_quantBits = 0;  ///< the bits a running QAT last reported (the Log notes each change)
    LatencyPanel* m_latencyPanel = nullptr;
    widgets::CostChart* m_costChart = nullptr;
    QPlainTextEdit* m_logView = nullptr;
    QDockWidget* m_modelDock = nullptr;
    QDockWidget* m_costDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    QDockWidget* m_trainDock = nullptr;
    QDockWidget* m_curvesDock = nullptr;
    QDockWidget* m_jobsDock = nullptr;
    QDockWidget* m_versionsDock = nullptr;
    ProjectWorkflow* m_projects = nullptr;
    Autosave* m_autosave = nullptr;
    JobRunner* m_jobs = nullptr;
    JobsView* m_jobsView = nullptr;
    TrainPanel* m_trainPanel = nullptr;
    widgets::CurveView* m_curves = nullptr;
    int m_trainJob = 0;                 ///< the job whose curves are shown
    OverviewPanel* m_overview = nullptr;
    QProgressBar* m_busyBar = nullptr;

    QAction* m_exportAction = nullptr;
    QAction* m_rknnExportAction = nullptr;
    ExportSettings m_lastExport;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_baselineMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_runMenu = nullptr;
    QAction* m_trainAction = nullptr;
    QAction* m_pruneAction = nullptr;
    QAction* m_methodAction = nullptr;
    QAction* m_quantizeAction = nullptr;
    QAction* m_runRecipeAction = nullptr;
    engine::PruneRequest m_lastPrune;
    bool m_prunedBefore = false;  ///< whether m_lastPrune holds a request the user made
    QMenu* m_helpMenu = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_clearRecentAction = nullptr;
    QAction* m_resetLayoutAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_systemLanguageAction = nullptr;
    QAction* m_englishAction = nullptr;
    QAction* m_chineseAction = nullptr;
    QByteArray m_defaultState;
    bool m_needsDefaultDockSizes = false;
};

} // namespace slim::app
