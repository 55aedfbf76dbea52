// Run › Prune: the dialog's settings, and the job that replaces the open model as one
// undoable step, reports top-1 before and after, and never lands on another model.
#include <QtTest/QtTest>

#include "document.h"
#include "jobrunner.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "model.h"
#include "prunedialog.h"
#include "quantizedialog.h"
#include "quantizer.h"
#include "quant/quantize.h"
#include "trainpanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>

using namespace slim::app;

namespace {
constexpr char kFashionMnist[] = "/usr/share/datasets/fashion-mnist";
}

class TestPruneDialog : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;

    static QString logText(MainWindow& window)
    {
        return window.findChild<QPlainTextEdit*>(QStringLiteral("logView"))->toPlainText();
    }

    static void openBaseline(MainWindow& window)
    {
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.findChild<QMenu*>(QStringLiteral("baselineMenu"))->actions().first()->trigger();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.document()->model().name(), std::string("lenet5-fashion-mnist"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_prunedialog"));
        QSettings().clear();
        m_languages = new LanguageManager(this);
        m_languages->apply(QStringLiteral("en"));
    }

    void defaultsAndFields()
    {
        PruneDialog dialog;
        auto* method = dialog.findChild<QComboBox*>(QStringLiteral("methodCombo"));
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        auto* amount = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("amountSpin"));
        auto* scope = dialog.findChild<QComboBox*>(QStringLiteral("scopeCombo"));
        auto* dataset = dialog.findChild<QLineEdit*>(QStringLiteral("datasetEdit"));
        auto* recalibrate = dialog.findChild<QCheckBox*>(QStringLiteral("recalibrateCheck"));
        auto* batches = dialog.findChild<QSpinBox*>(QStringLiteral("batchesSpin"));
        QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(method && target && amount && scope && dataset && recalibrate && batches && ok);

        slim::engine::PruneRequest request = dialog.request();
        QCOMPARE(request.method, std::string("l1"));
        QCOMPARE(request.target, slim::engine::PruneTarget::Ratio);
        QCOMPARE(request.amount, 0.5);
        QVERIFY(!request.global);
        QCOMPARE(request.roundTo, 1);
        QVERIFY(request.dataset.empty());
        QCOMPARE(request.recalibrateBatches, std::int64_t{0});
        QVERIFY(!recalibrate->isEnabled()); // no data set to recalibrate on
        QCOMPARE(method->count(), static_cast<int>(slim::engine::pruneMethods().size()));
        QVERIFY(ok->isEnabled());

        // The slider stops short of removing everything.
        amount->setValue(100);
        QCOMPARE(amount->value(), 95.0);

        // Taylor needs data: the button stays off and the hint says why, until a data set is given.
        method->setCurrentIndex(method->findData(QStringLiteral("taylor")));
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("pruneHint"))->text().contains(QStringLiteral("choose a data set")));
        dataset->setText(QString::fromLatin1(kFashionMnist));
        QVERIFY(ok->isEnabled());
        QVERIFY(recalibrate->isEnabled());
        recalibrate->setChecked(true);
        batches->setValue(7);
        request = dialog.request();
        QCOMPARE(request.method, std::string("taylor"));
        QCOMPARE(request.dataset, std::string(kFashionMnist));
        QCOMPARE(request.recalibrateBatches, std::int64_t{7});

        // A MACs budget keeps a share, ranks globally, and starts from keeping half.
        target->setCurrentIndex(target->findData(static_cast<int>(slim::engine::PruneTarget::Macs)));
        QVERIFY(!scope->isEnabled());
        amount->setValue(40);
        request = dialog.request();
        QCOMPARE(request.target, slim::engine::PruneTarget::Macs);
        QCOMPARE(request.amount, 0.4);

        // Magnitude masks take a share of the weights: the target is a ratio and cannot change.
        method->setCurrentIndex(method->findData(QStringLiteral("magnitude")));
        QVERIFY(!target->isEnabled());
        QCOMPARE(dialog.request().target, slim::engine::PruneTarget::Ratio);
        method->setCurrentIndex(method->findData(QStringLiteral("taylor")));
        QVERIFY(target->isEnabled());
        target->setCurrentIndex(target->findData(static_cast<int>(slim::engine::PruneTarget::Macs)));
        amount->setValue(40);

        // setRequest() shows a request as it was made.
        PruneDialog again;
        again.setRequest(request);
        const slim::engine::PruneRequest shown = again.request();
        QCOMPARE(shown.method, request.method);
        QCOMPARE(shown.target, request.target);
        QCOMPARE(shown.amount, request.amount);
        QCOMPARE(shown.dataset, request.dataset);
        QCOMPARE(shown.recalibrateBatches, request.recalibrateBatches);
    }

    /// The pruned model replaces the open one as one undoable step, with the cost the engine
    /// computes for the same request; Undo gives the original back.
    void prunesAsOneUndoableStep()
    {
        MainWindow window(m_languages);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.newFromZoo({"resnet20", 3, 16, 16, 10, 0});
        QVERIFY(loaded.wait(20000));
        const slim::engine::Model original = window.document()->model();
        slim::engine::PruneRequest request;
        request.method = "l2";
        request.amount = 0.5;
        request.roundTo = 4;
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startPruning(request);
        QVERIFY(job > 0);
        QVERIFY(finished.wait(60000));
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Finished);
        QCOMPARE(window.document()->undoStack()->count(), 1);
        QVERIFY(window.document()->isModified());
        const slim::engine::PruneResult expected = slim::engine::runPruneJob(original, request);
        QCOMPARE(window.document()->model().cost().params, expected.paramsAfter);
        QCOMPARE(window.document()->model().cost().macs, expected.macsAfter);
        QVERIFY(expected.paramsAfter < original.cost().params);
        QVERIFY2(logText(window).contains(QStringLiteral("Pruned: parameters")), qPrintable(logText(window)));
        window.document()->undoStack()->undo();
        QCOMPARE(window.document()->model().sharedGraph(), original.sharedGraph());
    }

    /// With a data set the Log reports top-1 before and right after pruning; the trained
    /// baseline scores well before it. A model with no BatchNorm has nothing to recalibrate.
    void reportsTop1WithData()
    {
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = 0.3;
        request.dataset = kFashionMnist;
        request.recalibrateBatches = 5;
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startPruning(request);
        QVERIFY(finished.wait(120000));
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Finished);
        const QString log = logText(window);
        const QRegularExpression top1(QStringLiteral("Top-1: (0\\.\\d{4}) before pruning, (0\\.\\d{4}) right after it"));
        const QRegularExpressionMatch match = top1.match(log);
        QVERIFY2(match.hasMatch(), qPrintable(log));
        QVERIFY(match.captured(1).toDouble() > 0.8);
        QVERIFY(log.contains(QStringLiteral("Nothing to recalibrate: the model has no BatchNorm.")));
    }

    /// Run › Quantize and Distill: each mode gives what it says — a PTQ request on the Train
    /// panel's data, a QAT stage with the 16 → 8 → N schedule and the open model as teacher,
    /// a distillation stage from a teacher file with a feature tap — and refuses what cannot run.
    void quantizeDialogModes()
    {
        slim::engine::TrainRecipe training;
        training.dataset = kFashionMnist;
        training.learningRate = 0.1;
        QTemporaryDir dir;
        const QString teacher = dir.filePath(QStringLiteral("teacher.slim"));
        QuantizeDialog dialog(training, {QStringLiteral("conv1"), QStringLiteral("layer3.2.relu2")}, QString());
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        dialog.setMode(QuantizeDialog::Mode::PostTraining);
        dialog.findChild<QSpinBox*>(QStringLiteral("quantWeightBits"))->setValue(4);
        dialog.findChild<QComboBox*>(QStringLiteral("quantObserver"))->setCurrentText(QStringLiteral("mse"));
        QVERIFY(ok->isEnabled());
        const slim::engine::QuantizeRequest request = dialog.quantizeRequest();
        QCOMPARE(request.settings.weightBits, 4);
        QCOMPARE(request.settings.activationBits, 8);
        QCOMPARE(request.settings.observer, slim::engine::quant::ObserverKind::Mse);
        QCOMPARE(request.calibration, std::string(kFashionMnist));

        dialog.setMode(QuantizeDialog::Mode::QuantizationAware);
        dialog.findChild<QSpinBox*>(QStringLiteral("quantActivationBits"))->setValue(4);
        dialog.findChild<QSpinBox*>(QStringLiteral("quantEpochs"))->setValue(6);
        dialog.findChild<QCheckBox*>(QStringLiteral("quantStepwise"))->setChecked(true);
        dialog.findChild<QCheckBox*>(QStringLiteral("quantTeacherGuided"))->setChecked(true);
        slim::engine::CompressionRecipe recipe = dialog.recipe();
        QCOMPARE(recipe.stages.size(), std::size_t{1});
        const slim::engine::TrainRecipe& qat = recipe.stages[0].finetune;
        QVERIFY(qat.qat.enabled);
        QCOMPARE(qat.epochs, std::int64_t{6});
        QCOMPARE(qat.qat.bitsSchedule, (std::vector<std::pair<std::int64_t, int>>{{0, 16}, {2, 8}, {4, 4}}));
        QCOMPARE(qat.distill.teacher, std::string("baseline"));
        QVERIFY(std::abs(qat.learningRate - 0.001) < 1e-12); // a hundredth of the Train panel's
        // what Save Recipe writes runs as it was built
        const slim::engine::CompressionRecipe reread =
            slim::engine::parseCompressionRecipe(slim::engine::compressionRecipeToJson(recipe), "");
        QCOMPARE(reread.stages[0].finetune.qat.bitsSchedule, qat.qat.bitsSchedule);
        QCOMPARE(reread.stages[0].finetune.qat.activationBits, 4);
        QCOMPARE(reread.stages[0].finetune.distill.teacher, std::string("baseline"));

        dialog.setMode(QuantizeDialog::Mode::Distillation);
        QVERIFY(!ok->isEnabled()); // no teacher yet
        QVERIFY(dialog.problem().contains(QStringLiteral("teacher")));
        dialog.findChild<QLineEdit*>(QStringLiteral("distillTeacher"))->setText(teacher);
        QVERIFY(!ok->isEnabled()); // the file does not exist
        slim::engine::Model::fromZoo({"resnet20", 1, 28, 28, 10, 0}).save(teacher.toStdString());
        dialog.findChild<QLineEdit*>(QStringLiteral("distillTeacher"))->clear(); // as Browse… does: the field changes
        dialog.findChild<QLineEdit*>(QStringLiteral("distillTeacher"))->setText(teacher);
        QVERIFY(ok->isEnabled());
        dialog.findChild<QDoubleSpinBox*>(QStringLiteral("distillFeatureWeight"))->setValue(1);
        QVERIFY(!ok->isEnabled()); // a feature weight without a layer
        dialog.findChild<QComboBox*>(QStringLiteral("distillTap"))->setCurrentIndex(2);
        QVERIFY(ok->isEnabled());
        recipe = dialog.recipe();
        const slim::engine::DistillRecipe& distill = recipe.stages[0].finetune.distill;
        QCOMPARE(distill.teacher, teacher.toStdString());
        QCOMPARE(distill.taps, (std::vector<std::pair<std::string, std::string>>{{"layer3.2.relu2", "layer3.2.relu2"}}));
        QVERIFY(!recipe.stages[0].finetune.qat.enabled);
        for (QLabel* label : dialog.findChildren<QLabel*>()) {
            if (label->text().contains(QLatin1Char('&')))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
        dialog.accept();
        QuantizeDialog again(training, {QStringLiteral("conv1"), QStringLiteral("layer3.2.relu2")}, QString());
        QCOMPARE(again.mode(), QuantizeDialog::Mode::Distillation); // remembered
        QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("quantWeightBits"))->value(), 4);
    }

    /// Post-training quantization replaces the open model as one undoable step, logs size and
    /// top-1, and shows the per-layer error chart.
    void quantizesAsOneUndoableStep()
    {
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        const slim::engine::Model original = window.document()->model();
        slim::engine::QuantizeRequest request;
        request.calibration = kFashionMnist;
        request.calibrationBatches = 2;
        request.batchSize = 32;
        request.dataset = kFashionMnist;
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startQuantization(request);
        QVERIFY(job > 0);
        QVERIFY(finished.wait(120000));
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Finished);
        QVERIFY(slim::engine::quant::isQuantized(window.document()->model().graph()));
        QCOMPARE(window.document()->undoStack()->count(), 1);
        const QString log = logText(window);
        const QRegularExpression top1(QStringLiteral("Top-1: (\\d+\\.\\d{2}) % in float, (\\d+\\.\\d{2}) % quantized"));
        const QRegularExpressionMatch match = top1.match(log);
        QVERIFY2(match.hasMatch(), qPrintable(log));
        QVERIFY(match.captured(1).toDouble() > 80); // percent, as the points beside them
        QVERIFY(std::abs(match.captured(1).toDouble() - match.captured(2).toDouble()) < 1);
        QVERIFY(log.contains(QStringLiteral("Size at these bits")));
        QVERIFY(window.quantizer()->resultWindow());
        auto* chart = window.quantizer()->resultWindow()->findChild<QWidget*>(QStringLiteral("quantErrorView"));
        QVERIFY(chart);
        window.document()->undoStack()->undo();
        QCOMPARE(window.document()->model().sharedGraph(), original.sharedGraph());
    }

    /// A prune that finishes after the user opened another model leaves that model alone and
    /// offers the result instead.
    void resultNeverLandsOnAnotherModel()
    {
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = 0.3;
        request.dataset = kFashionMnist;
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startPruning(request);
        QVERIFY(job > 0);
        // Another model opens before the event loop runs again: results are applied only from
        // the event loop, so this surely comes first.
        window.document()->reset(slim::engine::Model::fromZoo({"resnet20", 3, 32, 32, 10, 0}), QString());
        const auto resnet = window.document()->model().sharedGraph();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Finished);
        QCOMPARE(window.document()->model().sharedGraph(), resnet);
        QCOMPARE(window.document()->undoStack()->count(), 0);
        QTRY_VERIFY(window.findChild<QMessageBox*>(QStringLiteral("orphanedResultBox")) != nullptr);
    }

    /// The first Run › Prune starts from the dialog's defaults (half the channels) with the
    /// Train panel's data set and recalibration on; later ones from the last request.
    void dialogStartsFromDefaultsThenTheLastRequest()
    {
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        slim::engine::TrainRecipe recipe;
        recipe.dataset = kFashionMnist;
        window.findChild<TrainPanel*>()->setRecipe(recipe);
        slim::engine::PruneRequest shown;
        bool seen = false;
        const auto readAndCancel = [&] {
            auto* dialog = qobject_cast<PruneDialog*>(QApplication::activeModalWidget());
            if (dialog) {
                shown = dialog->request();
                seen = true;
                dialog->reject();
            }
        };
        QSignalSpy added(window.jobRunner(), &JobRunner::jobAdded);
        QTimer::singleShot(0, this, readAndCancel);
        window.findChild<QAction*>(QStringLiteral("pruneAction"))->trigger();
        QVERIFY(seen);
        QCOMPARE(shown.amount, 0.5);
        QCOMPARE(shown.method, std::string("l1"));
        QCOMPARE(shown.dataset, std::string(kFashionMnist));
        QVERIFY(shown.recalibrateBatches > 0);
        QCOMPARE(added.size(), 0); // cancelled: nothing runs

        slim::engine::PruneRequest last;
        last.method = "fpgm";
        last.amount = 0.3;
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        window.startPruning(last);
        QVERIFY(finished.wait(60000));
        seen = false;
        QTimer::singleShot(0, this, readAndCancel);
        window.findChild<QAction*>(QStringLiteral("pruneAction"))->trigger();
        QVERIFY(seen);
        QCOMPARE(shown.method, std::string("fpgm"));
        QCOMPARE(shown.amount, 0.3);
        QVERIFY(shown.dataset.empty());

        // Ctrl+Z undoes the prune even while the layer filter (which has nothing to undo) has the focus.
        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("layerFilter"));
        QVERIFY(filter);
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        filter->setFocus();
        QTRY_VERIFY(filter->hasFocus());
        QCOMPARE(window.document()->undoStack()->index(), 1);
        QTest::keyClick(filter, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(window.document()->undoStack()->index(), 0);
    }

    /// Cancel stops a prune; the model stays as it was.
    void cancelLeavesTheModel()
    {
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        const auto before = window.document()->model().sharedGraph();
        slim::engine::PruneRequest request;
        request.method = "taylor";
        request.amount = 0.3;
        request.dataset = kFashionMnist;
        request.taylorBatches = 500;
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startPruning(request);
        window.jobRunner()->cancel(job);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Cancelled);
        QCOMPARE(window.document()->model().sharedGraph(), before);
        QCOMPARE(window.document()->undoStack()->count(), 0);
    }

    /// A request the engine refuses fails the job with its message; the model stays.
    void refusalLeavesTheModel()
    {
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        const auto before = window.document()->model().sharedGraph();
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = 0.3;
        request.protectedNodes = {"conv1", "conv2", "fc1", "fc2"};
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startPruning(request);
        QVERIFY(finished.wait(60000));
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Failed);
        QVERIFY2(window.jobRunner()->job(job).message.contains(QStringLiteral("can be pruned")),
                 qPrintable(window.jobRunner()->job(job).message));
        QCOMPARE(window.document()->model().sharedGraph(), before);
        QCOMPARE(window.document()->undoStack()->count(), 0);
        if (auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorBox")))
            box->close();
    }
};

QTEST_MAIN(TestPruneDialog)
#include "tst_prunedialog.moc"
