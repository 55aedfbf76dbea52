#pragma once

#include "project.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace slim::app {

/// The versions of a project side by side, for a thesis: their figures and how they compare
/// with a baseline. Built once, written as CSV (the data, full precision), Markdown or LaTeX
/// (booktabs, for people: units in the header, the best value of each column in bold).
class ComparisonTable {
public:
    /// One figure of a version.
    enum class Column { Params, Macs, NonzeroParams, ParameterBytes, FileBytes, Top1, Top5, LatencyMs, EnergyPj };
    static const QList<Column>& columns();
    /// Whether a smaller value is the better one (cost) or a larger (accuracy).
    static bool lowerIsBetter(Column column);
    static std::optional<double> value(const VersionMetrics& metrics, Column column);

    /// `rows` in the order given; `baselineId` names the version the ratios refer to (0: the
    /// first row).
    ComparisonTable(const QList<ProjectVersion>& rows, qint64 baselineId = 0);

    const QList<ProjectVersion>& rows() const { return m_rows; }
    const ProjectVersion* baseline() const;
    /// value / the baseline's value for cost columns; for Top1/Top5 the difference in
    /// percentage points. Empty when either is unknown or the baseline's is zero.
    std::optional<double> relative(const ProjectVersion& row, Column column) const;
    /// The rows holding the best value of `column` (ties all count); empty when no row has one.
    QList<int> best(Column column) const;

    /// Every figure unrounded in its stored unit (counts, bytes, fractions, ms, pJ), then the
    /// ratios; a header line; empty cells for unknown values (RFC 4180).
    QString toCsv() const;
    QString toMarkdown() const;
    /// A `table` float with a booktabs `tabular`, `caption` and `label`; plain numbers (no
    /// siunitx), names escaped.
    QString toLatex(const QString& caption, const QString& label) const;

    /// Plain: for a table view (bold is the view's to show, through best()).
    enum class Format { Plain, Markdown, Latex };
    /// The header and cells as people read them: units in the header, rounded values with the
    /// ratio to the baseline beside them ("0.136 (0.50×)"), "--" for unknown ones, and in
    /// Markdown and LaTeX the best value of each column in bold.
    QStringList displayHeader(Format format) const;
    QList<QStringList> displayRows(Format format) const;

private:
    /// The largest value of `column` among the rows (0 when none has one): it picks the unit.
    double largest(Column column) const;

    QList<ProjectVersion> m_rows;
    qint64 m_baselineId = 0;
};

/// A version's method key ("prune") as users read it ("Pruned"), in their language; an unknown
/// key as it is.
QString methodLabel(const QString& method);

/// `text` with LaTeX's special characters escaped, so it prints as written.
QString latexEscaped(const QString& text);

} // namespace slim::app
