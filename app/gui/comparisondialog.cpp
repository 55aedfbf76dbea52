#include "comparisondialog.h"

#include "comparison.h"
#include "paretoview.h"
#include "settings.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace slim::app {

ComparisonDialog::ComparisonDialog(const QList<ProjectVersion>& versions, qint64 baselineId, const QString& projectName,
                                   QWidget* parent)
    : QDialog(parent)
    , m_versions(versions)
    , m_baseline(new QComboBox(this))
    , m_caption(new QLineEdit(this))
    , m_label(new QLineEdit(this))
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Compare Versions"));
    setObjectName(QStringLiteral("comparisonDialog"));
    m_baseline->setObjectName(QStringLiteral("comparisonBaseline"));
    m_table->setObjectName(QStringLiteral("comparisonTable"));
    for (const ProjectVersion& version : m_versions)
        m_baseline->addItem(version.name, version.id);
    const int baselineIndex = m_baseline->findData(baselineId);
    m_baseline->setCurrentIndex(baselineIndex >= 0 ? baselineIndex : 0);
    m_caption->setText(tr("Compressed versions of %1").arg(projectName));
    m_label->setText(QStringLiteral("tab:compression"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Baseline:"), m_baseline);
    form->addRow(tr("C&aption:"), m_caption);
    form->addRow(tr("&Label:"), m_label);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* csv = buttons->addButton(tr("Export C&SV…"), QDialogButtonBox::ActionRole);
    QPushButton* markdown = buttons->addButton(tr("Export &Markdown…"), QDialogButtonBox::ActionRole);
    QPushButton* latex = buttons->addButton(tr("Export La&TeX…"), QDialogButtonBox::ActionRole);
    QPushButton* copy = buttons->addButton(tr("Cop&y LaTeX"), QDialogButtonBox::ActionRole);
    csv->setObjectName(QStringLiteral("comparisonExportCsv"));
    latex->setObjectName(QStringLiteral("comparisonExportLatex"));
    copy->setObjectName(QStringLiteral("comparisonCopyLatex"));
    connect(csv, &QPushButton::clicked, this, [this] { exportAs(QStringLiteral("csv")); });
    connect(markdown, &QPushButton::clicked, this, [this] { exportAs(QStringLiteral("md")); });
    connect(latex, &QPushButton::clicked, this, [this] { exportAs(QStringLiteral("tex")); });
    connect(copy, &QPushButton::clicked, this, [this] {
        const ComparisonTable table(m_versions, m_baseline->currentData().toLongLong());
        QApplication::clipboard()->setText(table.toLatex(m_caption->text(), m_label->text()));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_baseline, &QComboBox::currentIndexChanged, this, &ComparisonDialog::refresh);

    // The same versions on the accuracy-against-cost plane, with the Pareto front.
    auto* pareto = new widgets::ParetoView(this);
    pareto->setObjectName(QStringLiteral("comparisonPareto"));
    QVector<widgets::ParetoPoint> points;
    for (const ProjectVersion& version : m_versions) {
        if (version.metrics.macs && version.metrics.top1)
            points << widgets::ParetoPoint{version.name, double(*version.metrics.macs), *version.metrics.top1};
    }
    pareto->setPoints(points);
    auto* tabs = new QTabWidget(this);
    tabs->addTab(m_table, tr("&Table"));
    tabs->addTab(pareto, tr("Accuracy &vs MACs"));
    tabs->setTabToolTip(1, tr("Versions with a measured top-1; right-click the plot to export it as a figure"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(tabs, 1);
    auto* note = new QLabel(tr("In brackets: the ratio to the baseline; for top-1 and top-5 the difference in percentage "
                               "points. The best value of each column is in bold. Model size counts the parameters at their bits (quantized "
                               "weights at theirs, the rest as float32); Checkpoint is the .slim file."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(980, 420);
    refresh();
}

void ComparisonDialog::refresh()
{
    const ComparisonTable table(m_versions, m_baseline->currentData().toLongLong());
    const QStringList header = table.displayHeader(ComparisonTable::Format::Plain);
    const QList<QStringList> rows = table.displayRows(ComparisonTable::Format::Plain);
    m_table->clear();
    m_table->setColumnCount(header.size());
    m_table->setRowCount(rows.size());
    m_table->setHorizontalHeaderLabels(header);
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows[r].size(); ++c) {
            auto* item = new QTableWidgetItem(rows[r][c]);
            if (c >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    // The best value of each figure in bold, as the exported tables show it.
    for (int c = 0; c < ComparisonTable::columns().size(); ++c) {
        for (const int r : table.best(ComparisonTable::columns()[c])) {
            if (rows.size() < 2)
                break;
            QTableWidgetItem* item = m_table->item(r, c + 2);
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
    }
}

QString ComparisonDialog::exportTo(const QString& path, const QString& format) const
{
    const ComparisonTable table(m_versions, m_baseline->currentData().toLongLong());
    const QString text = format == QLatin1String("csv")  ? table.toCsv()
                         : format == QLatin1String("md") ? table.toMarkdown()
                                                         : table.toLatex(m_caption->text(), m_label->text());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
        return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

void ComparisonDialog::exportAs(const QString& format)
{
    const QString filter = format == QLatin1String("csv")  ? tr("CSV (*.csv)")
                           : format == QLatin1String("md") ? tr("Markdown (*.md)")
                                                           : tr("LaTeX (*.tex)");
    const QString suggested = QDir(settings::startDirectory()).filePath(QStringLiteral("comparison.") + format);
    QString path = QFileDialog::getSaveFileName(this, tr("Export Comparison Table"), suggested, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + format;
    settings::lastDirectory().setValue(QFileInfo(path).absolutePath());
    const QString error = exportTo(path, format);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot export the table"), error);
}

} // namespace slim::app
