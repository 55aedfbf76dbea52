#include "mainwindow.h"

#include "modelpanel.h"
#include "finetunedialog.h"
#include "methoddialog.h"
#include "quantizedialog.h"
#include "quantizer.h"
#include "jobreport.h"
#include "overviewpanel.h"
#include "autosave.h"
#include "projectworkflow.h"
#include "prunepanel.h"
#include "pruneworkbench.h"
#include "versiontreepanel.h"
#include "latencypanel.h"
#include "redundancypanel.h"
#include "rknnexport.h"
#include "rknnexportdialog.h"
#include "sensitivitypanel.h"

#include "core/error.h"

#include "backgroundtask.h"
#include "errortext.h"
#include "costchart.h"
#include "curves.h"
#include "curveview.h"
#include "document.h"
#include "jobrunner.h"
#include "io/atomicfile.h"
#include "jobs/trainjob.h"
#include "jobsview.h"
#include "replacemodelcommand.h"
#include "trainpanel.h"
#include "languagemanager.h"
#include "newmodeldialog.h"
#include "prunedialog.h"
#include "settings.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QVBoxLayout>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScreen>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace slim::app {

namespace {
bool isModelFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const std::string& extension : engine::modelFileExtensions()) {
        if (suffix == QString::fromStdString(extension))
            return true;
    }
    return false;
}
} // namespace

MainWindow::MainWindow(LanguageManager* languages, QWidget* parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_languages(languages)
    , m_jobs(new JobRunner(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    createCentralOverview();
    createDocks();
    createActions();

    m_busyBar = new QProgressBar(this);
    m_busyBar->setObjectName(QStringLiteral("busyBar"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(160);
    m_busyBar->setVisible(false);
    statusBar()->addPermanentWidget(m_busyBar);

    connect(m_document, &Document::modelChanged, this, &MainWindow::showModel);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::showModel); // "Source" follows Save As
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTrainModelReference);

    retranslate();
    // The default size, but never larger than the screen (a 1024×700 laptop panel).
    QSize size(1360, 860);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size());
    resize(size);
    m_defaultState = saveState();
    restoreGeometry(settings::windowGeometry().value());
    m_needsDefaultDockSizes = !restoreState(settings::windowState().value());
    updateRecentFilesMenu();
    showModel();
}

MainWindow::~MainWindow()
{
    // Jobs end before the members their callbacks use; no signal reaches a half-destroyed window.
    m_jobs->disconnect(this);
    m_jobs->cancelAllAndWait();
    // The project's last writes happen now, while everything they report to still exists.
    m_projects->session()->disconnect(this);
    m_projects->session()->close();
}

void MainWindow::createCentralOverview()
{
    m_overview = new OverviewPanel(this);
    setCentralWidget(m_overview);
}

QDockWidget* MainWindow::addDock(const QString& objectName, QWidget* content, Qt::DockWidgetArea area, QDockWidget* tabWith)
{
    auto* dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    if (tabWith)
        tabifyDockWidget(tabWith, dock);
    return dock;
}

void MainWindow::createDocks()
{
    // Left: Model, Train and Prune as tabs. Right: Cost and Curves as tabs above Redundancy.
    // Bottom: Log and Jobs.
    m_modelPanel = new ModelPanel(this);
    m_modelDock = addDock(QStringLiteral("modelDock"), m_modelPanel, Qt::LeftDockWidgetArea);
    m_trainPanel = new TrainPanel(this);
    m_trainDock = addDock(QStringLiteral("trainDock"), m_trainPanel, Qt::LeftDockWidgetArea, m_modelDock);
    connect(m_trainPanel, &TrainPanel::trainRequested, this, &MainWindow::startTraining);
    m_prunePanel = new PrunePanel(this);
    m_pruneDock = addDock(QStringLiteral("pruneDock"), m_prunePanel, Qt::LeftDockWidgetArea, m_trainDock);
    m_modelDock->raise();

    m_costChart = new widgets::CostChart(this);
    m_costChart->setObjectName(QStringLiteral("costChart"));
    // The chart, and under it the measured latency beside the MACs.
    auto* cost = new QWidget(this);
    auto* costLayout = new QVBoxLayout(cost);
    costLayout->setContentsMargins(0, 0, 0, 0);
    costLayout->setSpacing(2);
    costLayout->addWidget(m_costChart, 1);
    m_latencyPanel = new LatencyPanel(m_document, m_jobs, cost);
    connect(m_latencyPanel, &LatencyPanel::latencyMeasured, this,
            [this](const engine::Model& model, double medianMs, qint64 batch) {
                if (batch == 1) // the comparison's latency column is per image
                    m_projects->recordLatency(model, medianMs);
            });
    costLayout->addWidget(m_latencyPanel);
    m_costDock = addDock(QStringLiteral("costDock"), cost, Qt::RightDockWidgetArea);
    m_redundancyPanel = new RedundancyPanel(this);
    m_redundancyDock = addDock(QStringLiteral("redundancyDock"), m_redundancyPanel, Qt::RightDockWidgetArea);
    splitDockWidget(m_costDock, m_redundancyDock, Qt::Vertical);
    m_curves = new widgets::CurveView(this);
    m_curves->setObjectName(QStringLiteral("curveView"));
    m_curvesDock = addDock(QStringLiteral("curvesDock"), m_curves, Qt::RightDockWidgetArea, m_costDock);
    m_sensitivityPanel = new SensitivityPanel(this);
    m_sensitivityDock = addDock(QStringLiteral("sensitivityDock"), m_sensitivityPanel, Qt::RightDockWidgetArea, m_curvesDock);
    m_costDock->raise();

    m_logView = new QPlainTextEdit(this);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setReadOnly(true);
    m_logView->setMaximumBlockCount(10000);
    m_logDock = addDock(QStringLiteral("logDock"), m_logView, Qt::BottomDockWidgetArea);
    m_jobsView = new JobsView(m_jobs, this);
    m_jobsDock = addDock(QStringLiteral("jobsDock"), m_jobsView, Qt::BottomDockWidgetArea, m_logDock);
    m_logDock->raise();

    ProjectWorkflow::Window window;
    window.widget = this;
    window.document = m_document;
    window.loadModel = [this](const QString& busyText, const QString& errorTitle, std::function<engine::Model()> work,
                              std::function<void(const engine::Model&)> apply) {
        loadModel(busyText, errorTitle, std::move(work), std::move(apply));
    };
    window.showError = [this](const QString& title, const QString& message) { showError(title, message); };
    window.log = [this](const QString& line) { log(line); };
    window.withSavedChanges = [this](std::function<void()> proceed) { withSavedChanges(std::move(proceed)); };
    window.showCurves = [this](const QVector<engine::MetricSample>& samples) {
        if (m_trainJob > 0 && m_jobs->isActive(m_trainJob))
            return; // the running job's curves stay
        m_curves->clear();
        plotSamples(samples);
    };
    m_projects = new ProjectWorkflow(m_jobs, window, this);
    m_versionsDock = addDock(QStringLiteral("versionsDock"), m_projects->panel(), Qt::LeftDockWidgetArea, m_pruneDock);
    connect(m_projects->session(), &ProjectSession::openedOrClosed, this, &MainWindow::updateTitle);
    connect(m_projects->session(), &ProjectSession::currentVersionChanged, this, &MainWindow::updateTitle);
    m_modelDock->raise();
    m_autosave = new Autosave(m_document, [this](const engine::Model& model) { return m_projects->session()->holds(model); }, this);

    m_workbench = new PruneWorkbench({m_modelPanel, m_prunePanel, m_redundancyPanel, m_sensitivityPanel, m_costChart,
                                      m_pruneDock, m_sensitivityDock},
                                     m_jobs, [this] { return m_trainPanel->recipe().dataset; },
                                     [this] {
                                         const bool running = m_trainJob > 0 && m_jobs->isActive(m_trainJob);
                                         return running ? m_jobs->job(m_trainJob).title : QString();
                                     },
                                     this);
    connect(m_workbench, &PruneWorkbench::pruneRequested, this, &MainWindow::startPruning);
    connect(m_workbench, &PruneWorkbench::finetuneRequested, this, &MainWindow::showFinetuneDialog);
    connect(m_workbench, &PruneWorkbench::moreMethodsRequested, this, &MainWindow::showPruneDialog);
    connect(m_workbench, &PruneWorkbench::log, this, &MainWindow::log);
    connect(m_workbench, &PruneWorkbench::failed, this, &MainWindow::showError);
    connect(m_jobs, &JobRunner::metricsArrived, this, &MainWindow::showMetrics);
    connect(m_jobs, &JobRunner::jobFinished, this, &MainWindow::onJobFinished);
}

QList<QDockWidget*> MainWindow::docks() const
{
    return {m_modelDock, m_trainDock, m_pruneDock, m_versionsDock, m_costDock, m_curvesDock, m_sensitivityDock, m_redundancyDock,
            m_logDock, m_jobsDock};
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_needsDefaultDockSizes) {
        // Dock sizes only take effect once the window is laid out at its real size.
        m_needsDefaultDockSizes = false;
        QTimer::singleShot(0, this, &MainWindow::applyDefaultDockSizes);
    }
}

