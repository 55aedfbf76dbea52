#include <QtTest/QtTest>

#include "languagemanager.h"
#include "settings.h"
#include "trainpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>

using namespace slim::app;

namespace {
/// Marks every TrainPanel string it translates, to show which texts go through tr().
class MarkingTranslator : public QTranslator {
public:
    QString translate(const char* context, const char* sourceText, const char*, int) const override
    {
        if (qstrcmp(context, "slim::app::TrainPanel") != 0)
            return {};
        return QStringLiteral("⟪%1⟫").arg(QString::fromUtf8(sourceText));
    }
    bool isEmpty() const override { return false; }
};

// Every input the panel has; each needs a label (or, for a check box, its own text) and a tool tip.
const char* const kFields[] = {"datasetEdit",     "batchSpin",      "cropPaddingSpin",   "flipCheck",      "optimizerCombo",
                               "learningRateSpin", "momentumSpin",   "nesterovCheck",     "weightDecaySpin", "labelSmoothingSpin",
                               "epochsSpin",      "scheduleCombo",  "stepSizeSpin",      "milestonesEdit", "gammaSpin",
                               "minLearningRateSpin", "warmupSpin", "seedSpin",          "threadsSpin",    "outputEdit",
                               "metricsEdit",     "fineTuneRadio",  "scratchRadio"};
} // namespace

