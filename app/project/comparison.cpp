#include "comparison.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

#include <cmath>

namespace slim::app {

namespace {

/// `text` as one Markdown table cell that shows it as written.
QString markdownEscaped(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    for (const char* special : {"|", "*", "_", "`", "<", "[", "]"})
        text.replace(QLatin1String(special), QLatin1Char('\\') + QLatin1String(special));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

/// Full precision in the C locale, as a CSV cell holds a number.
QString csvNumber(double value)
{
    // The shortest text that reads back as the same double: 0.8855, not 0.88549999999999995.
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString csvCell(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QString csvKey(ComparisonTable::Column column)
{
    switch (column) {
    case ComparisonTable::Column::Params: return QStringLiteral("params");
    case ComparisonTable::Column::Macs: return QStringLiteral("macs");
    case ComparisonTable::Column::NonzeroParams: return QStringLiteral("nonzero_params");
    case ComparisonTable::Column::ParameterBytes: return QStringLiteral("parameter_bytes");
    case ComparisonTable::Column::FileBytes: return QStringLiteral("file_bytes");
    case ComparisonTable::Column::Top1: return QStringLiteral("top1");
    case ComparisonTable::Column::Top5: return QStringLiteral("top5");
    case ComparisonTable::Column::LatencyMs: return QStringLiteral("latency_ms");
    case ComparisonTable::Column::EnergyPj: return QStringLiteral("energy_pj");
    }
    return {};
}

/// Counts and sizes in millions (MB) when the largest reaches a million, else in thousands
/// (KB): LeNet's 61 K parameters would read 0.061 M.
bool inMillions(ComparisonTable::Column column, double largest)
{
    switch (column) {
    case ComparisonTable::Column::Params:
    case ComparisonTable::Column::Macs:
    case ComparisonTable::Column::NonzeroParams:
    case ComparisonTable::Column::ParameterBytes:
    case ComparisonTable::Column::FileBytes: return largest >= 1e6;
    default: return true;
    }
}

/// The header for people, with the unit the displayed value is in.
QString displayName(ComparisonTable::Column column, bool millions)
{
    switch (column) {
    case ComparisonTable::Column::Params: return millions ? QCoreApplication::translate("slim::app::ComparisonTable", "Params (M)") : QCoreApplication::translate("slim::app::ComparisonTable", "Params (K)");
    case ComparisonTable::Column::Macs: return millions ? QCoreApplication::translate("slim::app::ComparisonTable", "MACs (M)") : QCoreApplication::translate("slim::app::ComparisonTable", "MACs (K)");
    case ComparisonTable::Column::NonzeroParams: return millions ? QCoreApplication::translate("slim::app::ComparisonTable", "Non-zero params (M)") : QCoreApplication::translate("slim::app::ComparisonTable", "Non-zero params (K)");
    case ComparisonTable::Column::ParameterBytes: return millions ? QCoreApplication::translate("slim::app::ComparisonTable", "Model size (MB)") : QCoreApplication::translate("slim::app::ComparisonTable", "Model size (KB)");
    case ComparisonTable::Column::FileBytes: return millions ? QCoreApplication::translate("slim::app::ComparisonTable", "Checkpoint (MB)") : QCoreApplication::translate("slim::app::ComparisonTable", "Checkpoint (KB)");
    case ComparisonTable::Column::Top1: return QCoreApplication::translate("slim::app::ComparisonTable", "Top-1 (%)");
    case ComparisonTable::Column::Top5: return QCoreApplication::translate("slim::app::ComparisonTable", "Top-5 (%)");
    case ComparisonTable::Column::LatencyMs: return QCoreApplication::translate("slim::app::ComparisonTable", "Latency (ms)");
    case ComparisonTable::Column::EnergyPj: return QCoreApplication::translate("slim::app::ComparisonTable", "Energy (µJ)");
    }
    return {};
}

/// The stored value in the displayed unit, rounded as the column shows it.
QString displayValue(ComparisonTable::Column column, double value, bool millions)
{
    switch (column) {
    case ComparisonTable::Column::Params:
    case ComparisonTable::Column::Macs:
    case ComparisonTable::Column::NonzeroParams:
    case ComparisonTable::Column::ParameterBytes:
    case ComparisonTable::Column::FileBytes:
        return millions ? QString::number(value / 1e6, 'f', 3) : QString::number(value / 1e3, 'f', 1);
    case ComparisonTable::Column::Top1:
    case ComparisonTable::Column::Top5: return QString::number(value * 100, 'f', 2);
    case ComparisonTable::Column::LatencyMs: return QString::number(value, 'f', 2);
    case ComparisonTable::Column::EnergyPj: return QString::number(value / 1e6, 'f', 2);
    }
    return {};
}

bool isAccuracy(ComparisonTable::Column column)
{
    return column == ComparisonTable::Column::Top1 || column == ComparisonTable::Column::Top5;
}

} // namespace

const QList<ComparisonTable::Column>& ComparisonTable::columns()
{
    static const QList<Column> all = {Column::Params, Column::Macs,      Column::NonzeroParams, Column::ParameterBytes,
                                      Column::FileBytes, Column::Top1, Column::Top5, Column::LatencyMs, Column::EnergyPj};
    return all;
}

bool ComparisonTable::lowerIsBetter(Column column)
{
    return !isAccuracy(column);
}

std::optional<double> ComparisonTable::value(const VersionMetrics& m, Column column)
{
    const auto real = [](const std::optional<qint64>& v) { return v ? std::optional<double>(double(*v)) : std::nullopt; };
    switch (column) {
    case Column::Params: return real(m.params);
    case Column::Macs: return real(m.macs);
    case Column::NonzeroParams: return real(m.nonzeroParams);
    case Column::ParameterBytes: return real(m.parameterBytes);
    case Column::FileBytes: return real(m.fileBytes);
    case Column::Top1: return m.top1;
    case Column::Top5: return m.top5;
    case Column::LatencyMs: return m.latencyMs;
    case Column::EnergyPj: return m.energyPj;
    }
    return std::nullopt;
}

ComparisonTable::ComparisonTable(const QList<ProjectVersion>& rows, qint64 baselineId)
    : m_rows(rows)
    , m_baselineId(baselineId)
{
}

const ProjectVersion* ComparisonTable::baseline() const
{
    if (m_rows.isEmpty())
        return nullptr;
    for (const ProjectVersion& row : m_rows) {
        if (row.id == m_baselineId)
            return &row;
    }
    return &m_rows.front();
}

std::optional<double> ComparisonTable::relative(const ProjectVersion& row, Column column) const
{
    const ProjectVersion* base = baseline();
    if (!base)
        return std::nullopt;
    const std::optional<double> mine = value(row.metrics, column);
    const std::optional<double> theirs = value(base->metrics, column);
    if (!mine || !theirs)
        return std::nullopt;
    if (isAccuracy(column))
        return (*mine - *theirs) * 100;
    if (*theirs == 0)
        return std::nullopt;
    return *mine / *theirs;
}

double ComparisonTable::largest(Column column) const
{
    double most = 0;
    for (const ProjectVersion& row : m_rows)
        most = std::max(most, value(row.metrics, column).value_or(0));
    return most;
}

QList<int> ComparisonTable::best(Column column) const
{
    std::optional<double> bestValue;
    for (const ProjectVersion& row : m_rows) {
        const std::optional<double> v = value(row.metrics, column);
        if (v && (!bestValue || (lowerIsBetter(column) ? *v < *bestValue : *v > *bestValue)))
            bestValue = v;
    }
    QList<int> rows;
    if (!bestValue)
        return rows;
    // Compared as displayed: two values that print the same are equally good.
    const bool millions = inMillions(column, largest(column));
    const QString shown = displayValue(column, *bestValue, millions);
    for (int i = 0; i < m_rows.size(); ++i) {
        const std::optional<double> v = value(m_rows[i].metrics, column);
        if (v && displayValue(column, *v, millions) == shown)
            rows.append(i);
    }
    return rows;
}

QString ComparisonTable::toCsv() const
{
    QStringList header = {QStringLiteral("version"), QStringLiteral("method"), QStringLiteral("parent")};
    QHash<qint64, QString> names;
    for (const ProjectVersion& row : m_rows)
        names.insert(row.id, row.name);
    for (Column column : columns())
        header << csvKey(column);
    for (Column column : columns())
        header << (isAccuracy(column) ? csvKey(column) + QStringLiteral("_delta_points") : csvKey(column) + QStringLiteral("_ratio"));
    QString csv = header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (const ProjectVersion& row : m_rows) {
        // The parent by name when it is in the table, else by its id in the project.
        const QString parent = row.parentId == 0 ? QString() : names.value(row.parentId, QString::number(row.parentId));
        QStringList cells = {csvCell(row.name), csvCell(row.method), csvCell(parent)};
        for (Column column : columns()) {
            const std::optional<double> v = value(row.metrics, column);
            cells << (v ? csvNumber(*v) : QString());
        }
        for (Column column : columns()) {
            const std::optional<double> r = relative(row, column);
            cells << (r ? csvNumber(*r) : QString());
        }
        csv += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return csv;
}

QStringList ComparisonTable::displayHeader(Format format) const
{
    QStringList header = {QCoreApplication::translate("slim::app::ComparisonTable", "Version"), QCoreApplication::translate("slim::app::ComparisonTable", "Method")};
    for (Column column : columns())
        header << displayName(column, inMillions(column, largest(column)));
    if (format == Format::Latex) {
        for (QString& cell : header)
            cell = latexEscaped(cell);
    }
    return header;
}

QList<QStringList> ComparisonTable::displayRows(Format format) const
{
    QList<QList<int>> bestRows;
    for (Column column : columns())
        bestRows.append(best(column));
    const ProjectVersion* base = baseline();
    QList<QStringList> rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        const ProjectVersion& row = m_rows[i];
        QStringList cells;
        if (format == Format::Latex)
            cells << latexEscaped(row.name) << latexEscaped(methodLabel(row.method));
        else if (format == Format::Markdown)
            cells << markdownEscaped(row.name) << markdownEscaped(methodLabel(row.method));
        else
            cells << row.name << methodLabel(row.method);
        for (int c = 0; c < columns().size(); ++c) {
            const Column column = columns()[c];
            const std::optional<double> v = value(row.metrics, column);
            if (!v) {
                cells << (format == Format::Plain ? QStringLiteral("—") : QStringLiteral("--"));
                continue;
            }
            QString cell = displayValue(column, *v, inMillions(column, largest(column)));
            if (bestRows[c].contains(i) && m_rows.size() > 1 && format != Format::Plain)
                cell = format == Format::Latex ? QStringLiteral("\\textbf{%1}").arg(cell) : QStringLiteral("**%1**").arg(cell);
            const std::optional<double> r = &row == base ? std::nullopt : relative(row, column);
            if (r) {
                if (isAccuracy(column)) {
                    const QString magnitude = QString::number(std::abs(*r), 'f', 2);
                    const bool negative = *r < 0 && magnitude != QStringLiteral("0.00");
                    cell += format == Format::Latex
                                ? QStringLiteral(" ($%1%2$)").arg(negative ? QStringLiteral("-") : QStringLiteral("+"), magnitude)
                                : QStringLiteral(" (%1%2)").arg(negative ? QStringLiteral("−") : QStringLiteral("+"), magnitude);
                } else {
                    const QString ratio = QString::number(*r, 'f', 2);
                    cell += format == Format::Latex ? QStringLiteral(" (%1$\\times$)").arg(ratio)
                                                    : QStringLiteral(" (%1×)").arg(ratio);
                }
            }
            cells << cell;
        }
        rows.append(cells);
    }
    return rows;
}

QString ComparisonTable::toMarkdown() const
{
    const QStringList header = displayHeader(Format::Markdown);
    QString text = QStringLiteral("| ") + header.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
    for (int c = 0; c < header.size(); ++c)
        text += c < 2 ? QStringLiteral(" --- |") : QStringLiteral(" ---: |");
    text += QLatin1Char('\n');
    for (const QStringList& row : displayRows(Format::Markdown))
        text += QStringLiteral("| ") + row.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    if (const ProjectVersion* base = baseline(); base && m_rows.size() > 1)
        text += QLatin1Char('\n')
                + QCoreApplication::translate("slim::app::ComparisonTable", "In brackets: the ratio to %1, and for accuracy the difference in percentage points; best values in bold.")
                      .arg(markdownEscaped(base->name))
                + QLatin1Char('\n');
    return text;
}

QString ComparisonTable::toLatex(const QString& caption, const QString& label) const
{
    const QStringList header = displayHeader(Format::Latex);
    const QList<QStringList> rows = displayRows(Format::Latex);
    QString all = header.join(QLatin1Char(' ')) + caption;
    for (const QStringList& row : rows)
        all += row.join(QLatin1Char(' '));
    const bool cjk = std::any_of(all.begin(), all.end(), [](QChar c) { return c.unicode() >= 0x2E80; });
    // A label is a key, not text: letters, digits and : . _ - only.
    QString key = label;
    key.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9:._-]")), QStringLiteral("-"));
    QString text;
    text += QStringLiteral("% Needs \\usepackage{booktabs}; written by Slimbench.\n");
    if (cjk)
        text += QStringLiteral("% Holds Chinese text: compile with XeLaTeX and \\usepackage{ctex} (or xeCJK).\n");
    text += QStringLiteral("\\begin{table}[htbp]\n  \\centering\n");
    text += QStringLiteral("  \\caption{%1}\n").arg(latexEscaped(caption));
    text += QStringLiteral("  \\label{%1}\n").arg(key);
    text += QStringLiteral("  \\begin{tabular}{ll%1}\n").arg(QString(header.size() - 2, QLatin1Char('r')));
    text += QStringLiteral("    \\toprule\n");
    text += QStringLiteral("    ") + header.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
    text += QStringLiteral("    \\midrule\n");
    for (const QStringList& row : rows)
        text += QStringLiteral("    ") + row.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
    text += QStringLiteral("    \\bottomrule\n  \\end{tabular}\n\\end{table}\n");
    return text;
}

QString methodLabel(const QString& method)
{
    static const QHash<QString, const char*> labels = {
        {QStringLiteral("baseline"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Baseline")},
        {QStringLiteral("import"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Imported")},
        {QStringLiteral("train"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Trained")},
        {QStringLiteral("prune"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Pruned")},
        {QStringLiteral("compress"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Compressed")},
        {QStringLiteral("quantize"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Quantized")},
        {QStringLiteral("distill"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Distilled")},
        {QStringLiteral("decompose"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Decomposed")},
        {QStringLiteral("edit"), QT_TRANSLATE_NOOP("slim::app::ComparisonTable", "Edited")},
    };
    const auto it = labels.constFind(method);
    return it == labels.constEnd() ? method : QCoreApplication::translate("slim::app::ComparisonTable", *it);
}

QString latexEscaped(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\': out += QStringLiteral("\\textbackslash{}"); break;
        case '&': out += QStringLiteral("\\&"); break;
        case '%': out += QStringLiteral("\\%"); break;
        case '$': out += QStringLiteral("\\$"); break;
        case '#': out += QStringLiteral("\\#"); break;
        case '_': out += QStringLiteral("\\_"); break;
        case '{': out += QStringLiteral("\\{"); break;
        case '}': out += QStringLiteral("\\}"); break;
        case '~': out += QStringLiteral("\\textasciitilde{}"); break;
        case '^': out += QStringLiteral("\\textasciicircum{}"); break;
        case 0x00B5: // µ in "µJ"
        case 0x03BC: out += QStringLiteral("$\\mu$"); break;
        // OT1, pdfLaTeX's default encoding, prints these as other glyphs.
        case '<': out += QStringLiteral("\\textless{}"); break;
        case '>': out += QStringLiteral("\\textgreater{}"); break;
        case '|': out += QStringLiteral("\\textbar{}"); break;
        case '"': out += QStringLiteral("\\textquotedbl{}"); break;
        case '\n':
        case '\r': out += QLatin1Char(' '); break; // a blank line would end the tabular's row
        default: out += c;
        }
    }
    return out;
}

} // namespace slim::app