void MainWindow::openReference(const QString& reference)
{
    const std::string name = reference.toStdString();
    const auto& zoo = engine::zooModelNames();
    if (QFileInfo::exists(reference)) {
        openFile(reference);
        return;
    }
    if (std::find(zoo.begin(), zoo.end(), name) == zoo.end()) {
        QStringList names;
        for (const std::string& known : zoo)
            names << QString::fromStdString(known);
        showError(tr("Cannot open the model"), tr("\"%1\" is neither a model file nor a zoo model. The zoo has: %2.")
                                                   .arg(reference, names.join(QStringLiteral(", "))));
        return;
    }
    engine::ZooSpec spec = engine::zooDefaults(name);
    if (spec.height == 32) {
        // CIFAR-style models open shaped for the embedded default data, Fashion-MNIST.
        spec.channels = 1;
        spec.height = spec.width = 28;
    }
    newFromZoo(spec);
}

void MainWindow::applyDefaultDockSizes()
{
    // The layer table on the left, the cost chart about as wide as the overview.
    const int width = this->width();
    resizeDocks({m_modelDock, m_costDock}, {width * 2 / 5, width * 2 / 5}, Qt::Horizontal);
    resizeDocks({m_logDock}, {height() / 6}, Qt::Vertical);
    // The heatmap and the histogram share their column: give them most of it.
    resizeDocks({m_costDock, m_redundancyDock}, {height() * 3 / 10, height() * 7 / 10}, Qt::Vertical);
}

