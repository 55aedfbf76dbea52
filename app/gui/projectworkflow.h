#pragma once

#include "projectsession.h"

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace slim::app {

class Document;
class JobRunner;
class VersionTreePanel;

/// The window's project features in one place: File › New Project, Open Project, Open Recent
/// Project and Close Project, the Versions dock's content, opening a version as the document,
/// adding the open model, comparing versions, and recording each job's result as a version.
/// The window keeps the frame (menus, docks); this class does the work. UI thread only.
class ProjectWorkflow : public QObject {
    Q_OBJECT
public:
    /// What the window lends: opening a model in the background (as File › Open does), errors,
    /// the Log, the unsaved-changes question, and the Curves dock.
    struct Window {
        QWidget* widget = nullptr;
        Document* document = nullptr;
        std::function<void(const QString& busyText, const QString& errorTitle, std::function<engine::Model()> work,
                           std::function<void(const engine::Model&)> apply)>
            loadModel;
        std::function<void(const QString& title, const QString& message)> showError;
        std::function<void(const QString& line)> log;
        std::function<void(std::function<void()> proceed)> withSavedChanges;
        std::function<void(const QVector<engine::MetricSample>& samples)> showCurves;
    };
    ProjectWorkflow(JobRunner* jobs, Window window, QObject* parent = nullptr);

    ProjectSession* session() const { return m_session; }
    VersionTreePanel* panel() const { return m_panel; }

    /// Adds the project actions to the File menu, after its model actions.
    void addToFileMenu(QMenu* menu);
    void retranslate();

    /// Creates the project in `folder` (the open model, if any, becomes its first version) or
    /// opens it (its selected version becomes the document, with its curves). Errors are shown;
    /// false then, and nothing changed.
    bool createProject(const QString& folder);
    bool openProject(const QString& folder);
    /// Opens version `id` as the document (after the unsaved-changes question).
    void openVersion(qint64 id);
    /// A job's `result`, made from `source`, was applied to the document: it becomes a version.
    void recordResult(const engine::Model& source, const engine::Model& result, const VersionOrigin& origin);
    /// Shows the comparison table of `ids` (empty: every version).
    void compare(const QList<qint64>& ids);
    /// The checkpoint of the version chosen as teacher; empty when none is.
    QString teacherCheckpoint() const;
    /// Stores a latency measured for `model` (batch 1) with its version, when it is one.
    void recordLatency(const engine::Model& model, double medianMs);
    /// The project open when the app last quit (to reopen at start); empty when it was closed.
    static QString projectToReopen();

private:
    void askNewProject();
    void askOpenProject();
    void addOpenModel();
    /// File › Export Figure Pack…: every figure of the project into a folder the user picks.
    void exportFigures();
    void updateRecentMenu();
    void rememberRecent(const QString& folder);
    void updateActions();

    JobRunner* m_jobs;
    Window m_window;
    ProjectSession* m_session;
    VersionTreePanel* m_panel;
    QAction* m_newAction;
    QAction* m_openAction;
    QAction* m_closeAction;
    QAction* m_addAction;
    QAction* m_compareAction;
    QAction* m_figuresAction;
    QMenu* m_recentMenu = nullptr;
};

} // namespace slim::app
