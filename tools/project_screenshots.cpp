// project_screenshots: the README's tour of projects, made as a student would: the bundled
// LeNet-5 baseline in a new project, three compressed versions (half the channels pruned, then
// fine-tuned two short epochs, then quantized to 8 bits after training; each measured on
// Fashion-MNIST), the window closed and the
// project reopened, then the Versions dock, the comparison table and the accuracy-vs-MACs plot;
// the figure pack is written beside the pictures. Run under Xvfb by docs/make_screenshots.sh.
//
//   project_screenshots OUTPUT_DIR LANGUAGE   (LANGUAGE: en or zh_CN)

#include "comparisondialog.h"
#include "document.h"
#include "figureexport.h"
#include "figurepack.h"
#include "jobrunner.h"
#include "jobs/quantjob.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "projectworkflow.h"
#include "screenshot.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace slim::app;
using slim::tools::save;
using slim::tools::waitFor;

namespace {

const char* kData = "/usr/share/datasets/fashion-mnist";

/// Runs `start` and waits until its result is a version of the project.
bool addVersion(MainWindow& window, const std::function<int()>& start)
{
    const int before = window.projects()->session()->project()->versions().size();
    const int job = start();
    return job > 0 && waitFor([&] { return !window.jobRunner()->isActive(job); }, 300000)
           && waitFor([&] { return window.projects()->session()->project()->versions().size() > before; }, 60000);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: project_screenshots OUTPUT_DIR en|zh_CN\n");
        return 2;
    }
    QApplication::setOrganizationName(QStringLiteral("SlimbenchScreenshots"));
    QApplication::setApplicationName(QStringLiteral("project_screenshots"));
    const QString output = QString::fromLocal8Bit(argv[1]);
    const bool chinese = QString::fromLocal8Bit(argv[2]) == QLatin1String("zh_CN");
    QDir().mkpath(output);
    LanguageManager languages;
    languages.apply(chinese ? QStringLiteral("zh_CN") : QStringLiteral("en"));
    const QString suffix = chinese ? QStringLiteral("-zh_CN") : QString();
    QTemporaryDir scratch;
    const QString folder = QDir(scratch.path()).filePath(chinese ? QStringLiteral("LeNet-5 剪枝与量化") : QStringLiteral("lenet5-thesis"));

    {
        MainWindow window(&languages);
        window.resize(1600, 1000);
        window.show();
        window.openBundled(QStringLiteral(":/slimbench/baselines/lenet5-fashion-mnist.slim"));
        if (!waitFor([&] { return !window.document() || !window.isBusy(); }, 60000) || !window.projects()->createProject(folder)
            || !waitFor([&] { return window.projects()->session()->project()->versions().size() == 1; }, 60000)) {
            std::fprintf(stderr, "the project was not created\n");
            return 1;
        }
        // Prune half the channels, fine-tune the pruned network, then quantize it.
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        request.dataset = kData;
        if (!addVersion(window, [&] { return window.startPruning(request); })) {
            std::fprintf(stderr, "pruning did not become a version\n");
            return 1;
        }
        slim::engine::TrainRecipe finetune;
        finetune.dataset = kData;
        finetune.epochs = 2;
        finetune.learningRate = 0.01;
        finetune.schedule = "cosine";
        finetune.batchSize = 64;
        finetune.maxStepsPerEpoch = 300;
        finetune.output.clear();
        finetune.metrics.clear();
        if (!addVersion(window, [&] { return window.startTraining(finetune); })) {
            std::fprintf(stderr, "fine-tuning did not become a version\n");
            return 1;
        }
        slim::engine::QuantizeRequest quantize;
        quantize.settings.weightBits = 8;
        quantize.settings.activationBits = 8;
        quantize.calibration = kData;
        quantize.dataset = kData;
        if (!addVersion(window, [&] { return window.startQuantization(quantize); })) {
            std::fprintf(stderr, "quantization did not become a version\n");
            return 1;
        }
    }

    // The app closed and opened again: the project comes back where it was left.
    MainWindow window(&languages);
    window.resize(1600, 1000);
    window.show();
    if (!window.projects()->openProject(folder) || !waitFor([&] { return !window.isBusy() && !window.document()->isEmpty(); }, 60000)) {
        std::fprintf(stderr, "the project did not reopen\n");
        return 1;
    }
    window.findChild<QDockWidget*>(QStringLiteral("versionsDock"))->raise();
    bool ok = save(window, output + QStringLiteral("/project-versions%1.png").arg(suffix));

    window.projects()->compare({});
    auto* dialog = window.findChild<ComparisonDialog*>(QStringLiteral("comparisonDialog"));
    if (!dialog) {
        std::fprintf(stderr, "no comparison dialog\n");
        return 1;
    }
    dialog->resize(1280, 380);
    ok = save(*dialog, output + QStringLiteral("/project-comparison%1.png").arg(suffix)) && ok;
    auto* tabs = dialog->findChild<QTabWidget*>();
    tabs->setCurrentIndex(1);
    dialog->resize(900, 560);
    ok = save(*dialog, output + QStringLiteral("/project-pareto%1.png").arg(suffix)) && ok;
    dialog->close();

    if (!chinese) {
        const QStringList files = exportFigurePack(
            *window.projects()->session()->project(), output + QStringLiteral("/figure-pack"),
            slim::widgets::FigureStyle::preset(slim::widgets::FigureStyle::Preset::SingleColumn));
        std::printf("wrote %lld files of the figure pack\n", static_cast<long long>(files.size()));
    }
    return ok ? 0 : 1;
}
