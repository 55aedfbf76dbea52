#include "versiontreepanel.h"

#include "comparison.h"
#include "modelpanel.h"
#include "overviewpanel.h"
#include "projectsession.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slim::app {

namespace {

enum Column { NameColumn, MethodColumn, Top1Column, ParamsColumn, MacsColumn, SizeColumn, LatencyColumn, ColumnCount };
constexpr int kIdRole = Qt::UserRole + 1;

} // namespace

VersionTreePanel::VersionTreePanel(ProjectSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_newButton(new QPushButton(this))
    , m_openButton(new QPushButton(this))
    , m_tree(new QTreeWidget(this))
    , m_compareButton(new QPushButton(this))
    , m_addButton(new QPushButton(this))
    , m_openAction(new QAction(this))
    , m_renameAction(new QAction(this))
    , m_removeAction(new QAction(this))
    , m_teacherAction(new QAction(this))
    , m_compareAction(new QAction(this))
{
    auto* empty = new QWidget(m_stack);
    auto* emptyLayout = new QVBoxLayout(empty);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setObjectName(QStringLiteral("versionsEmptyLabel"));
    m_newButton->setObjectName(QStringLiteral("versionsNewProject"));
    m_openButton->setObjectName(QStringLiteral("versionsOpenProject"));
    emptyLayout->addStretch();
    emptyLayout->addWidget(m_emptyLabel);
    auto* emptyButtons = new QHBoxLayout;
    emptyButtons->addStretch();
    emptyButtons->addWidget(m_newButton);
    emptyButtons->addWidget(m_openButton);
    emptyButtons->addStretch();
    emptyLayout->addLayout(emptyButtons);
    emptyLayout->addStretch();
    m_stack->addWidget(empty);

    auto* page = new QWidget(m_stack);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    m_tree->setObjectName(QStringLiteral("versionTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed); // F2 or Rename; a click only selects
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setUniformRowHeights(true);
    // The name keeps a readable width (drag to change it); the figures fit their contents.
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_tree->setColumnWidth(NameColumn, 220);
    pageLayout->addWidget(m_tree);
    auto* buttons = new QHBoxLayout;
    m_addButton->setObjectName(QStringLiteral("versionsAddCurrent"));
    m_compareButton->setObjectName(QStringLiteral("versionsCompare"));
    buttons->addWidget(m_addButton);
    buttons->addStretch();
    buttons->addWidget(m_compareButton);
    pageLayout->addLayout(buttons);
    m_stack->addWidget(page);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // Enter opens through the view's own activation, so it never fights the name editor's Enter.
    m_openAction->setShortcut(QKeySequence(Qt::Key_Return));
    m_openAction->setShortcutContext(Qt::WidgetShortcut); // shown in the menu; the tree does the work
    m_renameAction->setShortcut(Qt::Key_F2);
    m_removeAction->setShortcut(QKeySequence::Delete);
    for (QAction* action : {m_renameAction, m_removeAction, m_teacherAction, m_compareAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_tree->addAction(action);
    }
    m_openAction->setObjectName(QStringLiteral("versionOpenAction"));
    m_removeAction->setObjectName(QStringLiteral("versionRemoveAction"));
    m_teacherAction->setObjectName(QStringLiteral("versionTeacherAction"));

    connect(m_openAction, &QAction::triggered, this, [this] {
        const QList<qint64> ids = selectedVersions();
        if (ids.size() == 1)
            Q_EMIT openRequested(ids.front());
    });
    connect(m_renameAction, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem* item = m_tree->currentItem())
            m_tree->editItem(item, NameColumn);
    });
    connect(m_removeAction, &QAction::triggered, this, &VersionTreePanel::removeSelected);
    connect(m_teacherAction, &QAction::triggered, this, [this] {
        const QList<qint64> ids = selectedVersions();
        if (ids.size() == 1)
            m_session->setTeacher(m_session->teacherVersion() == ids.front() ? 0 : ids.front());
    });
    connect(m_compareAction, &QAction::triggered, this, [this] {
        const QList<qint64> ids = selectedVersions();
        Q_EMIT compareRequested(ids.size() >= 2 ? ids : QList<qint64>());
    });
    connect(m_compareButton, &QPushButton::clicked, m_compareAction, &QAction::trigger);
    connect(m_addButton, &QPushButton::clicked, this, &VersionTreePanel::addCurrentRequested);
    connect(m_newButton, &QPushButton::clicked, this, &VersionTreePanel::newProjectRequested);
    connect(m_openButton, &QPushButton::clicked, this, &VersionTreePanel::openProjectRequested);
    // Double-click or Enter opens (F2 renames).
    connect(m_tree, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item, int) { Q_EMIT openRequested(item->data(NameColumn, kIdRole).toLongLong()); });
    connect(m_tree, &QTreeWidget::itemChanged, this, &VersionTreePanel::onItemChanged);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &VersionTreePanel::updateActions);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &VersionTreePanel::showContextMenu);
    connect(m_session, &ProjectSession::versionsChanged, this, &VersionTreePanel::rebuild);
    connect(m_session, &ProjectSession::openedOrClosed, this, &VersionTreePanel::rebuild);
    connect(m_session, &ProjectSession::currentVersionChanged, this, &VersionTreePanel::rebuild);

    retranslate();
    rebuild();
}