void MainWindow::createActions()
{
    m_newAction = new QAction(this);
    m_newAction->setObjectName(QStringLiteral("newAction"));
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, &MainWindow::showNewModelDialog);
    m_openAction = new QAction(this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_overview->setShortcuts(m_newAction->shortcut(), m_openAction->shortcut());
    connect(m_openAction, &QAction::triggered, this, &MainWindow::showOpenDialog);
    m_saveAction = new QAction(this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, [this] { save(); });
    m_saveAsAction = new QAction(this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, [this] { saveAs(); });
    m_exportAction = new QAction(this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::showExportDialog);
    m_rknnExportAction = new QAction(this);
    m_rknnExportAction->setObjectName(QStringLiteral("rknnExportAction"));
    m_rknnExportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_rknnExportAction, &QAction::triggered, this, &MainWindow::showRknnExportDialog);
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_clearRecentAction = new QAction(this);
    connect(m_clearRecentAction, &QAction::triggered, this, [this] {
        settings::recentFiles().setValue({});
        updateRecentFilesMenu();
    });

    m_undoAction = m_document->undoStack()->createUndoAction(this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_document->undoStack()->createRedoAction(this);
    m_redoAction->setShortcut(QKeySequence::Redo);

    m_resetLayoutAction = new QAction(this);
    connect(m_resetLayoutAction, &QAction::triggered, this, [this] {
        restoreState(m_defaultState);
        for (QDockWidget* dock : docks())
            dock->show();
        applyDefaultDockSizes();
    });
    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Slimbench"),
                           tr("<h3>Slimbench %1</h3><p>A workbench for compressing convolutional neural networks.</p>"
                              "<p>It builds, imports (TorchScript, ONNX), analyses, trains and evaluates models; prunes "
                              "them (structured channel pruning by L1/L2, BN γ, Taylor, FPGM, SVD energy; magnitude "
                              "masks; pruning while training: network slimming, dynamic network surgery, AGP, ADMM); "
                              "quantizes (post-training and quantization-aware, 16/8/4 bits) and distills them; keeps "
                              "every version in a project for comparison tables; and exports them (ONNX, TorchScript, "
                              "RKNN bundles), each export verified.</p>")
                               .arg(QStringLiteral(SLIMBENCH_VERSION)));
    });

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    m_systemLanguageAction = new QAction(m_languageGroup);
    m_systemLanguageAction->setData(QString());
    // Language names are shown in their own language, so anyone can find theirs.
    m_englishAction = new QAction(QStringLiteral("English"), m_languageGroup);
    m_englishAction->setData(QStringLiteral("en"));
    m_chineseAction = new QAction(QStringLiteral("简体中文"), m_languageGroup);
    m_chineseAction->setData(QStringLiteral("zh_CN"));
    for (QAction* action : m_languageGroup->actions()) {
        action->setCheckable(true);
        action->setChecked(action->data().toString() == m_languages->chosen());
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction* action) { m_languages->apply(action->data().toString()); });

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_baselineMenu = m_fileMenu->addMenu(QString());
    m_baselineMenu->setObjectName(QStringLiteral("baselineMenu"));
    // Trained on Fashion-MNIST by the recipes in resources/baselines (their names stay English).
    for (const auto& [file, label] : {std::pair{"lenet5-fashion-mnist", "LeNet-5 · Fashion-MNIST"},
                                      std::pair{"resnet20-fashion-mnist", "ResNet-20 · Fashion-MNIST"}}) {
        const QString resource = QStringLiteral(":/slimbench/baselines/%1.slim").arg(QLatin1String(file));
        QAction* action = m_baselineMenu->addAction(QString::fromUtf8(label));
        connect(action, &QAction::triggered, this, [this, resource] { withSavedChanges([this, resource] { openBundled(resource); }); });
    }
    m_fileMenu->addSeparator();
    m_projects->addToFileMenu(m_fileMenu);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addAction(m_rknnExportAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);

    m_trainAction = new QAction(this);
    m_trainAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    // Through the panel, so Ctrl+T checks the settings as the Train button does.
    connect(m_trainAction, &QAction::triggered, m_trainPanel, &TrainPanel::requestTraining);
    m_runMenu = menuBar()->addMenu(QString());
    m_runMenu->addAction(m_trainAction);
    m_pruneAction = new QAction(this);
    m_pruneAction->setObjectName(QStringLiteral("pruneAction"));
    m_pruneAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_pruneAction, &QAction::triggered, this, &MainWindow::showPruneDialog);
    m_runMenu->addAction(m_pruneAction);
    m_methodAction = new QAction(this);
    m_methodAction->setObjectName(QStringLiteral("methodAction"));
    m_methodAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    connect(m_methodAction, &QAction::triggered, this, &MainWindow::showMethodDialog);
    m_runMenu->addAction(m_methodAction);
    m_quantizeAction = new QAction(this);
    m_quantizeAction->setObjectName(QStringLiteral("quantizeAction"));
    m_quantizeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    connect(m_quantizeAction, &QAction::triggered, this, &MainWindow::showQuantizeDialog);
    m_runMenu->addAction(m_quantizeAction);
    m_runMenu->addSeparator();
    m_runRecipeAction = new QAction(this);
    m_runRecipeAction->setObjectName(QStringLiteral("runRecipeAction"));
    m_runRecipeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_runRecipeAction, &QAction::triggered, this, &MainWindow::runRecipeFile);
    m_runMenu->addAction(m_runRecipeAction);

    m_viewMenu = menuBar()->addMenu(QString());
    for (QDockWidget* dock : docks())
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_resetLayoutAction);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageMenu->addActions(m_languageGroup->actions());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::retranslate()
{
    // The legend follows the language, also for curves already plotted.
    for (auto it = seriesLabels().cbegin(); it != seriesLabels().cend(); ++it)
        m_curves->setSeriesLabel(it.key(), tr(it.value()));
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_baselineMenu->setTitle(tr("Open &Baseline"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_newAction->setText(tr("&New from Zoo…"));
    m_newAction->setStatusTip(tr("Create a model from the built-in zoo"));
    m_openAction->setText(tr("&Open…"));
    m_openAction->setStatusTip(tr("Open a Slimbench (.slim), ONNX (.onnx) or TorchScript (.pt) model"));
    m_saveAction->setText(tr("&Save"));
    m_saveAsAction->setText(tr("Save &As…"));
    m_exportAction->setText(tr("&Export…"));
    m_rknnExportAction->setText(tr("Export for R&KNN…"));
    m_rknnExportAction->setStatusTip(tr("Write an RKNN bundle for Rockchip NPUs (ONNX, calibration images, conversion "
                                        "script) and convert it with rknn-toolkit2"));
    m_exportAction->setStatusTip(tr("Export the model to ONNX or TorchScript, verified against Slimbench's own output"));
    m_quitAction->setText(tr("&Quit"));
    m_clearRecentAction->setText(tr("&Clear List"));
    m_undoAction->setText(tr("&Undo"));
    m_redoAction->setText(tr("&Redo"));
    m_resetLayoutAction->setText(tr("Reset &Layout"));
    m_aboutAction->setText(tr("&About Slimbench"));
    m_systemLanguageAction->setText(tr("System Language"));
    m_modelDock->setWindowTitle(tr("Model"));
    m_costDock->setWindowTitle(tr("Cost"));
    m_logDock->setWindowTitle(tr("Log"));
    m_trainDock->setWindowTitle(tr("Train"));
    m_curvesDock->setWindowTitle(tr("Curves"));
    m_jobsDock->setWindowTitle(tr("Jobs"));
    m_versionsDock->setWindowTitle(tr("Versions"));
    m_projects->retranslate();
    m_runMenu->setTitle(tr("&Run"));
    m_trainAction->setText(tr("&Train Model"));
    m_trainAction->setStatusTip(tr("Train the open model with the settings of the Train panel"));
    m_pruneAction->setText(tr("&Prune Model…"));
    m_pruneAction->setStatusTip(tr("Remove the least important channels of the open model (structured pruning)"));
    m_methodAction->setText(tr("Prune &While Training…"));
    m_methodAction->setStatusTip(tr("Iterative schedules, network slimming, dynamic network surgery, AGP and ADMM on the "
                                    "open model"));
    m_quantizeAction->setText(tr("&Quantize and Distill…"));
    m_quantizeAction->setStatusTip(tr("Post-training quantization, quantization-aware training (16/8/4 bits) and "
                                      "knowledge distillation of the open model"));
    m_runRecipeAction->setText(tr("Run &Recipe…"));
    m_runRecipeAction->setStatusTip(tr("Run a training or compression recipe file on the open model"));
    m_pruneDock->setWindowTitle(tr("Prune"));
    m_redundancyDock->setWindowTitle(tr("Redundancy"));
    m_sensitivityDock->setWindowTitle(tr("Sensitivity"));
    updateTitle();
    showModel();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::showModel()
{
    const engine::Model& model = m_document->model();
    // Counted once: for ResNet-50 it reads 25 million weights.
    const engine::CostSummary cost = model.isNull() ? engine::CostSummary{} : model.cost();
    m_modelPanel->setModel(model, cost);
    m_overview->showModel(model, cost, m_document->filePath());
    updateTrainModelReference();
    if (model.isNull()) {
        m_costChart->clear();
        m_costChart->setNote({});
        m_workbench->showModel(model);
        return;
    }
    QStringList names;
    QVector<double> macs;
    QVector<double> params;
    for (const engine::LayerCost& layer : cost.layers) {
        if (layer.macs == 0 && layer.params == 0)
            continue;
        if (layer.op == "BatchNorm2d")
            continue; // its γ/β are tiny next to the convolution it follows
        names << QString::fromStdString(layer.name);
        macs << static_cast<double>(layer.macs);
        params << static_cast<double>(layer.params);
    }
    m_costChart->setData(names, macs, params);
    // How the model was pruned, where its cost is shown: masks keep the shapes (the bars are
    // the dense cost), removed channels do not.
    const auto share = [](std::int64_t part, std::int64_t whole) {
        return QLocale().toString(whole > 0 ? 100.0 * double(part) / double(whole) : 0.0, 'f', 1);
    };
    m_costChart->setNote(cost.pruning == "masked"
                             ? tr("Pruned with masks: %1 % of the MACs and %2 % of the parameters are non-zero")
                                   .arg(share(cost.nonzeroMacs, cost.macs), share(cost.nonzeroParams, cost.params))
                         : cost.pruning == "structural" ? tr("Pruned structurally: channels removed")
                                                        : QString());
    m_workbench->showModel(model); // after the chart has its layers: a preview marks them
}

void MainWindow::updateTrainModelReference()
{
    if (m_document->isEmpty()) {
        m_trainPanel->clearModelReference();
        return;
    }
    // A recipe can name the model only as it is on disk, or as the zoo builds it.
    const auto metadata = m_document->model().metadata();
    const bool unchanged = !m_document->isModified();
    const bool zooBuild = unchanged && m_document->filePath().isEmpty() && metadata.count("zoo") && !metadata.count("trained.epochs");
    const qint64 seed = metadata.count("zoo.seed") ? QString::fromStdString(metadata.at("zoo.seed")).toLongLong() : 0;
    m_trainPanel->setModelReference(unchanged ? m_document->filePath() : QString(),
                                    zooBuild ? QString::fromStdString(metadata.at("zoo")) : QString(), seed);
}

void MainWindow::updateTitle()
{
    const QString name = m_document->displayName();
    const QString project = m_projects ? m_projects->session()->name() : QString();
    if (!project.isEmpty())
        setWindowTitle(name.isEmpty() ? tr("%1 — Slimbench").arg(project) : tr("%1[*] · %2 — Slimbench").arg(name, project));
    else
        setWindowTitle(name.isEmpty() ? tr("Slimbench") : tr("%1[*] — Slimbench").arg(name));
    setWindowModified(hasUnkeptChanges());
}

void MainWindow::setBusy(bool busy, const QString& message)
{
    m_pendingOperations += busy ? 1 : -1;
    m_busyBar->setVisible(m_pendingOperations > 0);
    if (!message.isEmpty())
        statusBar()->showMessage(message, busy ? 0 : 5000);
    else if (!busy && m_pendingOperations == 0)
        statusBar()->clearMessage(); // "Opening …" is over
}

void MainWindow::log(const QString& message)
{
    m_logView->appendPlainText(QStringLiteral("[%1] %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), message));
    if (m_projects)
        m_projects->session()->log(message);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    log(message);
    statusBar()->showMessage(message, 10000);
    // Non-modal, so the event loop (and any running work) goes on while it is shown.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT operationFailed(message);
}

void MainWindow::loadModel(const QString& busyText, const QString& errorTitle, std::function<engine::Model()> work,
                           std::function<void(const engine::Model&)> apply)
{
    const int generation = ++m_loadGeneration;
    setBusy(true, busyText);
    runInBackground<engine::Model>(
        this, std::move(work),
        [this, generation, apply](const engine::Model& model) {
            setBusy(false);
            if (generation != m_loadGeneration)
                return; // a later request superseded this one
            apply(model);
            if (!model.isNull())
                Q_EMIT modelLoaded();
        },
        [this, errorTitle](const QString& message) {
            setBusy(false);
            showError(errorTitle, message);
        });
}

void MainWindow::newFromZoo(const engine::ZooSpec& spec)
{
    const QString name = zooDisplayName(QString::fromStdString(spec.model));
    loadModel(tr("Building %1…").arg(name), tr("Cannot create the model"), [spec] { return engine::Model::fromZoo(spec); },
              [this, name, spec](const engine::Model& model) {
                  m_document->reset(model, QString());
                  statusBar()->showMessage(tr("Created %1").arg(name), 5000);
                  log(tr("Created %1 for %2×%3×%4 inputs and %5 classes")
                          .arg(name)
                          .arg(spec.channels)
                          .arg(spec.height)
                          .arg(spec.width)
                          .arg(spec.classes));
              });
}

void MainWindow::openFile(const QString& path, const std::vector<std::int64_t>& inputShape)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString fileName = QFileInfo(path).fileName();
    // A .pt (or an ONNX file with a dynamic size) is read first without a size: only a file
    // that really is such a model makes the window ask for one.
    const std::vector<std::int64_t> shape = inputShape;
    loadModel(tr("Opening %1…").arg(fileName), tr("Cannot open the model"),
              [absolute, shape] {
                  try {
                      return engine::Model::load(absolute.toStdString(), shape);
                  } catch (const engine::Error& error) {
                      // An ONNX file with a dynamic input size: no model, and the user is asked.
                      if (shape.empty() && error.code() == engine::ErrorCode::InvalidArgument && !error.args().empty()
                          && error.args().front() == "input")
                          return engine::Model();
                      throw;
                  }
              },
              [this, absolute, fileName](const engine::Model& model) {
                  if (model.isNull()) {
                      const std::vector<std::int64_t> size = askInputShape(
                          this, fileName, m_document->isEmpty() ? std::vector<std::int64_t>{3, 32, 32} : m_document->model().inputShape());
                      if (!size.empty())
                          openFile(absolute, size);
                      return;
                  }
                  m_document->reset(model, absolute);
                  addRecentFile(absolute);
                  settings::lastDirectory().setValue(QFileInfo(absolute).absolutePath());
                  statusBar()->showMessage(tr("Opened %1").arg(fileName), 5000);
                  log(tr("Opened %1").arg(QDir::toNativeSeparators(absolute)));
              });
}

void MainWindow::showExportDialog()
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot export"), tr("Open or create a model first."));
        return;
    }
    const engine::Model model = m_document->model();
    ExportDialog dialog(QString::fromStdString(model.name()), model.inputShape(), this);
    if (!m_lastExport.path.isEmpty()) {
        ExportSettings previous = m_lastExport;
        previous.inputShape = model.inputShape();
        previous.path = QFileInfo(previous.path).dir().filePath(QString::fromStdString(model.name())
                                                                 + QFileInfo(previous.path).suffix().prepend(QLatin1Char('.')));
        dialog.setSettings(previous);
    }
    if (dialog.exec() == QDialog::Accepted)
        startExport(dialog.settings());
}

int MainWindow::startExport(const ExportSettings& settings)
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot export"), tr("Open or create a model first."));
        return 0;
    }
    m_lastExport = settings;
    const engine::Model model = m_document->model();
    const bool onnx = settings.format == ExportSettings::Onnx;
    const QString format = onnx ? tr("ONNX opset %1").arg(settings.opset) : tr("TorchScript");
    const QString title = tr("Export %1 as %2").arg(QString::fromStdString(model.name()), format);
    const std::string path = settings.path.toStdString();
    log(tr("Started: %1 to %2").arg(title, QDir::toNativeSeparators(settings.path)));
    m_jobsDock->raise();
    return m_jobs->submit<engine::ExportReport>(
        title,
        [model, settings, path, onnx](const engine::JobContext& context) {
            context.progress({0, 2, "preparing", -1});
            engine::Model shaped =
                settings.inputShape.empty() || settings.inputShape == model.inputShape() ? model : model.withInputShape(settings.inputShape);
            if (settings.withPreprocessing)
                shaped = shaped.withPreprocessingBakedIn();
            context.throwIfCancelled();
            context.progress({1, 2, "exporting and verifying", -1});
            // Cancel is honoured up to the moment the file is written; after that it is done.
            engine::ExportReport report = onnx ? engine::exportModelToOnnx(shaped, path, settings.opset, context)
                                               : engine::exportModelToTorchScript(shaped, path, context);
            context.progress({2, 2, "done", 0});
            return report;
        },
        [this, settings, model](const engine::ExportReport& report) {
            const QStringList lines = JobReport::exported(report, settings, model);
            for (const QString& line : lines)
                log(line);
            const QString text = lines.join(QLatin1Char('\n'));
            auto* box = new QMessageBox(QMessageBox::Information, tr("Export Finished"), text, QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("exportResultBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setModal(false);
            box->show();
            Q_EMIT exported(settings.path, text);
        });
}

void MainWindow::showRknnExportDialog()
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot export"), tr("Open or create a model first."));
        return;
    }
    RknnExportDialog dialog(QString::fromStdString(m_document->model().name()),
                            QString::fromStdString(m_trainPanel->recipe().dataset), this);
    if (dialog.exec() == QDialog::Accepted)
        startRknnExport(dialog.settings());
}

