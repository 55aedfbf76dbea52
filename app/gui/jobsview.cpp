#include "jobsview.h"

#include "jobrunner.h"

#include <QApplication>
#include <QEvent>
#include <QHeaderView>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slim::app {

namespace {
enum Column { TitleColumn, StateColumn, ProgressColumn, TimeColumn, DetailsColumn, ColumnCount };

// Rows the list shows without scrolling, so a few finished jobs stay in sight below a running
// one; more would squeeze the docks above on a 1024×700 screen.
constexpr int kMinimumVisibleRows = 4;
// Width of the progress bar column (pixels): room for the bar and its percentage.
constexpr int kProgressColumnWidth = 160;
const QColor kFailedColour(0xb0, 0x1c, 0x1c);

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

QIcon stateIcon(int state)
{
    QStyle* style = QApplication::style();
    switch (state) {
    case JobStatus::Queued: return style->standardIcon(QStyle::SP_MediaPause);
    case JobStatus::Running: return style->standardIcon(QStyle::SP_MediaPlay);
    case JobStatus::Finished: return style->standardIcon(QStyle::SP_DialogApplyButton);
    case JobStatus::Failed: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case JobStatus::Cancelled: return style->standardIcon(QStyle::SP_DialogCancelButton);
    }
    return {};
}

/// The engine's phase text ("epoch 2/10", "loading data") in the user's language; a phase
/// this list does not know is shown as it is.
QString phaseText(const std::string& phase)
{
    const QString text = QString::fromStdString(phase);
    // A compression recipe's stage: "stage 2/3 (fine-tune): epoch 1/5".
    static const QRegularExpression stage(QStringLiteral("^stage (\\d+)/(\\d+) \\((prune|fine-tune)\\)(?:: (.*))?$"));
    if (const QRegularExpressionMatch match = stage.match(text); match.hasMatch()) {
        const QString kind = match.captured(3) == QLatin1String("prune") ? JobsView::tr("prune") : JobsView::tr("fine-tune");
        const QString head = JobsView::tr("stage %1/%2 (%3)").arg(match.captured(1), match.captured(2), kind);
        return match.captured(4).isEmpty() ? head : JobsView::tr("%1: %2").arg(head, phaseText(match.captured(4).toStdString()));
    }
    static const QRegularExpression scanning(QStringLiteral("^scanning (.+)$"));
    if (const QRegularExpressionMatch match = scanning.match(text); match.hasMatch())
        return JobsView::tr("scanning %1").arg(match.captured(1));
    static const QRegularExpression epoch(QStringLiteral("^epoch (\\d+)/(\\d+)$"));
    static const QRegularExpression evaluating(QStringLiteral("^evaluating epoch (\\d+)$"));
    if (const QRegularExpressionMatch match = epoch.match(text); match.hasMatch())
        return JobsView::tr("epoch %1/%2").arg(match.captured(1), match.captured(2));
    if (const QRegularExpressionMatch match = evaluating.match(text); match.hasMatch())
        return JobsView::tr("evaluating epoch %1").arg(match.captured(1));
    static const std::pair<const char*, const char*> kKnown[] = {
        {"loading data", QT_TRANSLATE_NOOP("slim::app::JobsView", "loading data")},
        {"preparing", QT_TRANSLATE_NOOP("slim::app::JobsView", "preparing")},
        {"exporting and verifying", QT_TRANSLATE_NOOP("slim::app::JobsView", "exporting and verifying")},
        {"done", QT_TRANSLATE_NOOP("slim::app::JobsView", "done")},
        {"evaluating", QT_TRANSLATE_NOOP("slim::app::JobsView", "evaluating")},
        {"evaluating the original", QT_TRANSLATE_NOOP("slim::app::JobsView", "evaluating the original")},
        {"evaluating the pruned model", QT_TRANSLATE_NOOP("slim::app::JobsView", "evaluating the pruned model")},
        {"evaluating the recalibrated model", QT_TRANSLATE_NOOP("slim::app::JobsView", "evaluating the recalibrated model")},
        {"Taylor scores", QT_TRANSLATE_NOOP("slim::app::JobsView", "Taylor scores")},
        {"recalibrating BatchNorm", QT_TRANSLATE_NOOP("slim::app::JobsView", "recalibrating BatchNorm")},
    };
    for (const auto& [engine, source] : kKnown) {
        if (phase == engine)
            return JobsView::tr(source);
    }
    return text;
}

bool isActive(int state)
{
    return state == JobStatus::Queued || state == JobStatus::Running;
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
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(TitleColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_list->setColumnWidth(ProgressColumn, kProgressColumnWidth);
    m_list->setMinimumHeight(m_list->header()->sizeHint().height() + kMinimumVisibleRows * rowHeight()
                             + 2 * m_list->frameWidth());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    connect(m_cancel, &QPushButton::clicked, this, &JobsView::cancelSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &JobsView::updateCancelButton);
    connect(runner, &JobRunner::jobAdded, this, &JobsView::refresh);
    connect(runner, &JobRunner::jobChanged, this, &JobsView::refresh);
    for (const JobStatus& job : runner->jobs())
        refresh(job.id);
    retranslate();
}

int JobsView::rowHeight() const
{
    return m_list->fontMetrics().height() + 6;
}

QTreeWidgetItem* JobsView::itemFor(int id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(0, Qt::UserRole).toInt() == id)
            return m_list->topLevelItem(i);
    }
    auto* item = new QTreeWidgetItem;
    item->setData(0, Qt::UserRole, id);
    m_list->insertTopLevelItem(0, item); // newest first
    auto* bar = new QProgressBar(m_list);
    bar->setObjectName(QStringLiteral("jobProgress"));
    bar->setMaximumHeight(rowHeight());
    bar->setTextVisible(true);
    m_list->setItemWidget(item, ProgressColumn, bar);
    return item;
}