class TestTrainPanel : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;
    QTemporaryDir m_dir;

    template <typename T>
    static T* child(const TrainPanel& panel, const char* name)
    {
        T* widget = panel.findChild<T*>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no %s", name);
        return widget;
    }
    /// The label of the form row that holds `field` (directly or inside a row widget).
    static QLabel* labelOf(const TrainPanel& panel, QWidget* field)
    {
        for (QFormLayout* form : panel.findChildren<QFormLayout*>()) {
            for (QWidget* candidate = field; candidate && candidate != &panel; candidate = candidate->parentWidget()) {
                if (auto* label = qobject_cast<QLabel*>(form->labelForField(candidate)))
                    return label;
            }
        }
        return nullptr;
    }
    /// Types `text` into a spin box as a user would: select all, type, Enter.
    static void type(QAbstractSpinBox* spin, const QString& text)
    {
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, text);
        QTest::keyClick(spin, Qt::Key_Enter);
    }
    static void choose(QComboBox* combo, const QString& data)
    {
        const int target = combo->findData(data);
        QVERIFY(target >= 0);
        while (combo->currentIndex() < target)
            QTest::keyClick(combo, Qt::Key_Down);
        while (combo->currentIndex() > target)
            QTest::keyClick(combo, Qt::Key_Up);
    }
    void checkLabels(const TrainPanel& panel)
    {
        for (const char* name : kFields) {
            QWidget* field = child<QWidget>(panel, name);
            QVERIFY2(!field->toolTip().isEmpty(), name);
            if (auto* button = qobject_cast<QAbstractButton*>(field); button && !labelOf(panel, field)) {
                QVERIFY2(!button->text().isEmpty(), name); // a check box or radio button labels itself
                continue;
            }
            QLabel* label = labelOf(panel, field);
            QVERIFY2(label, name);
            QVERIFY2(!label->text().isEmpty(), name);
            QVERIFY2(label->buddy() == field || qobject_cast<QRadioButton*>(field), name);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_trainpanel"));
        QSettings().clear();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_languages = new LanguageManager(this);
        m_languages->apply(QStringLiteral("en"));
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        m_languages->apply(QStringLiteral("en"));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    }

    void everyFieldHasALabelAndToolTip()
    {
        TrainPanel panel;
        checkLabels(panel);
        QCOMPARE(labelOf(panel, child<QWidget>(panel, "learningRateSpin"))->text(), QStringLiteral("&Learning rate:"));
        m_languages->apply(QStringLiteral("zh_CN"));
        QTRY_COMPARE(child<QComboBox>(panel, "scheduleCombo")->itemText(1), QStringLiteral("阶梯"));
        checkLabels(panel);
        m_languages->apply(QStringLiteral("en"));
        QTRY_COMPARE(child<QComboBox>(panel, "scheduleCombo")->itemText(1), QStringLiteral("Step"));
    }

    /// Every label, tool tip, group title and button goes through tr() again on a language change.
    void retranslatesEveryText()
    {
        TrainPanel panel;
        MarkingTranslator marking;
        QVERIFY(QCoreApplication::installTranslator(&marking)); // sends LanguageChange
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        for (const char* name : kFields) {
            QWidget* field = child<QWidget>(panel, name);
            QVERIFY2(field->toolTip().startsWith(QStringLiteral("⟪")), name);
            if (QLabel* label = labelOf(panel, field))
                QVERIFY2(label->text().startsWith(QStringLiteral("⟪")), qPrintable(label->text()));
            else
                QVERIFY2(qobject_cast<QAbstractButton*>(field)->text().startsWith(QStringLiteral("⟪")), name);
        }
        for (const char* name : {"trainButton", "saveRecipeButton", "openRecipeButton"})
            QVERIFY2(child<QPushButton>(panel, name)->text().startsWith(QStringLiteral("⟪")), name);
        QVERIFY(child<QLabel>(panel, "trainSummary")->text().startsWith(QStringLiteral("⟪")));
        const QList<QGroupBox*> groups = panel.findChildren<QGroupBox*>();
        QCOMPARE(groups.size(), 5);
        for (QGroupBox* group : groups)
            QVERIFY2(group->title().startsWith(QStringLiteral("⟪")), qPrintable(group->title()));
        QCoreApplication::removeTranslator(&marking);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCOMPARE(child<QPushButton>(panel, "trainButton")->text(), QStringLiteral("&Train"));
    }

    void scheduleShowsItsFields_data()
    {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("constant") << QStringLiteral("constant") << QStringList{};
        QTest::newRow("step") << QStringLiteral("step") << QStringList{QStringLiteral("stepSizeSpin"), QStringLiteral("gammaSpin")};
        QTest::newRow("multistep") << QStringLiteral("multistep")
                                   << QStringList{QStringLiteral("milestonesEdit"), QStringLiteral("gammaSpin")};
        QTest::newRow("cosine") << QStringLiteral("cosine") << QStringList{QStringLiteral("minLearningRateSpin")};
    }

    void scheduleShowsItsFields()
    {
        QFETCH(QString, schedule);
        QFETCH(QStringList, shown);
        TrainPanel panel;
        panel.show();
        choose(child<QComboBox>(panel, "scheduleCombo"), schedule);
        for (const char* name : {"stepSizeSpin", "milestonesEdit", "gammaSpin", "minLearningRateSpin"}) {
            QWidget* field = child<QWidget>(panel, name);
            const bool expected = shown.contains(QString::fromLatin1(name));
            QCOMPARE(field->isVisible(), expected);
            QCOMPARE(labelOf(panel, field)->isVisible(), expected);
        }
        QVERIFY(child<QWidget>(panel, "warmupSpin")->isVisible()); // every schedule warms up
        QCOMPARE(panel.recipe().schedule, schedule.toStdString());
    }

    void scheduleFieldsEndUpInTheRecipe()
    {
        TrainPanel panel;
        panel.show();
        type(child<QSpinBox>(panel, "epochsSpin"), QStringLiteral("12"));
        choose(child<QComboBox>(panel, "scheduleCombo"), QStringLiteral("step"));
        type(child<QSpinBox>(panel, "stepSizeSpin"), QStringLiteral("4"));
        type(child<QDoubleSpinBox>(panel, "gammaSpin"), QStringLiteral("0.5"));
        slim::engine::TrainRecipe recipe = panel.recipe();
        QCOMPARE(recipe.schedule, std::string("step"));
        QCOMPARE(recipe.stepSize, std::int64_t{4});
        QCOMPARE(recipe.gamma, 0.5);
        QCOMPARE(recipe.epochs, std::int64_t{12});

        choose(child<QComboBox>(panel, "scheduleCombo"), QStringLiteral("multistep"));
        auto* train = child<QPushButton>(panel, "trainButton");
        QVERIFY(!train->isEnabled()); // no milestones yet: it would run at a constant rate
        auto* milestones = child<QLineEdit>(panel, "milestonesEdit");
        QTest::keyClicks(milestones, QStringLiteral("3, 6, 9"));
        QVERIFY(train->isEnabled());
        recipe = panel.recipe();
        QCOMPARE(recipe.schedule, std::string("multistep"));
        QCOMPARE(recipe.milestones, (std::vector<std::int64_t>{3, 6, 9}));

        milestones->clear();
        QTest::keyClicks(milestones, QStringLiteral("6, 3"));
        QVERIFY(!train->isEnabled());
        QVERIFY2(panel.validationError().contains(QStringLiteral("increasing")), qPrintable(panel.validationError()));
        QVERIFY(child<QLabel>(panel, "trainSummary")->text().contains(QStringLiteral("increasing")));
        milestones->clear();
        QTest::keyClicks(milestones, QStringLiteral("3, 30"));
        QVERIFY2(panel.validationError().contains(QStringLiteral("30")), qPrintable(panel.validationError())); // after the last epoch
        QVERIFY(!train->isEnabled());

        choose(child<QComboBox>(panel, "scheduleCombo"), QStringLiteral("cosine"));
        QVERIFY(train->isEnabled()); // the milestones do not matter to cosine
        type(child<QDoubleSpinBox>(panel, "minLearningRateSpin"), QStringLiteral("0.001"));
        QCOMPARE(panel.recipe().minLearningRate, 0.001);
    }

    void parsesMilestones_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint64>>("epochs");
        QTest::addColumn<bool>("valid");
        QTest::newRow("commas") << QStringLiteral("30, 60, 90") << QList<qint64>{30, 60, 90} << true;
        QTest::newRow("spaces") << QStringLiteral(" 30 60 ") << QList<qint64>{30, 60} << true;
        QTest::newRow("full-width comma") << QStringLiteral("30，60") << QList<qint64>{30, 60} << true;
        QTest::newRow("empty") << QString() << QList<qint64>{} << true;
        QTest::newRow("decreasing") << QStringLiteral("60, 30") << QList<qint64>{60} << false;
        QTest::newRow("repeated") << QStringLiteral("30, 30") << QList<qint64>{30} << false;
        QTest::newRow("zero") << QStringLiteral("0, 30") << QList<qint64>{} << false;
        QTest::newRow("word") << QStringLiteral("30, sixty") << QList<qint64>{30} << false;
    }

    void parsesMilestones()
    {
        QFETCH(QString, text);
        QFETCH(QList<qint64>, epochs);
        QFETCH(bool, valid);
        QString error;
        const std::vector<std::int64_t> parsed = parseMilestones(text, &error);
        QCOMPARE(QList<qint64>(parsed.begin(), parsed.end()), epochs);
        QCOMPARE(error.isEmpty(), valid);
    }

    /// Switching the optimizer (or fine-tune and scratch) follows a learning rate the user left
    /// at its default, and keeps one the user typed.
    void defaultLearningRateFollowsTheChoice()
    {
        TrainPanel panel;
        panel.show();
        auto* rate = child<QDoubleSpinBox>(panel, "learningRateSpin");
        auto* optimizer = child<QComboBox>(panel, "optimizerCombo");
        auto* warmup = child<QSpinBox>(panel, "warmupSpin");
        QCOMPARE(rate->value(), 0.01); // SGD, fine-tuning
        QCOMPARE(warmup->value(), 0);
        choose(optimizer, QStringLiteral("adam"));
        QCOMPARE(rate->value(), 0.0001);
        QTest::mouseClick(child<QRadioButton>(panel, "scratchRadio"), Qt::LeftButton);
        QCOMPARE(rate->value(), 0.001); // Adam from scratch
        QCOMPARE(warmup->value(), 1);
        choose(optimizer, QStringLiteral("sgd"));
        QCOMPARE(rate->value(), 0.1);
        choose(optimizer, QStringLiteral("adamw"));
        QCOMPARE(rate->value(), 0.001);

        type(rate, QStringLiteral("0.005"));
        QCOMPARE(rate->value(), 0.005);
        choose(optimizer, QStringLiteral("sgd"));
        QCOMPARE(rate->value(), 0.005); // the user's choice stays
        QTest::mouseClick(child<QRadioButton>(panel, "fineTuneRadio"), Qt::LeftButton);
        QCOMPARE(rate->value(), 0.005);
        QCOMPARE(warmup->value(), 0); // unedited, so it follows
        QCOMPARE(panel.recipe().learningRate, 0.005);
        QCOMPARE(panel.recipe().optimizer, std::string("sgd"));
    }

    void startChoiceEndsUpInTheRecipe()
    {
        TrainPanel panel;
        panel.show();
        auto* summary = child<QLabel>(panel, "trainSummary");
        QCOMPARE(panel.recipe().modelInit, std::string("keep"));
        QVERIFY2(summary->text().contains(QStringLiteral("fine-tunes")), qPrintable(summary->text()));
        QTest::mouseClick(child<QRadioButton>(panel, "scratchRadio"), Qt::LeftButton);
        QCOMPARE(panel.recipe().modelInit, std::string("scratch"));
        QVERIFY2(summary->text().contains(QStringLiteral("from scratch")), qPrintable(summary->text()));
        QVERIFY(summary->text().contains(QStringLiteral("0.1")));
        QTest::mouseClick(child<QRadioButton>(panel, "fineTuneRadio"), Qt::LeftButton);
        QCOMPARE(panel.recipe().modelInit, std::string("keep"));

        QSignalSpy requested(&panel, &TrainPanel::trainRequested);
        QTest::mouseClick(child<QPushButton>(panel, "trainButton"), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().value<slim::engine::TrainRecipe>().modelInit, std::string("keep"));
    }

    /// Save Recipe names the model Train would run, so slimbench-cli train reproduces it.
    void savedRecipeNamesTheOpenModel()
    {
        TrainPanel panel;
        const QString model = m_dir.filePath(QStringLiteral("lenet.slim"));
        panel.setModelReference(model, QString(), 0);
        const QString path = m_dir.filePath(QStringLiteral("file.json"));
        QString error;
        QVERIFY2(panel.saveRecipeTo(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY2(json.contains("\"file\": \"lenet.slim\""), json.constData()); // beside the recipe: relative
        QVERIFY2(json.contains("\"output\": \"file-trained.slim\""), json.constData());
        slim::engine::TrainRecipe saved = slim::engine::loadTrainRecipe(path.toStdString());
        QCOMPARE(QString::fromStdString(saved.modelFile), model);
        QCOMPARE(QString::fromStdString(saved.output), m_dir.filePath(QStringLiteral("file-trained.slim")));
        QVERIFY(saved.metrics.empty());

        panel.setModelReference(QString(), QStringLiteral("resnet20"), 7);
        QVERIFY(panel.saveRecipeTo(path, &error));
        saved = slim::engine::loadTrainRecipe(path.toStdString());
        QVERIFY(saved.modelFile.empty());
        QCOMPARE(saved.modelZoo, std::string("resnet20"));
        QCOMPARE(saved.modelSeed, std::int64_t{7});

        panel.setModelReference(QString(), QString(), 0); // unsaved, not a zoo build
        const QString refused = m_dir.filePath(QStringLiteral("refused.json"));
        QVERIFY(!panel.saveRecipeTo(refused, &error));
        QVERIFY2(error.contains(QStringLiteral("Save the model first")), qPrintable(error));
        QVERIFY(!QFile::exists(refused));
    }

    /// Save, then Open in a fresh panel: model, output and metrics survive with the settings.
    void recipeRoundTrip()
    {
        const QString model = m_dir.filePath(QStringLiteral("models/vgg.slim"));
        const QString output = m_dir.filePath(QStringLiteral("out/vgg-tuned.slim"));
        const QString metrics = m_dir.filePath(QStringLiteral("out/vgg-tuned.csv"));
        const QString path = m_dir.filePath(QStringLiteral("roundtrip.json"));
        slim::engine::TrainRecipe before;
        {
            TrainPanel panel;
            panel.show();
            panel.setModelReference(model, QString(), 0);
            choose(child<QComboBox>(panel, "optimizerCombo"), QStringLiteral("adamw"));
            choose(child<QComboBox>(panel, "scheduleCombo"), QStringLiteral("multistep"));
            QTest::keyClicks(child<QLineEdit>(panel, "milestonesEdit"), QStringLiteral("2, 4"));
            type(child<QDoubleSpinBox>(panel, "gammaSpin"), QStringLiteral("0.2"));
            type(child<QSpinBox>(panel, "batchSpin"), QStringLiteral("64"));
            QTest::keyClicks(child<QLineEdit>(panel, "outputEdit"), output);
            QTest::keyClicks(child<QLineEdit>(panel, "metricsEdit"), metrics);
            before = panel.recipe();
            QString error;
            QVERIFY2(panel.saveRecipeTo(path, &error), qPrintable(error));
        }
        TrainPanel reopened;
        reopened.show();
        QString error;
        QVERIFY2(reopened.openRecipeFrom(path, &error), qPrintable(error));
        const slim::engine::TrainRecipe after = reopened.recipe();
        QCOMPARE(QString::fromStdString(after.modelFile), model);
        QCOMPARE(QString::fromStdString(after.output), output);
        QCOMPARE(QString::fromStdString(after.metrics), metrics);
        QCOMPARE(child<QLineEdit>(reopened, "outputEdit")->text(), QDir::toNativeSeparators(output));
        QCOMPARE(after.optimizer, std::string("adamw"));
        QCOMPARE(after.learningRate, before.learningRate);
        QCOMPARE(after.schedule, std::string("multistep"));
        QCOMPARE(after.milestones, (std::vector<std::int64_t>{2, 4}));
        QCOMPARE(after.gamma, 0.2);
        QCOMPARE(after.batchSize, std::int64_t{64});
        QCOMPARE(after.dataset, before.dataset);
        auto* modelName = child<QLabel>(reopened, "modelReferenceLabel");
        QVERIFY2(modelName->text().contains(QStringLiteral("vgg.slim")), qPrintable(modelName->text()));

        // With another model open, Train and Save Recipe use it, and the panel says so.
        auto* note = child<QLabel>(reopened, "recipeModelNote");
        QVERIFY(!note->isVisible());
        reopened.setModelReference(QString(), QStringLiteral("resnet20"), 3);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("vgg.slim")), qPrintable(note->text()));
        QVERIFY(reopened.recipe().modelFile.empty());
        QCOMPARE(reopened.recipe().modelZoo, std::string("resnet20"));
        QCOMPARE(QString::fromStdString(reopened.recipe().output), output); // kept

        // A broken recipe changes nothing.
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"kind": "train", "optimizer": {"name": "rmsprop"}})");
        file.close();
        QVERIFY(!reopened.openRecipeFrom(broken, &error));
        QVERIFY2(error.contains(QStringLiteral("optimizer.name")), qPrintable(error));
        QCOMPARE(reopened.recipe().optimizer, std::string("adamw"));
    }

    /// Relative output paths never land in the working directory.
    void relativeOutputGoesToTheStartDirectory()
    {
        settings::lastDirectory().setValue(m_dir.path());
        TrainPanel panel;
        QTest::keyClicks(panel.findChild<QLineEdit*>(QStringLiteral("outputEdit")), QStringLiteral("tuned.slim"));
        QCOMPARE(QString::fromStdString(panel.recipe().output), m_dir.filePath(QStringLiteral("tuned.slim")));
        settings::lastDirectory().setValue(QString());
    }

    /// The wheel over a field the user did not click into scrolls, it does not edit.
    void wheelDoesNotChangeUnfocusedFields()
    {
        TrainPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* rate = child<QDoubleSpinBox>(panel, "learningRateSpin");
        const double before = rate->value();
        auto wheel = [rate] {
            const QPointF centre(rate->width() / 2.0, rate->height() / 2.0);
            QWheelEvent event(centre, rate->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                              Qt::NoScrollPhase, false);
            QApplication::sendEvent(rate, &event);
        };
        wheel();
        QCOMPARE(rate->value(), before);
        rate->setFocus();
        QTRY_VERIFY(rate->hasFocus());
        wheel();
        QVERIFY(rate->value() != before); // clicked into, it takes the wheel as usual
    }
};

QTEST_MAIN(TestTrainPanel)
#include "tst_trainpanel.moc"