int MainWindow::startRknnExport(const RknnExportSettings& settings)
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot export"), tr("Open or create a model first."));
        return 0;
    }
    if (!m_rknnExporter)
        m_rknnExporter = new RknnExporter(m_jobs, this, [this](const QString& line) { log(line); });
    m_jobsDock->raise();
    return m_rknnExporter->start(m_document->model(), settings);
}

void MainWindow::openBundled(const QString& resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot open the model"), tr("The bundled model %1 is missing from this build.").arg(resource));
        return;
    }
    const std::string bytes = file.readAll().toStdString();
    const QString fileName = QFileInfo(resource).fileName();
    loadModel(tr("Opening %1…").arg(fileName), tr("Cannot open the model"),
              [bytes, name = fileName.toStdString()] { return engine::Model::fromBytes(bytes, name); },
              [this, resource, fileName](const engine::Model& model) {
                  m_document->reset(model, QString());
                  statusBar()->showMessage(tr("Opened %1").arg(fileName), 5000);
                  log(tr("Opened the bundled baseline %1").arg(QFileInfo(resource).baseName()));
              });
}

void MainWindow::saveToFile(const QString& path, std::function<void(bool)> done)
{
    if (m_document->isEmpty()) {
        if (done)
            done(false);
        return;
    }
    QString target = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(target).suffix().isEmpty())
        target += QStringLiteral(".slim");
    const engine::Model model = m_document->model();
    setBusy(true, tr("Saving %1…").arg(QFileInfo(target).fileName()));
    runInBackground<QString>(
        this,
        [model, target] {
            model.save(target.toStdString());
            return target;
        },
        [this, model, done](const QString& savedPath) {
            setBusy(false, tr("Saved %1").arg(QFileInfo(savedPath).fileName()));
            // Only mark clean if the document still holds what was saved.
            if (m_document->model().sharedGraph() == model.sharedGraph())
                m_document->markSaved(savedPath);
            addRecentFile(savedPath);
            settings::lastDirectory().setValue(QFileInfo(savedPath).absolutePath());
            log(tr("Saved %1").arg(QDir::toNativeSeparators(savedPath)));
            Q_EMIT saved(savedPath);
            if (done)
                done(true);
        },
        [this, done](const QString& message) {
            setBusy(false);
            showError(tr("Cannot save the model"), message);
            if (done)
                done(false);
        });
}

