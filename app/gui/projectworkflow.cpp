#include "projectworkflow.h"

#include "comparisondialog.h"
#include "document.h"
#include "figureexportdialog.h"
#include "figurepack.h"
#include "settings.h"
#include "versiontreepanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QWidget>

namespace slim::app {

namespace {
constexpr int kMaxRecentProjects = 8;

/// The top-1 a model file records from its own training ("trained.top1"), for a version added
/// as it was opened; none for a model changed since (its metadata describes the model it came from).
std::optional<double> recordedTop1(const Document& document)
{
    if (document.isModified())
        return std::nullopt;
    const auto metadata = document.model().metadata();
    const auto it = metadata.find("trained.top1");
    bool ok = false;
    const double top1 = it == metadata.end() ? -1 : QString::fromStdString(it->second).toDouble(&ok);
    return ok && top1 >= 0 && top1 <= 1 ? std::optional<double>(top1) : std::nullopt;
}
} // namespace

ProjectWorkflow::ProjectWorkflow(JobRunner* jobs, Window window, QObject* parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_window(std::move(window))
    , m_session(new ProjectSession(jobs, this))
    , m_panel(new VersionTreePanel(m_session, m_window.widget))
    , m_newAction(new QAction(this))
    , m_openAction(new QAction(this))
    , m_closeAction(new QAction(this))
    , m_addAction(new QAction(this))
    , m_compareAction(new QAction(this))
    , m_figuresAction(new QAction(this))
{
    m_newAction->setObjectName(QStringLiteral("newProjectAction"));
    m_openAction->setObjectName(QStringLiteral("openProjectAction"));
    m_closeAction->setObjectName(QStringLiteral("closeProjectAction"));
    m_addAction->setObjectName(QStringLiteral("addVersionAction"));
    m_compareAction->setObjectName(QStringLiteral("compareVersionsAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N));
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    m_addAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    connect(m_newAction, &QAction::triggered, this, &ProjectWorkflow::askNewProject);
    connect(m_openAction, &QAction::triggered, this, &ProjectWorkflow::askOpenProject);
    connect(m_closeAction, &QAction::triggered, this, [this] {
        m_window.log(tr("Closed the project %1").arg(m_session->name()));
        m_session->close();
        settings::openProject().setValue(QString()); // closed by hand: the next start does not reopen it
    });
    connect(m_addAction, &QAction::triggered, this, &ProjectWorkflow::addOpenModel);
    m_figuresAction->setObjectName(QStringLiteral("exportFiguresAction"));
    connect(m_figuresAction, &QAction::triggered, this, &ProjectWorkflow::exportFigures);
    connect(m_compareAction, &QAction::triggered, this, [this] { compare(m_panel->selectedVersions().size() >= 2 ? m_panel->selectedVersions() : QList<qint64>()); });

    connect(m_panel, &VersionTreePanel::openRequested, this, &ProjectWorkflow::openVersion);
    connect(m_panel, &VersionTreePanel::compareRequested, this, &ProjectWorkflow::compare);
    connect(m_panel, &VersionTreePanel::addCurrentRequested, this, &ProjectWorkflow::addOpenModel);
    connect(m_panel, &VersionTreePanel::newProjectRequested, this, &ProjectWorkflow::askNewProject);
    connect(m_panel, &VersionTreePanel::openProjectRequested, this, &ProjectWorkflow::askOpenProject);
    connect(m_session, &ProjectSession::failed, this, [this](const QString& message) { m_window.showError(tr("Project"), message); });
    connect(m_session, &ProjectSession::openedOrClosed, this, &ProjectWorkflow::updateActions);
    connect(m_session, &ProjectSession::versionsChanged, this, &ProjectWorkflow::updateActions);
    connect(m_session, &ProjectSession::currentVersionChanged, this, &ProjectWorkflow::updateActions);
    connect(m_session, &ProjectSession::versionAdded, this, [this](qint64 id) {
        try {
            if (const std::optional<ProjectVersion> version = m_session->project()->version(id))
                m_window.log(tr("Added version “%1” to the project %2").arg(version->name, m_session->name()));
        } catch (const ProjectError&) {
            // Only the Log line is missing; the version was added.
        }
    });
    connect(m_window.document, &Document::modelChanged, this, [this] {
        m_session->documentChanged(m_window.document->model());
        updateActions();
    });
    retranslate();
    updateActions();
}

void ProjectWorkflow::addToFileMenu(QMenu* menu)
{
    menu->addAction(m_newAction);
    menu->addAction(m_openAction);
    m_recentMenu = menu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("recentProjectsMenu"));
    menu->addAction(m_closeAction);
    menu->addAction(m_addAction);
    menu->addAction(m_compareAction);
    menu->addAction(m_figuresAction);
    retranslate();
    updateRecentMenu();
}

void ProjectWorkflow::retranslate()
{
    m_newAction->setText(tr("New Pro&ject…"));
    m_newAction->setStatusTip(tr("Create a project folder that keeps every version you make, with its figures and curves"));
    m_openAction->setText(tr("Open Projec&t…"));
    m_closeAction->setText(tr("&Close Project"));
    m_addAction->setText(tr("Add Open Model as &Version"));
    m_addAction->setStatusTip(tr("Keep the model open in the workbench as a new version of the project"));
    m_compareAction->setText(tr("Co&mpare Versions…"));
    m_compareAction->setStatusTip(tr("The project's versions side by side, exported as CSV, Markdown or LaTeX"));
    m_figuresAction->setText(tr("Export &Figure Pack…"));
    m_figuresAction->setStatusTip(tr("Every figure of the project (accuracy against MACs, each run's curves) as PNG, PDF, "
                                     "SVG and CSV, with the comparison table, in the style of the last Export Figure"));
    if (m_recentMenu)
        m_recentMenu->setTitle(tr("Recent &Projects"));
}

void ProjectWorkflow::updateActions()
{
    const bool open = m_session->isOpen();
    m_closeAction->setEnabled(open);
    // Adding what the project already holds would only make a copy.
    m_addAction->setEnabled(open && !m_window.document->isEmpty() && !m_session->holds(m_window.document->model()));
    m_compareAction->setEnabled(open);
    m_figuresAction->setEnabled(open);
}

void ProjectWorkflow::exportFigures()
{
    if (!m_session->isOpen())
        return;
    const QString folder = QFileDialog::getExistingDirectory(m_window.widget, tr("Export Figure Pack"), settings::startDirectory());
    if (folder.isEmpty())
        return;
    settings::lastDirectory().setValue(folder);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        const QStringList files = exportFigurePack(*m_session->project(), folder, widgets::FigureExportDialog::rememberedStyle());
        QApplication::restoreOverrideCursor();
        m_window.log(tr("Wrote %n file(s) of figures and tables to %1", "", static_cast<int>(files.size()))
                         .arg(QDir::toNativeSeparators(folder)));
    } catch (const std::exception& error) {
        QApplication::restoreOverrideCursor();
        m_window.showError(tr("Cannot export the figures"), QString::fromStdString(error.what()));
    }
}

void ProjectWorkflow::askNewProject()
{
    const QString folder = QFileDialog::getSaveFileName(
        m_window.widget, tr("New Project"), QDir(settings::startDirectory()).filePath(tr("compression-project")),
        tr("Project folders (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (folder.isEmpty())
        return;
    settings::lastDirectory().setValue(QFileInfo(folder).absolutePath());
    createProject(folder);
}

void ProjectWorkflow::askOpenProject()
{
    const QString folder = QFileDialog::getExistingDirectory(m_window.widget, tr("Open Project"), settings::startDirectory());
    if (folder.isEmpty())
        return;
    settings::lastDirectory().setValue(QFileInfo(folder).absolutePath());
    m_window.withSavedChanges([this, folder] { openProject(folder); });
}

bool ProjectWorkflow::createProject(const QString& folder)
{
    try {
        m_session->create(folder);
    } catch (const ProjectError& error) {
        m_window.showError(tr("Cannot create the project"), error.message());
        return false;
    }
    rememberRecent(m_session->project()->folder());
    m_window.log(tr("Created the project %1").arg(QDir::toNativeSeparators(m_session->project()->folder())));
    if (!m_window.document->isEmpty()) {
        VersionOrigin origin;
        origin.name = m_window.document->displayName();
        origin.method = QStringLiteral("baseline");
        origin.top1 = recordedTop1(*m_window.document);
        m_session->addVersion(m_window.document->model(), m_window.document->model(), origin);
    }
    return true;
}

bool ProjectWorkflow::openProject(const QString& folder)
{
    try {
        m_session->open(folder);
    } catch (const ProjectError& error) {
        m_window.showError(tr("Cannot open the project"), error.message());
        return false;
    }
    Project* project = m_session->project();
    rememberRecent(project->folder());
    m_window.log(tr("Opened the project %1").arg(QDir::toNativeSeparators(project->folder())));
    if (project->removedOrphans() > 0)
        m_window.log(tr("Removed %n checkpoint(s) that an interrupted session had left without a version", "",
                        project->removedOrphans()));
    // Where the user left off: the version selected last, else the newest.
    QList<ProjectVersion> versions;
    try {
        versions = project->versions();
        qint64 selected = project->setting(QStringLiteral("selected_version")).toLongLong();
        if (!project->version(selected))
            selected = versions.isEmpty() ? 0 : versions.back().id;
        if (selected > 0) {
            const std::optional<ProjectVersion> version = project->version(selected);
            const QString path = project->checkpointPath(*version);
            const QString name = version->name;
            const quint64 generation = m_session->generation();
            m_window.loadModel(tr("Opening %1…").arg(name), tr("Cannot open the version"),
                               [path] { return engine::Model::load(path.toStdString()); },
                               [this, selected, generation](const engine::Model& model) {
                                   if (m_session->generation() != generation)
                                       return; // another project was opened meanwhile
                                   m_window.document->reset(model, QString());
                                   m_session->setCurrent(model, selected);
                                   m_window.showCurves(m_session->curvesOf(selected));
                               });
        }
    } catch (const ProjectError& error) {
        m_window.showError(tr("Cannot open the project"), error.message());
    }
    return true;
}

void ProjectWorkflow::openVersion(qint64 id)
{
    if (!m_session->isOpen())
        return;
    std::optional<ProjectVersion> version;
    try {
        version = m_session->project()->version(id);
    } catch (const ProjectError& error) {
        m_window.showError(tr("Cannot open the version"), error.message());
        return;
    }
    if (!version)
        return;
    const QString path = m_session->project()->checkpointPath(*version);
    const QString name = version->name;
    const quint64 generation = m_session->generation();
    m_window.withSavedChanges([this, id, path, name, generation] {
        m_window.loadModel(tr("Opening %1…").arg(name), tr("Cannot open the version"),
                           [path] { return engine::Model::load(path.toStdString()); },
                           [this, id, name, generation](const engine::Model& model) {
                               if (m_session->generation() != generation)
                                   return; // the project was closed or another opened meanwhile
                               m_window.document->reset(model, QString());
                               m_session->setCurrent(model, id);
                               m_window.showCurves(m_session->curvesOf(id));
                               m_window.log(tr("Opened version “%1”").arg(name));
                           });
    });
}

void ProjectWorkflow::recordResult(const engine::Model& source, const engine::Model& result, const VersionOrigin& origin)
{
    if (m_session->isOpen())
        m_session->addVersion(result, source, origin);
}

void ProjectWorkflow::addOpenModel()
{
    if (!m_session->isOpen())
        return;
    const engine::Model model = m_window.document->model();
    if (model.isNull()) {
        m_window.showError(tr("Cannot add the model"), tr("Open or create a model first."));
        return;
    }
    if (m_session->holds(model)) {
        m_window.log(tr("The open model is already a version of the project."));
        return;
    }
    VersionOrigin origin;
    origin.name = m_window.document->displayName();
    origin.method = m_window.document->filePath().isEmpty() ? QStringLiteral("baseline") : QStringLiteral("import");
    origin.top1 = recordedTop1(*m_window.document);
    m_session->addVersion(model, model, origin);
}

void ProjectWorkflow::compare(const QList<qint64>& ids)
{
    if (!m_session->isOpen())
        return;
    QList<ProjectVersion> rows;
    try {
        for (const ProjectVersion& version : m_session->project()->versions()) {
            if (ids.isEmpty() || ids.contains(version.id))
                rows << version;
        }
    } catch (const ProjectError& error) {
        m_window.showError(tr("Cannot compare the versions"), error.message());
        return;
    }
    if (rows.isEmpty())
        return;
    // The baseline: the first root among the rows (what the others were made from).
    qint64 baseline = rows.front().id;
    for (const ProjectVersion& row : rows) {
        if (row.parentId == 0) {
            baseline = row.id;
            break;
        }
    }
    auto* dialog = new ComparisonDialog(rows, baseline, m_session->name(), m_window.widget);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ProjectWorkflow::recordLatency(const engine::Model& model, double medianMs)
{
    if (!m_session->isOpen() || !m_session->holds(model))
        return;
    const qint64 id = m_session->versionOf(model);
    if (id > 0)
        m_session->updateMetrics(id, [medianMs](VersionMetrics& metrics) { metrics.latencyMs = medianMs; });
}

QString ProjectWorkflow::projectToReopen()
{
    const QString folder = settings::openProject().value();
    return !folder.isEmpty() && QFileInfo::exists(QDir(folder).filePath(Project::databaseFileName())) ? folder : QString();
}

QString ProjectWorkflow::teacherCheckpoint() const
{
    const qint64 teacher = m_session->teacherVersion();
    if (teacher == 0)
        return {};
    try {
        if (const std::optional<ProjectVersion> version = m_session->project()->version(teacher))
            return m_session->project()->checkpointPath(*version);
    } catch (const ProjectError&) {
    }
    return {};
}

void ProjectWorkflow::rememberRecent(const QString& folder)
{
    settings::openProject().setValue(folder); // reopened at the next start unless closed
    QStringList recent = settings::recentProjects().value();
    recent.removeAll(folder);
    recent.prepend(folder);
    while (recent.size() > kMaxRecentProjects)
        recent.removeLast();
    settings::recentProjects().setValue(recent);
    updateRecentMenu();
}

void ProjectWorkflow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = settings::recentProjects().value();
    for (int i = 0; i < recent.size(); ++i) {
        const QString folder = recent[i];
        QAction* action = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(folder)));
        connect(action, &QAction::triggered, this,
                [this, folder] { m_window.withSavedChanges([this, folder] { openProject(folder); }); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace slim::app
