#include "jobsview.h"

#include "jobrunner.h"

#include <QEvent>
#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slim::app {

namespace {
enum Column { TitleColumn, StateColumn, ProgressColumn, EtaColumn, MessageColumn, ColumnCount };

QString stateText(int state)
{
    switch (state) {
    case JobStatus::Queued: return JobsView::tr("Queued");
    case JobStatus::Running: return JobsView::tr("Running");
    case JobStatus::Finished: return JobsView::tr("Finished");
    case JobStatus::Failed: return JobsView::tr("Failed");
    case JobStatus::Cancelled: return JobsView::tr("Cancelled");
    }
    return {};
}
} // namespace

QString etaText(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("—");
    const auto total = static_cast<qint64>(seconds + 0.5);
    if (total >= 3600)
        return QStringLiteral("%1:%2:%3").arg(total / 3600).arg(total / 60 % 60, 2, 10, QLatin1Char('0')).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(total / 60, 2, 10, QLatin1Char('0')).arg(total % 60, 2, 10, QLatin1Char('0'));
}

JobsView::JobsView(JobRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_list(new QTreeWidget(this))
    , m_cancel(new QPushButton(this))
{
    m_list->setObjectName(QStringLiteral("jobList"));
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_list->setColumnCount(ColumnCount);
    m_list->setRootIsDecorated(false);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(TitleColumn, QHeaderView::ResizeToContents);
    m_list->setColumnWidth(ProgressColumn, 160);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    connect(m_cancel, &QPushButton::clicked, this, &JobsView::cancelSelected);
    connect(runner, &JobRunner::jobAdded, this, &JobsView::refresh);
    connect(runner, &JobRunner::jobChanged, this, &JobsView::refresh);
    retranslate();
}

QTreeWidgetItem* JobsView::itemFor(int id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(0, Qt::UserRole).toInt() == id)
            return m_list->topLevelItem(i);
    }
    auto* item = new QTreeWidgetItem;
    item->setData(0, Qt::UserRole, id);
    m_list->insertTopLevelItem(0, item);
    auto* bar = new QProgressBar(m_list);
    bar->setObjectName(QStringLiteral("jobProgress"));
    bar->setTextVisible(true);
    m_list->setItemWidget(item, ProgressColumn, bar);
    return item;
}

void JobsView::refresh(int id)
{
    const JobStatus status = m_runner->job(id);
    QTreeWidgetItem* item = itemFor(id);
    item->setText(TitleColumn, status.title);
    item->setText(StateColumn, stateText(status.state));
    const bool running = status.state == JobStatus::Running;
    item->setText(EtaColumn, running ? etaText(status.progress.etaSeconds) : QString());
    item->setText(MessageColumn, running ? QString::fromStdString(status.progress.phase) : status.message);
    item->setToolTip(MessageColumn, item->text(MessageColumn));
    auto* bar = static_cast<QProgressBar*>(m_list->itemWidget(item, ProgressColumn));
    if (status.progress.total > 0) {
        bar->setRange(0, 1000);
        bar->setValue(static_cast<int>(1000.0 * static_cast<double>(status.progress.done) / static_cast<double>(status.progress.total)));
    } else {
        bar->setRange(0, running ? 0 : 1); // busy indicator while the total is unknown
        bar->setValue(status.state == JobStatus::Finished ? 1 : 0);
    }
    if (status.state == JobStatus::Finished)
        bar->setValue(bar->maximum());
}

void JobsView::cancelSelected()
{
    QTreeWidgetItem* item = m_list->currentItem();
    if (item) {
        m_runner->cancel(item->data(0, Qt::UserRole).toInt());
        return;
    }
    for (const JobStatus& job : m_runner->jobs()) {
        if (job.state == JobStatus::Running)
            m_runner->cancel(job.id);
    }
}

void JobsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void JobsView::retranslate()
{
    m_list->setHeaderLabels({tr("Job"), tr("State"), tr("Progress"), tr("ETA"), tr("Details")});
    m_cancel->setText(tr("&Cancel Job"));
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        refresh(m_list->topLevelItem(i)->data(0, Qt::UserRole).toInt());
}

} // namespace slim::app