void MainWindow::showNewModelDialog()
{
    withSavedChanges([this] {
        auto* dialog = new NewModelDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] { newFromZoo(dialog->spec()); });
        dialog->open();
    });
}

void MainWindow::showOpenDialog()
{
    withSavedChanges([this] { askAndOpenFile(); });
}

void MainWindow::askAndOpenFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), settings::lastDirectory().value(),
                                                      tr("Models (*.slim *.onnx *.pt);;Slimbench models (*.slim);;ONNX models (*.onnx);;"
                                                         "TorchScript archives (*.pt);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save(std::function<void(bool)> done)
{
    if (m_document->filePath().isEmpty())
        return saveAs(std::move(done));
    saveToFile(m_document->filePath(), std::move(done));
    return true;
}

bool MainWindow::saveAs(std::function<void(bool)> done)
{
    if (m_document->isEmpty())
        return false;
    QString directory = settings::lastDirectory().value();
    const QString suggested = QDir(directory).filePath(QString::fromStdString(m_document->model().name()) + QStringLiteral(".slim"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Model As"), suggested, tr("Slimbench models (*.slim)"));
    if (path.isEmpty())
        return false;
    saveToFile(path, std::move(done));
    return true;
}

bool MainWindow::hasUnkeptChanges() const
{
    // A version the project holds is kept, whether or not it was saved to a file too.
    return m_document->isModified() && !(m_projects && m_projects->session()->holds(m_document->model()));
}

void MainWindow::withSavedChanges(std::function<void()> proceed)
{
    if (m_savingBeforeProceeding) {
        statusBar()->showMessage(tr("Still saving; try again when the save has finished."), 5000);
        return;
    }
    if (!hasUnkeptChanges()) {
        proceed();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Unsaved Changes"),
                                tr("%1 has changes that are not saved. Save them first?").arg(m_document->displayName()),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unsavedChangesBox"));
    box->setDefaultButton(QMessageBox::Save);
    const auto answer = box->exec();
    delete box;
    if (answer == QMessageBox::Discard) {
        proceed();
        return;
    }
    if (answer != QMessageBox::Save)
        return;
    // The save runs in the background; only its success lets the close or open go on.
    m_savingBeforeProceeding = true;
    const bool started = save([this, proceed](bool savedOk) {
        m_savingBeforeProceeding = false;
        if (savedOk && m_document->isModified())
            withSavedChanges(proceed); // changed again while it was saving: ask again
        else if (savedOk)
            proceed();
        else
            log(tr("Stayed with the current model because it could not be saved."));
    });
    if (!started)
        m_savingBeforeProceeding = false;
}

void MainWindow::addRecentFile(const QString& path)
{
    QStringList recent = settings::recentFiles().value();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > settings::kMaxRecentFiles)
        recent.removeLast();
    settings::recentFiles().setValue(recent);
    updateRecentFilesMenu();
}

void MainWindow::updateRecentFilesMenu()
{
    m_recentMenu->clear();
    const QStringList recent = settings::recentFiles().value();
    for (int i = 0; i < recent.size(); ++i) {
        const QString& path = recent[i];
        QAction* action = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { withSavedChanges([this, path] { openFile(path); }); });
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAction);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

int MainWindow::startTraining(const engine::TrainRecipe& recipe)
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot train"), tr("Open or create a model first."));
        return 0;
    }
    if (!beginTrainingJob())
        return 0;
    const engine::Model model = m_document->model();
    const quint64 documentGeneration = m_document->generation();
    const QString name = QString::fromStdString(model.name());
    const QString title = tr("Train %1 for %n epoch(s)", "", static_cast<int>(recipe.epochs)).arg(name);
    log(tr("Started: %1 on %2").arg(title, QString::fromStdString(recipe.dataset)));
    const int epochs = static_cast<int>(recipe.epochs);
    m_trainJob = m_jobs->submit<engine::TrainJobResult>(
        title,
        [model, recipe](const engine::JobContext& context) {
            // Output and metrics files are written when the recipe names them, as the CLI does.
            const bool writeOutputs = !recipe.output.empty() || !recipe.metrics.empty();
            engine::TrainJobResult result = engine::runTrainJob(recipe, context, &model, writeOutputs);
            if (result.cancelled || result.model.isNull())
                throw engine::JobCancelled();
            return result;
        },
        [this, epochs, model, documentGeneration, title, recipe](const engine::TrainJobResult& result) {
            VersionOrigin origin;
            origin.name = tr("Trained %n epoch(s)", "", epochs);
            origin.method = QStringLiteral("train");
            origin.recipe = QString::fromStdString(engine::trainRecipeToJson(recipe));
            if (!result.history.empty() && result.history.back().validationTop1 >= 0) {
                origin.top1 = result.history.back().validationTop1;
                origin.top5 = result.history.back().validationTop5;
            }
            applyJobResult(model, documentGeneration, result.model, tr("Train %n epoch(s)", "", epochs), title, origin);
            if (!result.history.empty()) {
                const engine::EpochRecord& last = result.history.back();
                log(tr("Trained: top-1 %1, top-5 %2, loss %3 after %n epoch(s)", "", epochs)
                        .arg(last.validationTop1, 0, 'f', 4)
                        .arg(last.validationTop5, 0, 'f', 4)
                        .arg(last.validationLoss, 0, 'f', 4));
            }
            if (result.skippedFiles > 0)
                log(tr("%n unreadable image file(s) were skipped", "", static_cast<int>(result.skippedFiles)));
        });
    return m_trainJob;
}

bool MainWindow::beginTrainingJob()
{
    if (m_trainJob > 0 && m_jobs->isActive(m_trainJob)) {
        // One training at a time: a second would fight the first for the cores and the curves.
        showError(tr("Training is already running"),
                  tr("\"%1\" is still running. Wait for it to finish, or cancel it in the Jobs dock, then start the next.")
                      .arg(m_jobs->job(m_trainJob).title));
        return false;
    }
    m_curves->clear();
    m_quantBits = 0;
    m_redundancyPanel->clearGammaHistory();
    m_curvesDock->raise();
    m_jobsDock->raise();
    m_trainPanel->setTraining(true);
    return true;
}

void MainWindow::showFinetuneDialog(const engine::PruneRequest& request)
{
    FinetuneDialog dialog(m_trainPanel->recipe(), request, this, m_trainPanel->modelProblem());
    if (dialog.exec() == QDialog::Accepted)
        startCompression(dialog.recipe());
}

void MainWindow::showMethodDialog()
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot prune"), tr("Open or create a model first."));
        return;
    }
    const engine::CostSummary cost = m_document->model().cost();
    const bool hasBatchNorm = std::any_of(cost.layers.begin(), cost.layers.end(),
                                          [](const engine::LayerCost& layer) { return layer.op == "BatchNorm2d"; });
    MethodDialog dialog(m_trainPanel->recipe(), m_prunePanel->request(), this, m_trainPanel->modelProblem(), hasBatchNorm);
    if (dialog.exec() == QDialog::Accepted)
        startCompression(dialog.recipe(), dialog.methodName());
}