void JobsView::setJobDetails(int id, const QString& details)
{
    m_details.insert(id, details);
    refresh(id);
}

void JobsView::refresh(int id)
{
    const JobStatus status = m_runner->job(id);
    if (status.id == 0)
        return;
    const QDateTime now = QDateTime::currentDateTime();
    if (status.state == JobStatus::Running && !m_started.contains(id))
        m_started.insert(id, now);
    if (!isActive(status.state) && !m_finished.contains(id))
        m_finished.insert(id, now);

    QTreeWidgetItem* item = itemFor(id);
    item->setText(TitleColumn, status.title);
    item->setToolTip(TitleColumn, status.title);
    item->setText(StateColumn, stateText(status.state));
    item->setIcon(StateColumn, stateIcon(status.state));

    QString time;
    if (status.state == JobStatus::Running)
        time = tr("%1 left").arg(etaText(status.progress.etaSeconds));
    else if (!isActive(status.state) && m_started.contains(id))
        time = tr("took %1").arg(etaText(static_cast<double>(m_started.value(id).msecsTo(m_finished.value(id))) / 1000.0));
    item->setText(TimeColumn, time);

    QString details = status.message;
    if (status.state == JobStatus::Running)
        details = phaseText(status.progress.phase);
    else if (status.state == JobStatus::Queued)
        details = tr("Waits for the running job to finish");
    else if (details.isEmpty() && status.state == JobStatus::Finished)
        details = m_details.value(id, tr("Done"));
    item->setText(DetailsColumn, details);
    item->setToolTip(DetailsColumn, details);
    item->setForeground(DetailsColumn, status.state == JobStatus::Failed ? QBrush(kFailedColour) : QBrush());

    auto* bar = static_cast<QProgressBar*>(m_list->itemWidget(item, ProgressColumn));
    if (status.progress.total > 0) {
        bar->setRange(0, 1000);
        bar->setValue(static_cast<int>(1000.0 * static_cast<double>(status.progress.done) / static_cast<double>(status.progress.total)));
    } else {
        bar->setRange(0, status.state == JobStatus::Running ? 0 : 1); // busy indicator while the total is unknown
        bar->setValue(0);
    }
    if (status.state == JobStatus::Finished)
        bar->setValue(bar->maximum());
    bar->setEnabled(isActive(status.state) || status.state == JobStatus::Finished);
    updateCancelButton();
}

int JobsView::cancellableJob() const
{
    if (const QTreeWidgetItem* item = m_list->currentItem()) {
        const int id = item->data(0, Qt::UserRole).toInt();
        if (isActive(m_runner->job(id).state))
            return id;
    }
    for (const JobStatus& job : m_runner->jobs()) {
        if (job.state == JobStatus::Running)
            return job.id;
    }
    return 0;
}

void JobsView::updateCancelButton()
{
    const int id = cancellableJob();
    m_cancel->setEnabled(id != 0);
    const JobStatus job = m_runner->job(id);
    if (id == 0)
        m_cancel->setToolTip(tr("No job is queued or running"));
    else if (job.state == JobStatus::Running)
        m_cancel->setToolTip(tr("Stops the running job “%1”; the model stays as it was").arg(job.title));
    else
        m_cancel->setToolTip(tr("Takes the queued job “%1” off the queue").arg(job.title));
}

void JobsView::cancelSelected()
{
    if (const int id = cancellableJob())
        m_runner->cancel(id);
}

void JobsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void JobsView::retranslate()
{
    m_list->setHeaderLabels({tr("Job"), tr("State"), tr("Progress"), tr("Time"), tr("Details")});
    m_list->headerItem()->setToolTip(TimeColumn, tr("Time left while a job runs; the time it took once it has ended"));
    m_cancel->setText(tr("&Cancel Job"));
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        refresh(m_list->topLevelItem(i)->data(0, Qt::UserRole).toInt());
}

} // namespace slim::app
