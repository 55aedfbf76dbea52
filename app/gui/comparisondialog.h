#pragma once

#include "project.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QTableWidget;

namespace slim::app {

/// The comparison table: chosen versions as rows with their params, MACs, non-zero params,
/// size, top-1, top-5, latency and energy and how they compare with a baseline, the best value
/// of each column in bold; exported as CSV, Markdown or LaTeX (booktabs) with a caption and
/// label, or copied as LaTeX. UI thread only.
class ComparisonDialog : public QDialog {
    Q_OBJECT
public:
    /// `versions` in the order they are listed; `baselineId` preselects the baseline (0: the first).
    ComparisonDialog(const QList<ProjectVersion>& versions, qint64 baselineId, const QString& projectName,
                     QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    /// Writes the table as `format` ("csv", "md", "tex") to `path` atomically; an empty string,
    /// or why it failed.
    QString exportTo(const QString& path, const QString& format) const;

private:
    void refresh();
    void exportAs(const QString& format);

    QList<ProjectVersion> m_versions;
    QComboBox* m_baseline;
    QLineEdit* m_caption;
    QLineEdit* m_label;
    QTableWidget* m_table;
};

} // namespace slim::app