void MainWindow::showQuantizeDialog()
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot quantize"), tr("Open or create a model first."));
        return;
    }
    QStringList layers;
    for (const engine::LayerCost& layer : m_document->model().cost().layers)
        layers << QString::fromStdString(layer.name);
    // The teacher: the project's chosen one (Versions › Use as Teacher), else the file the
    // open model came from when it was changed since (a pruned student of it); none otherwise.
    QString teacher = m_projects->teacherCheckpoint();
    if (teacher.isEmpty() && m_document->isModified())
        teacher = m_document->filePath();
    QuantizeDialog dialog(m_trainPanel->recipe(), layers, QDir::toNativeSeparators(teacher), this, m_trainPanel->modelProblem());
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.mode() == QuantizeDialog::Mode::PostTraining)
        startQuantization(dialog.quantizeRequest());
    else
        startCompression(dialog.recipe(), dialog.actionName(),
                         dialog.mode() == QuantizeDialog::Mode::Distillation ? QStringLiteral("distill")
                                                                              : QStringLiteral("quantize"));
}

int MainWindow::startQuantization(const engine::QuantizeRequest& request)
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot quantize"), tr("Open or create a model first."));
        return 0;
    }
    if (m_trainJob > 0 && m_jobs->isActive(m_trainJob)) {
        // Its result will replace the model; a quantization of the model it started from would be lost.
        showError(tr("Cannot quantize"), tr("\"%1\" is still running. Wait for it to finish, or cancel it in the Jobs dock, "
                                            "then quantize.")
                                             .arg(m_jobs->job(m_trainJob).title));
        return 0;
    }
    if (!m_quantizer)
        m_quantizer = new Quantizer(
            m_jobs, this, [this](const QString& line) { log(line); },
            [this](const engine::Model& source, quint64 generation, const engine::Model& result, const QString& undoText,
                   const QString& title, double top1) {
                VersionOrigin origin;
                origin.name = undoText;
                origin.method = QStringLiteral("quantize");
                if (top1 >= 0)
                    origin.top1 = top1;
                applyJobResult(source, generation, result, undoText, title, origin);
            });
    m_jobsDock->raise();
    return m_quantizer->start(m_document->model(), m_document->generation(), request);
}

