#pragma once

#include <QDateTime>
#include <QHash>
#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace slim::app {

class JobRunner;

/// The Jobs dock: every job of the session, newest first, with its state, a progress bar,
/// the time left (or taken) and its message, and a Cancel button for the selected job when it
/// is queued or running, else for the running one. UI thread only.
class JobsView : public QWidget {
    Q_OBJECT
public:
    explicit JobsView(JobRunner* runner, QWidget* parent = nullptr);

    /// Shows `details` for job `id` once it has finished without a message of its own (the
    /// window's summary of what the job produced, such as its accuracy).
    void setJobDetails(int id, const QString& details);

    QSize sizeHint() const override { return {720, 220}; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void refresh(int id);
    QTreeWidgetItem* itemFor(int id);
    /// Pixels per row: one line of text, with the progress bar no taller.
    int rowHeight() const;
    /// The job Cancel acts on: the selected one if queued or running, else the running one; 0 when none.
    int cancellableJob() const;
    void cancelSelected();
    void updateCancelButton();

    JobRunner* m_runner;
    QTreeWidget* m_list;
    QPushButton* m_cancel;
    QHash<int, QDateTime> m_started;
    QHash<int, QDateTime> m_finished;
    QHash<int, QString> m_details;
};

/// "1:05:09", "02:13", or "—" when unknown.
QString etaText(double seconds);

} // namespace slim::app
