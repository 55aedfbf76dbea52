// workbench_screenshots: the README's pictures of the pruning workbench, made the way a
// student would see it: the bundled ResNet-20 baseline with the Prune panel at 50 %, the
// heatmap, the γ histogram and the cost chart; then a prune and fine-tune job running with
// its curves. Run under Xvfb by docs/make_screenshots.sh (real fonts, no window manager).
//
//   workbench_screenshots OUTPUT_DIR LANGUAGE   (LANGUAGE: en or zh_CN)

#include "curveview.h"
#include "document.h"
#include "finetunedialog.h"
#include "jobrunner.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "prunepanel.h"
#include "redundancypanel.h"
#include "histogramview.h"
#include "screenshot.h"
#include "trainpanel.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QSlider>

#include <cstdio>
#include <functional>

using namespace slim::app;
using slim::tools::save;
using slim::tools::waitFor;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: workbench_screenshots OUTPUT_DIR en|zh_CN\n");
        return 2;
    }
    QApplication::setOrganizationName(QStringLiteral("SlimbenchScreenshots"));
    QApplication::setApplicationName(QStringLiteral("workbench_screenshots"));
    const QString folder = QString::fromLocal8Bit(argv[1]);
    const QString language = QString::fromLocal8Bit(argv[2]);
    QDir().mkpath(folder);
    LanguageManager languages;
    languages.apply(language == QLatin1String("zh_CN") ? QStringLiteral("zh_CN") : QStringLiteral("en"));
    const QString suffix = language == QLatin1String("zh_CN") ? QStringLiteral("-zh_CN") : QString();

    MainWindow window(&languages);
    window.resize(1600, 1000);
    window.show();
    window.findChild<QDockWidget*>(QStringLiteral("pruneDock"))->raise();
    window.openBundled(QStringLiteral(":/slimbench/baselines/resnet20-fashion-mnist.slim"));
    auto* panel = window.findChild<PrunePanel*>(QStringLiteral("prunePanel"));
    auto* redundancy = window.findChild<RedundancyPanel*>(QStringLiteral("redundancyPanel"));
    if (!waitFor([&] { return panel->isReady() && redundancy->histogram()->valueCount() > 0; }, 60000)) {
        std::fprintf(stderr, "the workbench did not get ready\n");
        return 1;
    }
    window.findChild<QSlider*>(QStringLiteral("pruneSlider"))->setValue(50);
    bool ok = save(window, folder + QStringLiteral("/workbench-prune-50%1.png").arg(suffix));

    // A prune and fine-tune run, caught while it trains.
    slim::engine::TrainRecipe training = window.findChild<TrainPanel*>()->recipe();
    training.batchSize = 64;
    training.maxStepsPerEpoch = 60;
    training.output.clear();
    training.metrics.clear();
    FinetuneDialog dialog(training, panel->request());
    slim::engine::CompressionRecipe recipe = dialog.recipe();
    recipe.stages[1].finetune.epochs = 4;
    const int job = window.startCompression(recipe);
    auto* curves = window.findChild<slim::widgets::CurveView*>(QStringLiteral("curveView"));
    waitFor([&] { return curves->pointCount(QStringLiteral("train/loss")) >= 130; }, 300000);
    ok = save(window, folder + QStringLiteral("/workbench-finetune%1.png").arg(suffix)) && ok;
    window.jobRunner()->cancel(job);
    waitFor([&] { return !window.jobRunner()->isActive(job); }, 60000);
    return ok ? 0 : 1;
}