void MainWindow::runRecipeFile()
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot run a recipe"), tr("Open or create a model first: a recipe runs on the open model."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Run Recipe"), settings::lastDirectory().value(),
                                                      tr("Recipes (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings::lastDirectory().setValue(QFileInfo(path).absolutePath());
    try {
        const std::string file = path.toStdString();
        const std::string kind = engine::recipeKind(engine::io::readWholeFile(file));
        if (kind == "compress") {
            if (startCompression(engine::loadCompressionRecipe(file), QFileInfo(path).fileName()) > 0)
                log(tr("Running %1 on the open model; its stages' versions stay in this session (slimbench-cli run "
                       "writes them to files).")
                        .arg(QDir::toNativeSeparators(path)));
        } else if (kind == "train") {
            engine::TrainRecipe recipe = engine::loadTrainRecipe(file);
            recipe.output.clear(); // the result replaces the open model, as the Train panel's does
            recipe.metrics.clear();
            startTraining(recipe);
        } else {
            showError(tr("Cannot run the recipe"),
                      tr("%1 is a recipe of kind \"%2\"; Run Recipe takes \"train\" and \"compress\".")
                          .arg(QDir::toNativeSeparators(path), QString::fromStdString(kind)));
        }
    } catch (const std::exception& error) {
        showError(tr("Cannot run the recipe"), errorText(error));
    }
}

int MainWindow::startCompression(const engine::CompressionRecipe& recipe, const QString& what, const QString& method)
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot prune"), tr("Open or create a model first."));
        return 0;
    }
    if (!beginTrainingJob())
        return 0;
    const engine::Model model = m_document->model();
    const quint64 documentGeneration = m_document->generation();
    const QString title = what.isEmpty() ? tr("%1: %n compression stage(s)", "", static_cast<int>(recipe.stages.size()))
                                               .arg(QString::fromStdString(model.name()))
                                         : tr("%1: %2").arg(QString::fromStdString(model.name()), what);
    log(tr("Started: %1 on %2").arg(title, QString::fromStdString(recipe.base.dataset)));
    m_prunePanel->setPruning(true);
    m_trainJob = m_jobs->submit<engine::CompressionResult>(
        title,
        [model, recipe](const engine::JobContext& context) { return engine::runCompressionRecipe(recipe, context, &model, false); },
        [this, model, documentGeneration, title, what, method, recipe, stages = static_cast<int>(recipe.stages.size())](
            const engine::CompressionResult& result) {
            VersionOrigin origin;
            origin.name = what.isEmpty() ? tr("Compressed in %n stage(s)", "", stages) : what;
            origin.method = method;
            origin.recipe = QString::fromStdString(engine::compressionRecipeToJson(recipe));
            if (!result.stages.empty()) {
                const engine::StageOutcome& last = result.stages.back();
                if (!last.history.empty() && last.history.back().validationTop1 >= 0) {
                    origin.top1 = last.history.back().validationTop1;
                    origin.top5 = last.history.back().validationTop5;
                } else if (last.top1 >= 0) {
                    origin.top1 = last.top1;
                }
            }
            applyJobResult(model, documentGeneration, result.model, tr("Compress (%n stage(s))", "", stages), title, origin);
            for (const QString& line : JobReport::stages(result))
                log(line);
        });
    return m_trainJob;
}

void MainWindow::applyJobResult(const engine::Model& source, quint64 generation, const engine::Model& result,
                                const QString& undoText, const QString& title, const VersionOrigin& origin)
{
    // A result belongs to the model version it started from, never to another.
    if (m_document->generation() == generation && m_document->model().sharedGraph() == source.sharedGraph()) {
        m_document->undoStack()->push(new ReplaceModelCommand(m_document, result, undoText));
        m_projects->recordResult(source, result, origin);
    } else {
        offerOrphanedResult(result, title);
    }
}

void MainWindow::showPruneDialog()
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot prune"), tr("Open or create a model first."));
        return;
    }
    PruneDialog dialog(this);
    if (m_prunedBefore)
        dialog.setRequest(m_lastPrune);
    else
        dialog.setDataset(QString::fromStdString(m_trainPanel->recipe().dataset)); // the one the user already chose
    if (dialog.exec() == QDialog::Accepted)
        startPruning(dialog.request());
}

int MainWindow::startPruning(const engine::PruneRequest& request)
{
    if (m_document->isEmpty()) {
        showError(tr("Cannot prune"), tr("Open or create a model first."));
        return 0;
    }
    if (m_trainJob > 0 && m_jobs->isActive(m_trainJob)) {
        // Its result will replace the model; a prune of the model it started from would be lost.
        showError(tr("Cannot prune"), tr("\"%1\" is still running. Wait for it to finish, or cancel it in the Jobs dock, then prune.")
                                          .arg(m_jobs->job(m_trainJob).title));
        return 0;
    }
    m_lastPrune = request;
    m_prunedBefore = true;
    const engine::Model model = m_document->model();
    const quint64 documentGeneration = m_document->generation();
    const QString method = pruneMethodShortName(QString::fromStdString(request.method));
    const QString amount = QLocale().toString(request.amount * 100, 'g', 3);
    QString undoText = request.method == "magnitude" ? tr("Mask %1 % of weights (magnitude)").arg(amount)
                             : request.target == engine::PruneTarget::Ratio
                                 ? tr("Prune %1 % of channels (%2)").arg(amount, method)
                             : request.target == engine::PruneTarget::Macs ? tr("Prune to %1 % of MACs (%2)").arg(amount, method)
                                                                            : tr("Prune to %1 % of parameters (%2)").arg(amount, method);
    if (!request.overrides.empty())
        undoText += tr(", %n group(s) with their own ratio", "", static_cast<int>(request.overrides.size()));
    const QString title = tr("%1: %2").arg(QString::fromStdString(model.name()), undoText);
    log(tr("Started: %1").arg(title));
    m_jobsDock->raise();
    m_prunePanel->setPruning(true);
    return m_pruneJob = m_jobs->submit<engine::PruneResult>(
        title, [model, request](const engine::JobContext& context) { return engine::runPruneJob(model, request, context); },
        [this, model, documentGeneration, undoText, title, recalibrate = request.recalibrateBatches > 0](const engine::PruneResult& result) {
            VersionOrigin origin;
            origin.name = undoText;
            origin.method = QStringLiteral("prune");
            if (result.top1Recalibrated >= 0)
                origin.top1 = result.top1Recalibrated;
            else if (result.top1Pruned >= 0)
                origin.top1 = result.top1Pruned;
            applyJobResult(model, documentGeneration, result.model, undoText, title, origin);
            for (const QString& line : JobReport::pruning(result, recalibrate))
                log(line);
        });
}