QList<qint64> VersionTreePanel::selectedVersions() const
{
    QList<qint64> ids;
    for (QTreeWidgetItemIterator it(m_tree, QTreeWidgetItemIterator::Selected); *it; ++it)
        ids << (*it)->data(NameColumn, kIdRole).toLongLong();
    return ids;
}

void VersionTreePanel::rebuild()
{
    m_stack->setCurrentIndex(m_session->isOpen() ? 1 : 0);
    const QList<qint64> selected = selectedVersions();
    m_rebuilding = true;
    m_tree->clear();
    if (m_session->isOpen()) {
        QList<ProjectVersion> versions;
        try {
            versions = m_session->project()->versions();
        } catch (const ProjectError&) {
            // The session reports write errors; a failed read shows an empty tree.
        }
        const qint64 teacher = m_session->teacherVersion();
        const QLocale locale;
        QHash<qint64, QTreeWidgetItem*> items;
        for (const ProjectVersion& version : versions) {
            QTreeWidgetItem* parent = items.value(version.parentId);
            auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
            items.insert(version.id, item);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            item->setData(NameColumn, kIdRole, version.id);
            item->setText(NameColumn, version.name);
            QString method = methodLabel(version.method);
            if (version.id == teacher)
                method = tr("%1 · teacher").arg(method);
            item->setText(MethodColumn, method);
            const VersionMetrics& m = version.metrics;
            item->setText(Top1Column, m.top1 ? locale.toString(*m.top1 * 100, 'f', 2) + QStringLiteral(" %") : QStringLiteral("—"));
            item->setText(ParamsColumn, m.params ? formatCount(*m.params) : QStringLiteral("—"));
            item->setText(MacsColumn, m.macs ? formatCount(*m.macs) : QStringLiteral("—"));
            // The model's size with its parameters at their bits (a quantized version is smaller);
            // for versions recorded before that was kept, the checkpoint's.
            const std::optional<qint64> size = m.parameterBytes ? m.parameterBytes : m.fileBytes;
            item->setText(SizeColumn, size ? formatBytes(*size) : QStringLiteral("—"));
            item->setText(LatencyColumn, m.latencyMs ? tr("%1 ms").arg(locale.toString(*m.latencyMs, 'f', 2)) : QStringLiteral("—"));
            for (int c = Top1Column; c < ColumnCount; ++c)
                item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(NameColumn, tr("%1\n%2, %3").arg(version.name, methodLabel(version.method),
                                                               locale.toString(version.created.toLocalTime(), QLocale::ShortFormat)));
            if (version.id == m_session->currentVersion()) {
                QFont font = item->font(NameColumn);
                font.setBold(true);
                for (int c = 0; c < ColumnCount; ++c)
                    item->setFont(c, font);
                item->setToolTip(NameColumn, item->toolTip(NameColumn) + QLatin1Char('\n') + tr("Open in the workbench"));
            }
            if (selected.contains(version.id))
                item->setSelected(true);
        }
        m_tree->expandAll();
    }
    m_rebuilding = false;
    updateActions();
}

