#pragma once

#include "exportdialog.h"
#include "jobs/compressjob.h"
#include "jobs/prunejob.h"
#include "jobs/sensitivityjob.h"

#include <QHash>

#include <QCoreApplication>
#include <QStringList>

namespace slim::app {

/// What finished jobs tell the user, line by line, for the Log and the result boxes.
class JobReport {
    Q_DECLARE_TR_FUNCTIONS(JobReport)
public:
    /// Cost before and after, whether a budget was met, and top-1 before, after and after
    /// recalibration when they were measured. `recalibrationAsked`: the request asked for it.
    static QStringList pruning(const engine::PruneResult& result, bool recalibrationAsked);
    /// One line per stage of a compression run: its cost and top-1 after it.
    static QStringList stages(const engine::CompressionResult& result);
    /// Group → "top-1 at the scanned ratio nearest 50 %", for the Prune panel's table.
    static QHash<QString, QString> sensitivityAtHalf(const engine::SensitivityResult& scan);
    /// The file written and every check run on it. `model` is the exported model.
    static QStringList exported(const engine::ExportReport& report, const ExportSettings& settings, const engine::Model& model);
};

} // namespace slim::app
