#include <QtTest/QtTest>

#include "costchart.h"
#include "document.h"
#include "exportdialog.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "cosineview.h"
#include "jobrunner.h"
#include "jobs/prunejob.h"
#include "latencypanel.h"
#include "rknnexport.h"
#include "rknnexportdialog.h"
#include "newmodeldialog.h"
#include "replacemodelcommand.h"
#include "trainpanel.h"
#include "settings.h"
#include "model.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QAbstractButton>
#include <QSpinBox>
#include <QTableView>

using namespace slim::app;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;
    QTemporaryDir m_dir;

    static QAbstractItemModel* table(MainWindow& window)
    {
        return window.findChild<QTableView*>(QStringLiteral("layerTable"))->model();
    }
    static QString totals(MainWindow& window)
    {
        return window.findChild<QLabel*>(QStringLiteral("layerTotals"))->text();
    }

    /// Answers the next "Unsaved Changes" question with `button`, as a user clicking it.
    static void answerUnsavedChanges(QMessageBox::StandardButton button)
    {
        auto* poll = new QTimer;
        QObject::connect(poll, &QTimer::timeout, poll, [poll, button] {
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                auto* box = qobject_cast<QMessageBox*>(widget);
                if (box && box->objectName() == QLatin1String("unsavedChangesBox") && box->isVisible()) {
                    QTest::mouseClick(box->button(button), Qt::LeftButton);
                    poll->deleteLater();
                    return;
                }
            }
        });
        poll->start(20);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        m_languages = new LanguageManager(this);
        m_languages->apply(QStringLiteral("en"));
        QVERIFY(m_dir.isValid());
    }

    void showsResNet56FromZoo()
    {
        MainWindow window(m_languages);
        window.show();
        window.newFromZoo({"resnet56", 3, 32, 32, 10, 0});
        QVERIFY(window.isBusy()); // built on a worker thread, not here
        QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 199, 20000);
        QVERIFY(!window.isBusy());
        const QString text = totals(window);
        QVERIFY2(text.contains(QStringLiteral("855,770 parameters")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("125,747,840 MACs")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("199 layers")), qPrintable(text));
        // 55 convolutions in the blocks, the stem, 2 projection shortcuts and the classifier.
        QCOMPARE(window.findChild<slim::widgets::CostChart*>(QStringLiteral("costChart"))->layerCount(), 58);
        QVERIFY(window.windowTitle().contains(QStringLiteral("resnet56")));
        // The first row is the stem convolution with its cost.
        QAbstractItemModel* model = table(window);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("conv1"));
        QCOMPARE(model->index(0, 2).data().toString(), QStringLiteral("16×32×32"));
        QCOMPARE(model->index(0, 4).data().toString(), QStringLiteral("442,368"));
    }

    void opensTheBundledBaseline()
    {
        // What the workbench opens on by default: ResNet-20 trained on Fashion-MNIST.
        MainWindow window(m_languages);
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.openBundled(QStringLiteral(":/slimbench/baselines/resnet20-fashion-mnist.slim"));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(table(window)->rowCount(), 73);
        QVERIFY(window.document()->filePath().isEmpty()); // an unsaved copy, not the resource
        QVERIFY(!window.document()->isModified());
        QVERIFY(window.document()->model().metadata().count("trained.top1"));
        const QString overview = window.findChild<QLabel*>(QStringLiteral("overviewBody"))->text();
        QVERIFY2(overview.contains(QStringLiteral("trained, top-1 0.94")), qPrintable(overview));
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        window.openBundled(QStringLiteral(":/slimbench/baselines/missing.slim"));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("missing")));
        QCOMPARE(table(window)->rowCount(), 73);
    }

    void filterAndSortTheTable()
    {
        MainWindow window(m_languages);
        window.newFromZoo({"resnet20", 1, 28, 28, 10, 0});
        QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 73, 20000);
        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("layerFilter"));
        QTest::keyClicks(filter, QStringLiteral("downsample"));
        QCOMPARE(table(window)->rowCount(), 4); // two shortcuts, conv + bn each
        filter->clear();
        auto* view = window.findChild<QTableView*>(QStringLiteral("layerTable"));
        view->sortByColumn(4, Qt::DescendingOrder); // MACs, numerically
        const qlonglong first = table(window)->index(0, 4).data(Qt::UserRole).toLongLong();
        const qlonglong second = table(window)->index(1, 4).data(Qt::UserRole).toLongLong();
        QVERIFY(first >= second);
        QCOMPARE(first, 1806336LL); // the 3×3 convs of stage 1 on 28×28 (16·16·9·28·28)
    }

    void saveAndReopen()
    {
        const QString path = m_dir.filePath(QStringLiteral("lenet.slim"));
        {
            MainWindow window(m_languages);
            window.newFromZoo({"lenet5", 1, 28, 28, 10, 0});
            QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 12, 20000);
            QSignalSpy saved(&window, &MainWindow::saved);
            window.saveToFile(path);
            QVERIFY(saved.wait(20000));
            QCOMPARE(window.document()->filePath(), path);
            QVERIFY(QFile::exists(path));
        }
        MainWindow window(m_languages);
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.openFile(path);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(table(window)->rowCount(), 12);
        QVERIFY(totals(window).contains(QStringLiteral("61,706 parameters")));
        QVERIFY(window.windowTitle().contains(QStringLiteral("lenet.slim")));
        QCOMPARE(settings::recentFiles().value().value(0), path);
    }

    void closeWaitsForTheSaveAndStaysWhenItFails()
    {
        const QString folder = m_dir.filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/lenet.slim");
        slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 0}).save(path.toStdString());
        MainWindow window(m_languages);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.openFile(path);
        QVERIFY(loaded.wait(20000));
        // An edit (any undoable change of the model).
        const slim::engine::Model edited = slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 5});
        window.document()->undoStack()->push(new ReplaceModelCommand(window.document(), edited, QStringLiteral("edit")));
        QVERIFY(window.document()->isModified());

        // The folder becomes a plain file: the save cannot succeed, even as root.
        QVERIFY(QDir(folder).removeRecursively());
        { QFile blocker(folder); QVERIFY(blocker.open(QIODevice::WriteOnly)); }
        answerUnsavedChanges(QMessageBox::Save);
        QVERIFY(!window.close());
        QMessageBox* error = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((error = window.findChild<QMessageBox*>(QStringLiteral("errorBox"))) != nullptr, 20000);
        QVERIFY2(error->text().contains(QStringLiteral("lenet.slim")), qPrintable(error->text()));
        QTest::qWait(200);
        QVERIFY(window.isVisible()); // stayed put
        QVERIFY(window.document()->isModified());
        QCOMPARE(window.document()->model().sharedGraph(), edited.sharedGraph());

        // Writable again: Save, and the window closes only once the file is on disk.
        QVERIFY(QFile::remove(folder));
        QVERIFY(QDir().mkpath(folder));
        QSignalSpy saved(&window, &MainWindow::saved);
        answerUnsavedChanges(QMessageBox::Save);
        window.close();
        QVERIFY(window.isVisible() || saved.size() == 1); // it never closes before the save
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 20000);
        QCOMPARE(saved.size(), 1);
        const slim::engine::Model reread = slim::engine::Model::load(path.toStdString());
        // What was saved is the edited model: the same outputs to the bit.
        slim::engine::io::NpyArray input{{1, 1, 28, 28}, std::vector<float>(28 * 28)};
        for (std::size_t i = 0; i < input.data.size(); ++i)
            input.data[i] = static_cast<float>(i % 17) / 17.0f;
        QCOMPARE(reread.infer(input).data, edited.infer(input).data);
    }

    void cancelInTheUnsavedQuestionKeepsTheWindow()
    {
        MainWindow window(m_languages);
        window.show();
        window.newFromZoo({"lenet5", 1, 28, 28, 10, 0});
        QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 12, 20000);
        window.document()->undoStack()->push(new ReplaceModelCommand(
            window.document(), slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 2}), QStringLiteral("edit")));
        answerUnsavedChanges(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QTest::qWait(100);
        QVERIFY(window.isVisible());
        QVERIFY(window.document()->isModified());
        answerUnsavedChanges(QMessageBox::Discard);
        window.close();
        QTRY_VERIFY(!window.isVisible());
    }

    void badFileLeavesDocumentUnchanged_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("needle");
        QTest::newRow("png renamed") << QByteArray("\x89PNG\r\n\x1a\n0000000000", 18) << QStringLiteral("not a Slimbench model");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("is empty");
        QTest::newRow("truncated") << QByteArray("SLIMBNCH\x01\x00\x00\x00", 12) << QStringLiteral("incomplete");
    }

    void badFileLeavesDocumentUnchanged()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, needle);
        const QString path = m_dir.filePath(QStringLiteral("bad.slim"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(contents);
        file.close();

        MainWindow window(m_languages);
        window.newFromZoo({"resnet20", 1, 28, 28, 10, 0});
        QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 73, 20000);
        const auto before = window.document()->model().sharedGraph();
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        window.openFile(path);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(needle), qPrintable(failed.first().first().toString()));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("bad.slim")));
        QCOMPARE(window.document()->model().sharedGraph(), before);
        QCOMPARE(table(window)->rowCount(), 73);
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(!box->isModal() || box->windowModality() == Qt::WindowModal);
    }

    /// A TorchScript file opens with the input size given; a state_dict says how to make one.
    void opensTorchScript()
    {
        MainWindow window(m_languages);
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.openFile(QStringLiteral(SLIMBENCH_FIXTURES "/torchscript/c2f_sppf_scripted.pt"), {8, 8, 8});
        QVERIFY(loaded.wait(20000));
        QCOMPARE(table(window)->rowCount(), 34);
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        window.openFile(QStringLiteral(SLIMBENCH_FIXTURES "/torchscript/state_dict.pt"), {3, 12, 12});
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("torch.jit.script(model).save")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(table(window)->rowCount(), 34);
    }

    /// A .pt that is no TorchScript model is refused without first asking for an input size;
    /// a real one asks, then opens.
    void asksForATorchScriptSizeOnlyWhenItIsAModel()
    {
        MainWindow window(m_languages);
        window.show();
        int asked = 0;
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&asked] {
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                auto* dialog = qobject_cast<QDialog*>(widget);
                if (dialog && dialog->objectName() == QLatin1String("inputShapeDialog") && dialog->isVisible()) {
                    ++asked;
                    dialog->reject(); // a real user would cancel: the size is not the problem
                }
            }
        });
        answer.start(20);
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        window.openFile(QStringLiteral(SLIMBENCH_FIXTURES "/torchscript/state_dict.pt"));
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("torch.jit.script(model).save")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(asked, 0);
        window.openFile(QStringLiteral(SLIMBENCH_FIXTURES "/torchscript/residual_traced.pt"));
        QTRY_COMPARE_WITH_TIMEOUT(asked, 1, 20000);
        QVERIFY(window.document()->isEmpty()); // cancelled: nothing opened
    }

    void unknownZooNameListsTheZoo()
    {
        MainWindow window(m_languages);
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        window.openReference(QStringLiteral("resnet2O"));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("resnet2O")) && message.contains(QStringLiteral("resnet20"))
                     && message.contains(QStringLiteral("mobilenetv2")),
                 qPrintable(message));
    }

    /// The docks follow the open model: the Train panel's recipe names it, and a click on a
    /// cost bar selects its layer in the table.
    void docksFollowTheOpenModel()
    {
        const QString path = m_dir.filePath(QStringLiteral("docks.slim"));
        slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 0}).save(path.toStdString());
        MainWindow window(m_languages);
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.openFile(path);
        QVERIFY(loaded.wait(20000));
        auto* panel = window.findChild<TrainPanel*>();
        QCOMPARE(QString::fromStdString(panel->recipe().modelFile), path);
        window.newFromZoo({"resnet20", 1, 28, 28, 10, 4});
        QVERIFY(loaded.wait(20000));
        QVERIFY(panel->recipe().modelFile.empty());
        QCOMPARE(panel->recipe().modelZoo, std::string("resnet20"));
        QCOMPARE(panel->recipe().modelSeed, std::int64_t{4});

        auto* chart = window.findChild<slim::widgets::CostChart*>(QStringLiteral("costChart"));
        auto* tableView = window.findChild<QTableView*>(QStringLiteral("layerTable"));
        Q_EMIT chart->layerClicked(QStringLiteral("layer2.0.conv1"));
        const QModelIndexList selected = tableView->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QStringLiteral("layer2.0.conv1"));
    }

    void sourceFollowsSaveAs()
    {
        MainWindow window(m_languages);
        window.newFromZoo({"lenet5", 1, 28, 28, 10, 0});
        QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 12, 20000);
        auto* body = window.findChild<QLabel*>(QStringLiteral("overviewBody"));
        QVERIFY(body->text().contains(QStringLiteral("not saved yet")));
        QVERIFY2(body->text().contains(QStringLiteral("pixels × 1/255, no normalisation")), qPrintable(body->text()));
        const QString path = m_dir.filePath(QStringLiteral("source.slim"));
        QSignalSpy saved(&window, &MainWindow::saved);
        window.saveToFile(path);
        QVERIFY(saved.wait(20000));
        QVERIFY2(body->text().contains(QDir::toNativeSeparators(path)), qPrintable(body->text()));
    }

    /// An ONNX file with a dynamic input size asks for one, then opens.
    void asksForADynamicOnnxSize()
    {
        MainWindow window(m_languages);
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        bool asked = false;
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&asked] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            if (!dialog || dialog->objectName() != QLatin1String("inputShapeDialog"))
                return;
            asked = true;
            dialog->findChild<QSpinBox*>(QStringLiteral("channelsSpin"))->setValue(8);
            dialog->findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(11);
            dialog->findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(11);
            dialog->accept();
        });
        answer.start(50);
        window.openFile(QStringLiteral(SLIMBENCH_FIXTURES "/onnx/fire_dynamic.onnx"));
        QVERIFY(loaded.wait(20000));
        QVERIFY(asked);
        QCOMPARE(window.document()->model().inputShape(), (std::vector<std::int64_t>{8, 11, 11}));
    }

    /// File › Export for RKNN runs as a job: the bundle, the conversion against the stand-in
    /// toolkit with its output streamed to the log, and the cosine chart of its analysis.
    void rknnExportConvertsAsAJob()
    {
        MainWindow window(m_languages);
        window.newFromZoo({"lenet5", 1, 28, 28, 10, 0});
        QTRY_VERIFY_WITH_TIMEOUT(!window.document()->isEmpty(), 20000);
        RknnExportSettings settings;
        settings.folder = m_dir.filePath(QStringLiteral("lenet-rknn"));
        settings.calibration = QStringLiteral("/usr/share/datasets/fashion-mnist");
        settings.calibrationCount = 4;
        settings.convert = true;
        settings.python = QStringLiteral("/usr/bin/python3");
        qputenv("PYTHONPATH", SLIMBENCH_FIXTURES "/rknn_stub");
        const int job = window.startRknnExport(settings);
        QVERIFY(job > 0);
        QSignalSpy finished(window.rknnExporter(), &RknnExporter::finished);
        QVERIFY2(finished.wait(60000), qPrintable(window.jobRunner()->job(job).message));
        qunsetenv("PYTHONPATH");
        const QString summary = finished.last().at(1).toString();
        QVERIFY2(summary.contains(QStringLiteral("4 calibration images")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("the lowest cosine is 0.99612 at [Gemm] output")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("conv1 (6)")), qPrintable(summary)); // LeNet's widths warned about
        QVERIFY(QFileInfo::exists(settings.folder + QStringLiteral("/model.rknn")));
        auto* chart = window.rknnExporter()->resultWindow()->findChild<slim::widgets::CosineView*>(QStringLiteral("rknnCosineView"));
        QVERIFY(chart);
        QCOMPARE(chart->layerCount(), 5);
        // The toolkit's own lines reached the log while it ran.
        QTRY_VERIFY(window.findChild<QPlainTextEdit*>()->toPlainText().contains(QStringLiteral("stub rknn: build")));
    }

    /// The Cost dock measures latency as a job; once the model changed, it sets the measured
    /// speed-up against the opened version beside the MACs one.
    void latencyBesideTheMacs()
    {
        MainWindow window(m_languages);
        window.newFromZoo({"resnet20", 1, 28, 28, 10, 0});
        QTRY_VERIFY_WITH_TIMEOUT(!window.document()->isEmpty(), 20000);
        auto* panel = window.findChild<LatencyPanel*>(QStringLiteral("latencyPanel"));
        QVERIFY(panel);
        QSignalSpy measured(panel, &LatencyPanel::measured);
        QVERIFY(panel->measure() > 0);
        QVERIFY(measured.wait(60000));
        QVERIFY2(panel->resultText().contains(QStringLiteral("ms per batch of 1")), qPrintable(panel->resultText()));
        QVERIFY(!panel->resultText().contains(QStringLiteral("Against")));

        const slim::engine::Model opened = window.document()->model();
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        const slim::engine::PruneResult pruned = slim::engine::runPruneJob(opened, request);
        window.document()->setModel(pruned.model);
        QVERIFY(panel->resultText().contains(QStringLiteral("Measure how long"))); // the old figure is gone
        QVERIFY(panel->measure() > 0);
        QVERIFY(measured.wait(60000));
        const QString text = panel->resultText();
        const double byMacs = static_cast<double>(opened.cost().macs) / static_cast<double>(pruned.model.cost().macs);
        QVERIFY2(text.contains(QStringLiteral("Against the version opened")), qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(byMacs, 'f', 2) + QStringLiteral("× faster by MACs")), qPrintable(text));
    }

    /// Without the toolkit the job fails before writing anything, and says why.
    void rknnExportWithoutTheToolkitFails()
    {
        MainWindow window(m_languages);
        window.newFromZoo({"lenet5", 1, 28, 28, 10, 0});
        QTRY_VERIFY_WITH_TIMEOUT(!window.document()->isEmpty(), 20000);
        RknnExportSettings settings;
        settings.folder = m_dir.filePath(QStringLiteral("no-toolkit"));
        settings.quantize = false;
        settings.convert = true;
        settings.python = QStringLiteral("/usr/bin/python3");
        qunsetenv("PYTHONPATH");
        const int job = window.startRknnExport(settings);
        QTRY_VERIFY_WITH_TIMEOUT(!window.jobRunner()->isActive(job), 30000);
        const JobStatus status = window.jobRunner()->job(job);
        QCOMPARE(status.state, JobStatus::Failed);
        QVERIFY2(status.message.contains(QStringLiteral("cannot import rknn.api")), qPrintable(status.message));
        QVERIFY(!QFileInfo::exists(settings.folder));
    }

    /// File › Export runs as a job and reports the verification, for both formats.
    void exportsAsAJob()
    {
        MainWindow window(m_languages);
        window.newFromZoo({"resnet20", 1, 28, 28, 10, 0});
        QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 73, 20000);
        QSignalSpy exported(&window, &MainWindow::exported);
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        ExportSettings onnx;
        onnx.format = ExportSettings::Onnx;
        onnx.opset = 12;
        onnx.inputShape = {1, 32, 32}; // another input size than the model's
        onnx.path = m_dir.filePath(QStringLiteral("resnet20.onnx"));
        QVERIFY(window.startExport(onnx) > 0);
        QVERIFY2(exported.wait(60000), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        QString report = exported.last().at(1).toString();
        QVERIFY2(report.contains(QStringLiteral("ONNX checker: passed")) && report.contains(QStringLiteral("within 1e-4")),
                 qPrintable(report));
        QVERIFY(QFileInfo(onnx.path).size() > 1000000);
        QTRY_VERIFY(window.findChild<QMessageBox*>(QStringLiteral("exportResultBox")) != nullptr);

        ExportSettings script = onnx;
        script.format = ExportSettings::TorchScript;
        script.path = m_dir.filePath(QStringLiteral("resnet20.pt"));
        QVERIFY(window.startExport(script) > 0);
        QVERIFY(exported.wait(60000));
        report = exported.last().at(1).toString();
        QVERIFY2(report.contains(QStringLiteral("TorchScript loaded back")) && report.contains(QStringLiteral("within 1e-4")),
                 qPrintable(report));
        QVERIFY(QFile::exists(script.path));
    }

    void exportDialogFollowsFormat()
    {
        ExportDialog dialog(QStringLiteral("resnet20"), {1, 28, 28});
        auto* format = dialog.findChild<QComboBox*>(QStringLiteral("formatCombo"));
        auto* opset = dialog.findChild<QSpinBox*>(QStringLiteral("opsetSpin"));
        QVERIFY(dialog.settings().path.endsWith(QStringLiteral("resnet20.onnx")));
        QCOMPARE(dialog.settings().opset, 13);
        QCOMPARE(dialog.settings().inputShape, (std::vector<std::int64_t>{1, 28, 28}));
        QVERIFY(opset->isEnabled());
        format->setCurrentIndex(1);
        QCOMPARE(dialog.settings().format, ExportSettings::TorchScript);
        QVERIFY(dialog.settings().path.endsWith(QStringLiteral("resnet20.pt")));
        QVERIFY(!opset->isEnabled());
    }

    void dropsModelFiles()
    {
        const QString path = m_dir.filePath(QStringLiteral("dropped.slim"));
        slim::engine::Model::fromZoo({"resnet20", 1, 28, 28, 10, 0}).save(path.toStdString());
        MainWindow window(m_languages);
        window.show();

        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("notes.txt")))});
        QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &refused);
        QVERIFY(!refused.isAccepted());

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.document()->filePath(), path);
        QCOMPARE(table(window)->rowCount(), 73);
    }

    void newModelDialogFollowsModelAndPreset()
    {
        NewModelDialog dialog;
        auto* model = dialog.findChild<QComboBox*>(QStringLiteral("modelCombo"));
        auto* preset = dialog.findChild<QComboBox*>(QStringLiteral("presetCombo"));
        // Default: ResNet-20 for Fashion-MNIST.
        QCOMPARE(dialog.spec().model, std::string("resnet20"));
        QCOMPARE(dialog.spec().channels, std::int64_t{1});
        QCOMPARE(preset->currentIndex(), 0);
        // Choosing an ImageNet model switches to its usual input.
        model->setCurrentIndex(model->findData(QStringLiteral("resnet18")));
        Q_EMIT model->activated(model->currentIndex());
        QCOMPARE(dialog.spec().height, std::int64_t{224});
        QCOMPARE(dialog.spec().classes, std::int64_t{1000});
        QCOMPARE(preset->currentIndex(), 3);
        // A preset sets the fields; editing one makes it "Custom".
        Q_EMIT preset->activated(2);
        QCOMPARE(dialog.spec().classes, std::int64_t{100});
        QCOMPARE(dialog.spec().height, std::int64_t{32});
        dialog.findChild<QSpinBox*>(QStringLiteral("classesSpin"))->setValue(7);
        QCOMPARE(preset->currentIndex(), preset->count() - 1);
    }

    void switchesLanguageAtRunTime()
    {
        MainWindow window(m_languages);
        window.newFromZoo({"lenet5", 1, 28, 28, 10, 0});
        QTRY_COMPARE_WITH_TIMEOUT(table(window)->rowCount(), 12, 20000);
        auto* fileMenu = window.findChild<QMenu*>(QStringLiteral("fileMenu"));
        QCOMPARE(fileMenu->title(), QStringLiteral("&File"));
        m_languages->apply(QStringLiteral("zh_CN"));
        QCOMPARE(m_languages->current(), QStringLiteral("zh_CN"));
        QTRY_COMPARE(fileMenu->title(), QStringLiteral("文件(&F)"));
        QVERIFY2(totals(window).startsWith(QStringLiteral("合计：参数量 61,706")), qPrintable(totals(window)));
        QCOMPARE(table(window)->headerData(3, Qt::Horizontal).toString(), QStringLiteral("参数量"));
        m_languages->apply(QStringLiteral("en"));
        QTRY_COMPARE(fileMenu->title(), QStringLiteral("&File"));
        QCOMPARE(settings::language().value(), QStringLiteral("en"));
    }

    void remembersWindowLayout()
    {
        {
            MainWindow window(m_languages);
            window.show();
            window.findChild<QDockWidget*>(QStringLiteral("logDock"))->hide();
            window.close();
        }
        MainWindow window(m_languages);
        window.show();
        QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("logDock"))->isVisible());
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("modelDock"))->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