void VersionTreePanel::onItemChanged(QTreeWidgetItem* item, int column)
{
    if (m_rebuilding || column != NameColumn)
        return;
    const QString name = item->text(NameColumn).trimmed();
    const qint64 id = item->data(NameColumn, kIdRole).toLongLong();
    if (name.isEmpty()) {
        // An empty name is not taken; the old one comes back (after this signal: the item is
        // still emitting it).
        QMetaObject::invokeMethod(this, &VersionTreePanel::rebuild, Qt::QueuedConnection);
        return;
    }
    // Rebuilt through versionsChanged, after this signal has returned.
    QMetaObject::invokeMethod(this, [this, id, name] { m_session->renameVersion(id, name); }, Qt::QueuedConnection);
}

void VersionTreePanel::updateActions()
{
    const int count = selectedVersions().size();
    m_openAction->setEnabled(count == 1);
    m_renameAction->setEnabled(count == 1);
    m_removeAction->setEnabled(count >= 1);
    m_teacherAction->setEnabled(count == 1);
    m_teacherAction->setCheckable(true);
    m_teacherAction->setChecked(count == 1 && m_session->teacherVersion() == selectedVersions().front());
    const bool any = m_tree->topLevelItemCount() > 0;
    m_compareAction->setEnabled(any);
    m_compareButton->setEnabled(any);
    m_compareButton->setText(count >= 2 ? tr("&Compare %n Selected…", "", count) : tr("&Compare All…"));
}

void VersionTreePanel::showContextMenu(const QPoint& position)
{
    if (!m_tree->itemAt(position))
        return;
    QMenu menu(this);
    menu.addAction(m_openAction);
    menu.addAction(m_renameAction);
    menu.addAction(m_teacherAction);
    menu.addAction(m_compareAction);
    menu.addSeparator();
    menu.addAction(m_removeAction);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

void VersionTreePanel::removeSelected()
{
    const QList<qint64> ids = selectedVersions();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (QTreeWidgetItemIterator it(m_tree, QTreeWidgetItemIterator::Selected); *it; ++it)
        names << QStringLiteral("“%1”").arg((*it)->text(NameColumn));
    QMessageBox box(QMessageBox::Warning, tr("Delete %n Version(s)", "", int(ids.size())),
                    (ids.size() == 1 ? tr("Delete %1 from the project? Its checkpoint is deleted too; versions made from "
                                          "it stay, under its parent. This cannot be undone.")
                                       : tr("Delete %1 from the project? Their checkpoints are deleted too; versions made "
                                            "from them stay, under their parents. This cannot be undone."))
                        .arg(QLocale().createSeparatedList(names)),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("deleteVersionsBox"));
    QPushButton* remove = box.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove)
        return;
    for (const qint64 id : ids)
        m_session->removeVersion(id);
}

void VersionTreePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        rebuild();
    }
    QWidget::changeEvent(event);
}

void VersionTreePanel::retranslate()
{
    m_emptyLabel->setText(tr("No project is open. A project keeps every version you make, with its figures and curves, "
                             "for the comparison table and the figures of your thesis."));
    m_newButton->setText(tr("&New Project…"));
    m_openButton->setText(tr("&Open Project…"));
    m_tree->setHeaderLabels({tr("Version"), tr("Method"), tr("Top-1"), tr("Params"), tr("MACs"), tr("Size"), tr("Latency")});
    m_addButton->setText(tr("&Add Open Model"));
    m_addButton->setToolTip(tr("Add the model open in the workbench to the project as a new version"));
    m_openAction->setText(tr("&Open in Workbench"));
    m_renameAction->setText(tr("&Rename"));
    m_removeAction->setText(tr("&Delete…"));
    m_teacherAction->setText(tr("Use as &Teacher"));
    m_teacherAction->setToolTip(tr("Distillation in Quantize and Distill uses this version as its teacher"));
    m_compareAction->setText(tr("&Compare…"));
    updateActions();
}

} // namespace slim::app
