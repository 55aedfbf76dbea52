#include "errortext.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char** argv)
{
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
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("A .slim model to open, or a zoo model name"));
    parser.process(app);
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
    } else {
        // The embedded default: ResNet-20 trained on Debian's Fashion-MNIST by the bundled recipe.
        window.openBundled(QStringLiteral(":/slimbench/baselines/resnet20-fashion-mnist.slim"));
    }
    return QApplication::exec();
}
