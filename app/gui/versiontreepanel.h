#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace slim::app {

class ProjectSession;

/// The Versions dock: the open project's version tree with each version's method and figures.
/// Select one to open it, two or more to compare them; rename in place (F2), delete with
/// confirmation (Del; the checkpoint goes too), mark one as the teacher for distillation.
/// Without a project it offers to create or open one. UI thread only.
class VersionTreePanel : public QWidget {
    Q_OBJECT
public:
    explicit VersionTreePanel(ProjectSession* session, QWidget* parent = nullptr);

    /// The versions selected in the tree, in tree order.
    QList<qint64> selectedVersions() const;
    QTreeWidget* tree() const { return m_tree; }

Q_SIGNALS:
    void openRequested(qint64 id);
    /// Compare `ids`; empty: every version.
    void compareRequested(const QList<qint64>& ids);
    void addCurrentRequested();
    void newProjectRequested();
    void openProjectRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void retranslate();
    void updateActions();
    void showContextMenu(const QPoint& position);
    void removeSelected();
    void onItemChanged(QTreeWidgetItem* item, int column);

    ProjectSession* m_session;
    QStackedWidget* m_stack;
    QLabel* m_emptyLabel;
    QPushButton* m_newButton;
    QPushButton* m_openButton;
    QTreeWidget* m_tree;
    QPushButton* m_compareButton;
    QPushButton* m_addButton;
    QAction* m_openAction;
    QAction* m_renameAction;
    QAction* m_removeAction;
    QAction* m_teacherAction;
    QAction* m_compareAction;
    bool m_rebuilding = false;
};

} // namespace slim::app
