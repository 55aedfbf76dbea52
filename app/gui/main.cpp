#include "errortext.h"
#include "figurepack.h"
#include "languagemanager.h"
#include "project.h"
#include "mainwindow.h"
#include "projectworkflow.h"
#include "settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <cstring>

namespace {

/// `slimbench --export-figures PROJECT DIR [--figure-preset single|double|slide]`: writes the
/// project's figure pack without showing a window, for scripts (see figurepack.h).
int exportFigures(const QString& project, const QString& folder, const QString& preset)
{
    using slim::widgets::FigureStyle;
    const FigureStyle style = FigureStyle::preset(preset == QLatin1String("double")  ? FigureStyle::Preset::DoubleColumn
                                                  : preset == QLatin1String("slide") ? FigureStyle::Preset::Slide
                                                                                     : FigureStyle::Preset::SingleColumn);
    try {
        const auto opened = slim::app::Project::open(project);
        const QStringList files = slim::app::exportFigurePack(*opened, folder, style);
        for (const QString& file : files)
            std::printf("%s\n", qPrintable(file));
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "slimbench: %s\n", qPrintable(slim::app::errorText(error)));
        return 1;
    }
}

} // namespace

int main(int argc, char** argv)
{
    // Figures for scripts need no screen: the offscreen platform, unless one was chosen.
    for (int i = 1; i < argc; ++i) {
        if ((std::strcmp(argv[i], "--export-figures") == 0 || std::strncmp(argv[i], "--export-figures=", 17) == 0)
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Slimbench"));
    QApplication::setApplicationName(QStringLiteral("Slimbench"));
    QApplication::setApplicationVersion(QStringLiteral(SLIMBENCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("slimbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/slimbench/icons/slimbench.svg")));

    slim::app::LanguageManager languages;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Slimbench: a workbench for compressing convolutional networks"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption languageOption(QStringLiteral("language"), QStringLiteral("UI language: en or zh_CN"),
                                            QStringLiteral("language"));
    parser.addOption(languageOption);
    const QCommandLineOption trainOption(QStringLiteral("train"),
                                         QStringLiteral("Train the opened model with this recipe as soon as it is open"),
                                         QStringLiteral("recipe.json"));
    parser.addOption(trainOption);
    const QCommandLineOption figuresOption(
        QStringLiteral("export-figures"),
        QStringLiteral("Write every figure of the project folder PROJECT (PNG, PDF, SVG, CSV) and its comparison table "
                       "into DIR, then quit: slimbench --export-figures PROJECT DIR"),
        QStringLiteral("PROJECT"));
    parser.addOption(figuresOption);
    const QCommandLineOption presetOption(QStringLiteral("figure-preset"),
                                          QStringLiteral("With --export-figures: single (8.5 cm, the default), double (17 cm) "
                                                         "or slide (25.4 cm)"),
                                          QStringLiteral("preset"), QStringLiteral("single"));
    parser.addOption(presetOption);
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("A .slim model to open, or a zoo model name"));
    parser.process(app);
    if (parser.isSet(figuresOption)) {
        languages.apply(parser.isSet(languageOption) ? parser.value(languageOption) : QStringLiteral("en"));
        if (parser.positionalArguments().size() != 1) {
            std::fprintf(stderr, "slimbench: --export-figures PROJECT DIR: name the folder to write the figures to\n");
            return 2;
        }
        const QString preset = parser.value(presetOption);
        if (preset != QLatin1String("single") && preset != QLatin1String("double") && preset != QLatin1String("slide")) {
            std::fprintf(stderr, "slimbench: --figure-preset is single, double or slide, not \"%s\"\n", qPrintable(preset));
            return 2;
        }
        return exportFigures(parser.value(figuresOption), parser.positionalArguments().constFirst(), preset);
    }
    languages.apply(parser.isSet(languageOption) ? parser.value(languageOption)
                                                 : slim::app::settings::language().value());

    slim::app::MainWindow window(&languages);
    window.show();
    if (parser.isSet(trainOption)) {
        try {
            const slim::engine::TrainRecipe recipe = slim::engine::loadTrainRecipe(parser.value(trainOption).toStdString());
            QObject::connect(&window, &slim::app::MainWindow::modelLoaded, &window,
                             [&window, recipe] { window.startTraining(recipe); }, Qt::SingleShotConnection);
        } catch (const std::exception& error) {
            window.log(slim::app::errorText(error));
        }
    }
    if (!parser.positionalArguments().isEmpty()) {
        window.openReference(parser.positionalArguments().constFirst());
    } else if (window.offerRecovery()) {
        // The unsaved model of a session that did not close is being restored.
    } else if (const QString project = slim::app::ProjectWorkflow::projectToReopen(); !project.isEmpty()) {
        // Where the user left off: the project open when the app quit, at its selected version.
        if (!window.projects()->openProject(project))
            window.openBundled(QStringLiteral(":/slimbench/baselines/resnet20-fashion-mnist.slim"));
    } else {
        // The embedded default: ResNet-20 trained on Debian's Fashion-MNIST by the bundled recipe.
        window.openBundled(QStringLiteral(":/slimbench/baselines/resnet20-fashion-mnist.slim"));
    }
    return QApplication::exec();
}