void MainWindow::offerOrphanedResult(const engine::Model& model, const QString& title)
{
    log(tr("Finished: %1. The model it started from is no longer open, so the result was not applied to %2.")
            .arg(title, m_document->displayName()));
    auto* box = new QMessageBox(QMessageBox::Information, tr("Result of a Closed Model"),
                                tr("%1 has finished, but the model it started from is no longer open. \"%2\" was left "
                                   "as it is.\n\nOpen the result as a new, unsaved model?")
                                    .arg(title, m_document->displayName()),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("orphanedResultBox"));
    QPushButton* open = box->addButton(tr("Open Result"), QMessageBox::AcceptRole);
    open->setObjectName(QStringLiteral("openResultButton"));
    box->addButton(tr("Discard Result"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(open, &QPushButton::clicked, this, [this, model] {
        withSavedChanges([this, model] {
            m_document->reset(model, QString());
            m_document->markUnsaved(); // hours of training must not vanish without a question
            log(tr("Opened the result of %1 as a new, unsaved model").arg(QString::fromStdString(model.name())));
        });
    });
    box->open();
}

void MainWindow::showMetrics(int jobId, const QVector<engine::MetricSample>& samples)
{
    if (jobId == m_trainJob)
        plotSamples(samples);
}

void MainWindow::plotSamples(const QVector<engine::MetricSample>& samples)
{
    bool gammas = false;
    for (const engine::MetricSample& sample : plotCurveSamples(*m_curves, samples)) {
        const QString series = QString::fromStdString(sample.series);
        if (series.startsWith(QLatin1String("gamma/")) && sample.epoch >= 0) { // network slimming's γ, for the heatmap
            m_redundancyPanel->addGammaSample(series.mid(6), sample.epoch, static_cast<int>(sample.step), sample.value);
            gammas = true;
        }
        // Bit widths are no curve: the Log says when a stepwise schedule moves them.
        if (series == QLatin1String("qat/activation_bits") && sample.epoch >= 0) {
            if (sample.value != m_quantBits)
                log(tr("Quantization-aware training at %1 bits from epoch %2").arg(sample.value).arg(sample.epoch));
            m_quantBits = sample.value;
        }
    }
    if (gammas)
        m_redundancyPanel->gammaSamplesAdded();
}

void MainWindow::onJobFinished(int jobId, int state, const QString& message)
{
    const JobStatus status = m_jobs->job(jobId);
    if (jobId == m_trainJob) {
        m_trainPanel->setTraining(false);
        m_prunePanel->setPruning(m_pruneJob > 0 && m_jobs->isActive(m_pruneJob)); // a compression held it too
    }
    if (jobId == m_pruneJob)
        m_prunePanel->setPruning(false);
    if (state == JobStatus::Failed)
        showError(tr("The job failed"), tr("%1: %2").arg(status.title, message));
    else if (state == JobStatus::Cancelled)
        log(tr("Cancelled: %1. The model is unchanged.").arg(status.title));
    else
        log(tr("Finished: %1").arg(status.title));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_closeApproved) {
        if (m_jobs->isBusy()) {
            const auto answer = QMessageBox::question(
                this, tr("Jobs Are Running"), tr("Jobs are still running. Cancel them and quit? Their results will be lost."),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
            if (answer != QMessageBox::Yes) {
                event->ignore();
                return;
            }
        }
        if (hasUnkeptChanges()) {
            // Decided asynchronously (a save may have to finish first), then closed again.
            event->ignore();
            withSavedChanges([this] {
                m_closeApproved = true;
                QTimer::singleShot(0, this, &QWidget::close);
            });
            return;
        }
    }
    m_closeApproved = false;
    m_jobs->cancelAllAndWait();
    m_autosave->closedNormally();
    settings::windowGeometry().setValue(saveGeometry());
    settings::windowState().setValue(saveState());
    event->accept();
}

bool MainWindow::offerRecovery()
{
    for (const Recovery& recovery : Autosave::pending()) {
        QMessageBox box(QMessageBox::Question, tr("Restore Unsaved Model"),
                        tr("Slimbench did not close normally last time. \"%1\" had changes that were not saved; they were "
                           "autosaved at %2.\n\nRestore them as an unsaved model?")
                            .arg(recovery.name, QLocale().toString(recovery.saved.toLocalTime(), QLocale::ShortFormat)),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("recoveryBox"));
        QPushButton* restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
        QPushButton* discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
        box.addButton(tr("&Later"), QMessageBox::RejectRole);
        box.setDefaultButton(restore);
        box.exec();
        if (box.clickedButton() == discard) {
            Autosave::discard(recovery);
            continue;
        }
        if (box.clickedButton() != restore)
            continue; // kept for the next start
        const QString checkpoint = recovery.checkpoint;
        loadModel(tr("Restoring %1…").arg(recovery.name), tr("Cannot restore the model"),
                  [checkpoint] { return engine::Model::load(checkpoint.toStdString()); },
                  [this, recovery](const engine::Model& model) {
                      m_document->reset(model, QString());
                      m_document->markUnsaved(); // restored, not saved: closing asks again
                      // This session's autosave takes over once it has written the model.
                      m_autosave->saveNow([recovery](bool written) {
                          if (written)
                              Autosave::discard(recovery);
                      });
                      log(tr("Restored the unsaved changes of %1 autosaved at %2")
                              .arg(recovery.name, QLocale().toString(recovery.saved.toLocalTime(), QLocale::ShortFormat)));
                  });
        return true;
    }
    return false;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile() && isModelFile(urls.first().toLocalFile()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    // Queued: the drag's own event handling finishes before any question is asked.
    QTimer::singleShot(0, this, [this, path] { withSavedChanges([this, path] { openFile(path); }); });
}

} // namespace slim::app
