#pragma once

#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace slim::app {

class JobRunner;

/// The Jobs dock: every job with its state, a progress bar, the ETA and its message, and a
/// Cancel button for the selected (or running) job. UI thread only.
class JobsView : public QWidget {
    Q_OBJECT
public:
    explicit JobsView(JobRunner* runner, QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void refresh(int id);
    QTreeWidgetItem* itemFor(int id);
    void cancelSelected();

    JobRunner* m_runner;
    QTreeWidget* m_list;
    QPushButton* m_cancel;
};

/// "1:05:09", "02:13", or "—" when unknown.
QString etaText(double seconds);

} // namespace slim::app
