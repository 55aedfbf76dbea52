#include <QtTest/QtTest>

#include "costchart.h"
#include "heartbeat.h"
#include "curveview.h"
#include "finetunedialog.h"
#include "methoddialog.h"
#include "jobrunner.h"
#include "trainpanel.h"
#include "document.h"
#include "heatmapview.h"
#include "histogramview.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "model.h"
#include "prunepanel.h"
#include "redundancypanel.h"
#include "sensitivitypanel.h"
#include "sensitivityview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QDockWidget>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <qcustomplot.h>

using namespace slim::app;
using slim::engine::GroupPreview;
using slim::engine::Model;
using slim::engine::PrunePreview;
using slim::engine::PrunePreviewResult;
using slim::engine::PruneRequest;

/// The pruning workbench as a user drives it: the Prune panel's slider and table, the γ
/// histogram's threshold, the heatmap, the cost chart and the layer table, on the bundled
/// ResNet-20 baseline (trained, so its γ differ), checked against the engine's own answers.
class TestPrunePanel : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;
    std::unique_ptr<MainWindow> m_window;

    PrunePanel* panel() const { return m_window->findChild<PrunePanel*>(QStringLiteral("prunePanel")); }
    RedundancyPanel* redundancy() const { return m_window->findChild<RedundancyPanel*>(QStringLiteral("redundancyPanel")); }
    QSlider* slider() const { return m_window->findChild<QSlider*>(QStringLiteral("pruneSlider")); }
    QString totals() const { return m_window->findChild<QLabel*>(QStringLiteral("pruneTotals"))->text(); }
    QTableWidget* groups() const { return m_window->findChild<QTableWidget*>(QStringLiteral("pruneGroups")); }
    slim::widgets::CostChart* costChart() const { return m_window->findChild<slim::widgets::CostChart*>(QStringLiteral("costChart")); }

    /// What the engine previews for the panel's settings, computed here on its own.
    PrunePreviewResult engineAnswer(const PruneRequest& request) const
    {
        return PrunePreview(m_window->document()->model(), request.method).preview(request);
    }

    static QString count(std::int64_t value) { return QLocale().toString(static_cast<qlonglong>(value)); }

    /// Opens the bundled baseline with the Prune panel in front, and waits for its scores.
    void openBaseline()
    {
        m_window = std::make_unique<MainWindow>(m_languages);
        m_window->resize(1360, 860);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->findChild<QDockWidget*>(QStringLiteral("pruneDock"))->raise();
        m_window->openBundled(QStringLiteral(":/slimbench/baselines/resnet20-fashion-mnist.slim"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->document()->isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(panel()->isReady(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(redundancy()->histogram()->valueCount() > 0, 20000);
        QTRY_VERIFY(costChart()->showsRemaining());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_prunepanel"));
        QSettings().clear();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_languages = new LanguageManager(this);
        m_languages->apply(QStringLiteral("en"));
    }

    void cleanup() { m_window.reset(); }

    /// Moving the slider shows the engine's params, MACs and kept channels for that ratio at
    /// once: in the totals, the group table, the layer table and the cost chart.
    void sliderShowsTheEnginesNumbers()
    {
        openBaseline();
        for (const int percent : {10, 30, 55, 80}) {
            slider()->setValue(percent);
            const PruneRequest request = panel()->request();
            QCOMPARE(request.amount, percent / 100.0);
            const PrunePreviewResult expected = engineAnswer(request);
            QVERIFY(expected.paramsAfter < expected.paramsBefore);
            QVERIFY2(totals().contains(count(expected.paramsBefore) + " → " + count(expected.paramsAfter)), qPrintable(totals()));
            QVERIFY2(totals().contains(count(expected.macsBefore) + " → " + count(expected.macsAfter)), qPrintable(totals()));
            QCOMPARE(groups()->rowCount(), static_cast<int>(expected.groups.size()));
            for (int row = 0; row < groups()->rowCount(); ++row) {
                const GroupPreview& group = expected.groups[static_cast<std::size_t>(row)];
                QCOMPARE(groups()->item(row, 0)->text(), QString::fromStdString(group.name));
                QCOMPARE(groups()->item(row, 2)->text(), count(group.kept));
            }
            // The cost chart's pale and solid bars add up to the totals before and after.
            QVERIFY(costChart()->showsRemaining());
            double macsAfter = 0;
            auto* bars = qobject_cast<QCPBars*>(costChart()->plot()->plottable(2)); // MACs after
            QVERIFY(bars && bars->visible());
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                macsAfter += it->value * 1e6;
            QVERIFY2(std::abs(macsAfter - static_cast<double>(expected.macsAfter)) < 1.0, qPrintable(QString::number(macsAfter)));
            // The layer table shows kept of total channels for each group's first layer.
            QAbstractItemModel* layers = m_window->findChild<QTableView*>(QStringLiteral("layerTable"))->model();
            const GroupPreview& first = expected.groups.front();
            bool found = false;
            for (int row = 0; row < layers->rowCount(); ++row) {
                if (layers->index(row, 0).data().toString() == QString::fromStdString(first.name)) {
                    const int keptColumn = layers->columnCount() - 1; // the last one
                    QCOMPARE(layers->index(row, keptColumn).data().toString(), count(first.kept) + " / " + count(first.channels));
                    found = true;
                }
            }
            QVERIFY(found);
        }
    }

    /// Dragging the γ threshold moves the slider to the share of γ below it, and moving the
    /// slider puts the threshold where that share of γ lies below it.
    void histogramThresholdAndSliderAgree()
    {
        openBaseline();
        slim::widgets::HistogramView* histogram = redundancy()->histogram();
        const int values = histogram->valueCount();
        // Every BatchNorm of ResNet-20: the stem's 16, six of 16, six of 32 and six of 64 in the
        // blocks, and the two downsampling shortcuts' 32 and 64.
        QCOMPARE(values, 16 + 6 * 16 + 6 * 32 + 6 * 64 + 32 + 64);

        // The share of all channels the preview removes (rounding per group makes it differ
        // from the slider's 40 % a little).
        const auto removedShare = [this] {
            std::int64_t channels = 0;
            std::int64_t kept = 0;
            for (const GroupPreview& group : panel()->preview().groups) {
                channels += group.channels;
                kept += group.kept;
            }
            return 1.0 - double(kept) / double(channels);
        };
        slider()->setValue(40);
        const double share = removedShare();
        QVERIFY(share > 0.35 && share < 0.45);
        // The line leaves that share of the γ values below it.
        QCOMPARE(histogram->keptCount(), values - qRound(share * values));
        QVERIFY(std::abs(redundancy()->shareBelow(histogram->threshold()) - share) < 1.0 / values + 1e-12);

        // Drag the line to where about 70 % of the values lie below it: the slider takes the
        // share of γ below where the mouse let go, in whole percent.
        QCustomPlot* plot = histogram->plot();
        const QPoint start(qRound(plot->xAxis->coordToPixel(histogram->threshold())), plot->axisRect()->center().y());
        const QPoint end(qRound(plot->xAxis->coordToPixel(redundancy()->thresholdForShare(0.70))), start.y());
        QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, start);
        QMouseEvent move(QEvent::MouseMove, end, plot->mapToGlobal(end), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, end);
        const double dropped = redundancy()->shareBelow(plot->xAxis->pixelToCoord(end.x()));
        QVERIFY2(dropped > 0.6 && dropped < 0.8, qPrintable(QString::number(dropped)));
        QCOMPARE(slider()->value(), qRound(dropped * 100));
        // ... and the line sits where the preview's share of channels lies.
        QCOMPARE(histogram->keptCount(), values - qRound(removedShare() * values));
    }

    /// The heatmap has a row per group (columns: the widest group) for the preview, and a
    /// row per conv/Linear layer for weight statistics; clicking a row selects that layer in
    /// the layer table and the cost chart.
    void heatmapMatchesTheModelAndSelects()
    {
        openBaseline();
        slim::widgets::HeatmapView* heatmap = redundancy()->heatmap();
        QCOMPARE(redundancy()->statistic(), RedundancyPanel::KeptRemoved);
        const PrunePreviewResult& preview = panel()->preview();
        QCOMPARE(heatmap->rowCount(), static_cast<int>(preview.groups.size()));
        std::int64_t widest = 0;
        for (const GroupPreview& group : preview.groups)
            widest = std::max(widest, group.channels);
        QCOMPARE(heatmap->columnCount(), static_cast<int>(widest));
        // Removed cells are 0, kept ones 1, in channel order.
        const GroupPreview& first = preview.groups.front();
        for (std::int64_t c = 0; c < first.channels; ++c)
            QCOMPARE(heatmap->colorMap()->data()->cell(static_cast<int>(c), 0), first.removed[static_cast<std::size_t>(c)] ? 0.0 : 1.0);

        redundancy()->setStatistic(RedundancyPanel::L1Norm);
        const std::vector<slim::engine::prune::LayerChannelStatistics> statistics =
            m_window->document()->model().channelStatistics();
        int weighted = 0;
        std::size_t widestLayer = 0;
        for (const auto& layer : statistics) {
            weighted += layer.l1Norm.empty() ? 0 : 1;
            widestLayer = std::max(widestLayer, layer.l1Norm.size());
        }
        QCOMPARE(heatmap->rowCount(), weighted);
        QCOMPARE(heatmap->columnCount(), static_cast<int>(widestLayer));

        // Click the fourth row (a conv of the first stage).
        const QPoint cell(qRound(heatmap->plot()->xAxis->coordToPixel(2)), qRound(heatmap->plot()->yAxis->coordToPixel(3)));
        const QString name = heatmap->toolTipAt(cell).section(QStringLiteral(", "), 0, 0);
        QVERIFY(!name.isEmpty());
        QTest::mouseClick(heatmap->plot(), Qt::LeftButton, Qt::NoModifier, cell);
        auto* table = m_window->findChild<QTableView*>(QStringLiteral("layerTable"));
        QCOMPARE(table->currentIndex().siblingAtColumn(0).data().toString(), name);
        QCOMPARE(costChart()->highlightedLayer(), name);
        QCOMPARE(heatmap->highlightedRow(), name);
    }

    /// Switching the target (50 % of channels removed → 50 % of MACs kept, with the same
    /// number) previews the new target at once, and Apply prunes exactly what was previewed.
    void targetSwitchPreviewsAndApplies()
    {
        openBaseline();
        slider()->setValue(50);
        const PrunePreviewResult ratio = panel()->preview();
        auto* target = m_window->findChild<QComboBox*>(QStringLiteral("pruneTarget"));
        target->setCurrentIndex(1);  // keep a share of the MACs
        QCOMPARE(panel()->request().target, slim::engine::PruneTarget::Macs);
        QCOMPARE(panel()->request().amount, 0.5);
        const PrunePreviewResult expected = engineAnswer(panel()->request());
        QCOMPARE(panel()->preview().macsAfter, expected.macsAfter);
        QVERIFY(expected.macsAfter != ratio.macsAfter);
        QVERIFY2(totals().contains(count(expected.macsAfter)), qPrintable(totals()));
        QVERIFY(expected.macsAfter <= expected.macsBefore / 2);

        target->setCurrentIndex(2);  // parameters: the number stays 50
        QCOMPARE(panel()->request().target, slim::engine::PruneTarget::Params);
        const PrunePreviewResult params = engineAnswer(panel()->request());
        QCOMPARE(panel()->preview().paramsAfter, params.paramsAfter);

        m_window->findChild<QCheckBox*>(QStringLiteral("pruneRecalibrate"))->setChecked(false);
        const Model original = m_window->document()->model();
        m_window->findChild<QPushButton*>(QStringLiteral("pruneApply"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->document()->model().sharedGraph() != original.sharedGraph(), 20000);
        QCOMPARE(m_window->document()->model().cost().params, params.paramsAfter);
        QCOMPARE(m_window->document()->model().cost().macs, params.macsAfter);
    }

    /// An override of 0 keeps a group whole; a bad one is refused with a message and changes
    /// nothing; Clear overrides restores the slider's ratio.
    void groupOverrides()
    {
        openBaseline();
        slider()->setValue(50);
        const QString group = groups()->item(1, 0)->text();
        groups()->item(1, 3)->setText(QStringLiteral("0"));
        QCOMPARE(panel()->request().overrides.at(group.toStdString()), 0.0);
        QCOMPARE(groups()->item(1, 2)->text(), groups()->item(1, 1)->text());
        const PrunePreviewResult expected = engineAnswer(panel()->request());
        QVERIFY(totals().contains(count(expected.paramsAfter)));

        auto* status = m_window->findChild<QLabel*>(QStringLiteral("pruneStatus"));
        for (const QString& bad : {QStringLiteral("half"), QStringLiteral("nan"), QStringLiteral("120")}) {
            groups()->item(2, 3)->setText(bad);
            QVERIFY2(status->text().contains(QLatin1Char('"') + bad + QLatin1Char('"')), qPrintable(status->text()));
            QCOMPARE(panel()->request().overrides.size(), std::size_t{1});
            QCOMPARE(groups()->item(2, 3)->text(), QString());
        }

        m_window->findChild<QPushButton*>(QStringLiteral("pruneClearOverrides"))->click();
        QVERIFY(panel()->request().overrides.empty());
        QCOMPARE(groups()->item(1, 2)->text(), count(groups()->item(1, 1)->text().toLongLong() / 2));
    }

    /// Apply prunes as previewed, as one undoable step; Undo restores the original exactly.
    void applyThenUndo()
    {
        openBaseline();
        m_window->findChild<QCheckBox*>(QStringLiteral("pruneRecalibrate"))->setChecked(false);
        slider()->setValue(30);
        const Model original = m_window->document()->model();
        const PrunePreviewResult expected = engineAnswer(panel()->request());
        m_window->findChild<QPushButton*>(QStringLiteral("pruneApply"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->document()->model().sharedGraph() != original.sharedGraph(), 20000);
        QCOMPARE(m_window->document()->model().cost().params, expected.paramsAfter);
        QCOMPARE(m_window->document()->model().cost().macs, expected.macsAfter);
        QCOMPARE(m_window->document()->model().pruningState(), std::string("structural"));
        // The panel previews the pruned model next.
        QTRY_VERIFY_WITH_TIMEOUT(panel()->isReady() && panel()->preview().paramsBefore == expected.paramsAfter, 20000);

        QCOMPARE(costChart()->note(), QStringLiteral("Pruned structurally: channels removed"));

        m_window->document()->undoStack()->undo();
        QVERIFY(m_window->document()->model().sharedGraph() == original.sharedGraph());
        QTRY_VERIFY_WITH_TIMEOUT(panel()->isReady() && panel()->preview().paramsBefore == expected.paramsBefore, 20000);
        QCOMPARE(costChart()->note(), QString());

        // Masks keep every shape: the chart's bars stay dense and its note gives the non-zero share.
        PruneRequest masks;
        masks.method = "magnitude";
        masks.amount = 0.5;
        QVERIFY(m_window->startPruning(masks) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->document()->model().pruningState() == "masked", 20000);
        QVERIFY2(costChart()->note().startsWith(QStringLiteral("Pruned with masks: 5")), qPrintable(costChart()->note()));
    }

    /// The preview marks the other views only while the Prune panel is in front.
    void previewOnlyWhilePanelShows()
    {
        openBaseline();
        QVERIFY(costChart()->showsRemaining());
        m_window->findChild<QDockWidget*>(QStringLiteral("modelDock"))->raise();
        QTRY_VERIFY(!costChart()->showsRemaining());
        QCOMPARE(redundancy()->statistic(), RedundancyPanel::L1Norm);
        m_window->findChild<QDockWidget*>(QStringLiteral("pruneDock"))->raise();
        QTRY_VERIFY(costChart()->showsRemaining());
    }

    /// Sparsity training (network slimming, λ in the Train panel): the Redundancy heatmap
    /// shows one BatchNorm's |γ| per epoch as the run goes, one row per epoch and a column
    /// per channel, and a selected BatchNorm shows its own.
    void gammaOverEpochsDuringSlimming()
    {
        openBaseline();
        slim::engine::TrainRecipe recipe = m_window->findChild<TrainPanel*>()->recipe();
        recipe.epochs = 2;
        recipe.maxStepsPerEpoch = 5;
        recipe.batchSize = 32;
        recipe.validation = "none";
        recipe.batchNormL1 = 1e-3;
        recipe.output.clear();
        recipe.metrics.clear();
        QSignalSpy finished(m_window->jobRunner(), &JobRunner::jobFinished);
        QVERIFY(m_window->startTraining(recipe) > 0);
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        QCOMPARE(redundancy()->statistic(), RedundancyPanel::GammaHistory);
        slim::widgets::HeatmapView* heatmap = redundancy()->heatmap();
        QTRY_COMPARE(heatmap->rowCount(), 3);  // before training, after epoch 1, after epoch 2
        QCOMPARE(heatmap->columnCount(), 16);  // bn1 of ResNet-20
        QCOMPARE(redundancy()->gammaEpochs(QStringLiteral("bn1")), 3);
        // The trained model's γ are the last row.
        double gamma = -1;
        for (const auto& layer : m_window->document()->model().channelStatistics())
            if (layer.node == "bn1")
                gamma = layer.batchNormScale.at(5);
        QVERIFY(std::abs(heatmap->colorMap()->data()->cell(5, 2) - gamma) < 1e-6);

        redundancy()->selectLayer(QStringLiteral("layer3.0.conv1"));  // the BatchNorm after it: 64 channels
        QTRY_COMPARE(heatmap->columnCount(), 64);  // once the new model's layers are read
    }

    /// Sensitivity: Scan runs as a job and draws one curve per group, the Prune table shows
    /// each group's top-1 at 50 %, and "Set Ratios for This Budget" gives the Prune panel
    /// per-group ratios whose preview meets the budget.
    void sensitivityScanAndBudget()
    {
        openBaseline();
        auto* sensitivity = m_window->findChild<SensitivityPanel*>(QStringLiteral("sensitivityPanel"));
        sensitivity->findChild<QSpinBox*>(QStringLiteral("sensitivitySamples"))->setValue(200);
        QSignalSpy finished(m_window->jobRunner(), &JobRunner::jobFinished);
        sensitivity->findChild<QPushButton*>(QStringLiteral("sensitivityScan"))->click();
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        QTRY_VERIFY(sensitivity->hasResult());
        QCOMPARE(sensitivity->result().samples, std::int64_t{200});
        QCOMPARE(sensitivity->view()->curveCount(), groups()->rowCount());
        QCOMPARE(sensitivity->result().groups.size(), panel()->preview().groups.size());
        QVERIFY2(groups()->item(0, 4)->text().contains(QStringLiteral(" at 50 %")), qPrintable(groups()->item(0, 4)->text()));

        sensitivity->findChild<QSpinBox*>(QStringLiteral("sensitivityBudget"))->setValue(60);
        sensitivity->findChild<QPushButton*>(QStringLiteral("sensitivityRatios"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!panel()->request().overrides.empty(), 20000);
        QCOMPARE(panel()->request().amount, 0.0);
        const PrunePreviewResult& shown = panel()->preview();
        QVERIFY2(shown.macsAfter <= 0.6 * static_cast<double>(shown.macsBefore), qPrintable(QString::number(shown.macsAfter)));
        QCOMPARE(shown.macsAfter, engineAnswer(panel()->request()).macsAfter);

        // Refine by Annealing: a job from those ratios; its best (never worse than the start)
        // reaches the Prune panel, still within the budget.
        finished.clear();
        auto* anneal = sensitivity->findChild<QPushButton*>(QStringLiteral("sensitivityAnneal"));
        QVERIFY(anneal->isEnabled());
        anneal->click();
        QVERIFY(!anneal->isEnabled());  // one search or scan at a time
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        auto* log = m_window->findChild<QPlainTextEdit*>(QStringLiteral("logView"));
        QTRY_VERIFY_WITH_TIMEOUT(log->toPlainText().contains(QStringLiteral("Ratio search: top-1")), 20000);
        QTRY_VERIFY(anneal->isEnabled());
        const PrunePreviewResult& refined = panel()->preview();
        QVERIFY2(refined.macsAfter <= 0.6 * static_cast<double>(refined.macsBefore), qPrintable(QString::number(refined.macsAfter)));
        QVERIFY(!panel()->request().overrides.empty());
    }

    /// "Prune and fine-tune…": the dialog turns the panel's settings and the Train panel's
    /// into a two-stage recipe, which Save Recipe writes for slimbench-cli run.
    void finetuneDialogBuildsTheRecipe()
    {
        openBaseline();
        slider()->setValue(30);
        auto* train = m_window->findChild<TrainPanel*>();
        FinetuneDialog dialog(train->recipe(), panel()->request(), m_window.get());
        dialog.findChild<QSpinBox*>(QStringLiteral("finetuneEpochs"))->setValue(3);
        const slim::engine::CompressionRecipe recipe = dialog.recipe();
        QCOMPARE(recipe.stages.size(), std::size_t{2});
        QCOMPARE(recipe.stages[0].prune.amount, 0.3);
        QCOMPARE(recipe.stages[0].prune.method, panel()->request().method);
        QCOMPARE(recipe.stages[0].prune.dataset, train->recipe().dataset);
        QVERIFY(recipe.stages[0].prune.recalibrateBatches > 0);
        QCOMPARE(recipe.stages[1].finetune.epochs, std::int64_t{3});
        QVERIFY(recipe.stages[1].finetune.learningRate < train->recipe().learningRate);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("compress.json"));
        QString error;
        QVERIFY2(dialog.saveRecipeTo(path, &error), qPrintable(error));
        const slim::engine::CompressionRecipe saved = slim::engine::loadCompressionRecipe(path.toStdString());
        QCOMPARE(saved.stages.size(), std::size_t{2});
        QCOMPARE(saved.stages[0].prune.amount, 0.3);
        QCOMPARE(saved.stages[1].finetune.epochs, std::int64_t{3});
        QVERIFY(!dialog.saveRecipeTo(dir.filePath(QStringLiteral("missing/compress.json")), &error));
        QVERIFY(!error.isEmpty());
    }

    /// "Prune While Training…": each method becomes the stages of a recipe that reads back
    /// the same, with the Train panel's data and a fine-tuning learning rate.
    void methodDialogBuildsEachMethod()
    {
        openBaseline();
        slider()->setValue(40);
        auto* train = m_window->findChild<TrainPanel*>();
        MethodDialog dialog(train->recipe(), panel()->request(), m_window.get());
        using Kind = slim::engine::CompressionStage::Kind;
        const auto kinds = [](const slim::engine::CompressionRecipe& recipe) {
            std::vector<Kind> list;
            for (const auto& stage : recipe.stages)
                list.push_back(stage.kind);
            return list;
        };
        const auto roundTrips = [](const slim::engine::CompressionRecipe& recipe) {
            const std::string json = slim::engine::compressionRecipeToJson(recipe);
            return slim::engine::compressionRecipeToJson(slim::engine::parseCompressionRecipe(json, "")) == json;
        };

        // Progressive, 4 steps, 1 fine-tune epoch each: 40 % of the channels gone in the end.
        dialog.setMethod(MethodDialog::Method::Schedule);
        dialog.findChild<QSpinBox*>(QStringLiteral("scheduleSteps"))->setValue(4);
        dialog.findChild<QSpinBox*>(QStringLiteral("scheduleEpochs"))->setValue(1);
        slim::engine::CompressionRecipe recipe = dialog.recipe();
        QCOMPARE(kinds(recipe), (std::vector<Kind>{Kind::Prune, Kind::Finetune, Kind::Prune, Kind::Finetune, Kind::Prune,
                                                   Kind::Finetune, Kind::Prune, Kind::Finetune}));
        double left = 1;
        for (const auto& stage : recipe.stages)
            if (stage.kind == Kind::Prune)
                left *= 1 - stage.prune.amount;
        QVERIFY(std::abs(left - 0.6) < 1e-9);
        QVERIFY(recipe.stages[0].prune.amount > 0.1);  // progressive: more than an equal step first
        QCOMPARE(recipe.stages[0].prune.dataset, train->recipe().dataset);
        QVERIFY(recipe.stages[1].finetune.learningRate < train->recipe().learningRate);
        QVERIFY(roundTrips(recipe));
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("methodSummary"))->text().contains(QStringLiteral("40")));

        dialog.setMethod(MethodDialog::Method::Slimming);
        dialog.findChild<QDoubleSpinBox*>(QStringLiteral("slimmingRatio"))->setValue(70);
        recipe = dialog.recipe();
        QCOMPARE(kinds(recipe), (std::vector<Kind>{Kind::Finetune, Kind::Prune, Kind::Finetune}));
        QVERIFY(recipe.stages[0].finetune.batchNormL1 > 0);
        QCOMPARE(recipe.stages[1].prune.method, std::string("bn"));
        QVERIFY(recipe.stages[1].prune.global);
        QCOMPARE(recipe.stages[1].prune.amount, 0.7);
        QCOMPARE(recipe.stages[2].finetune.batchNormL1, 0.0);
        QVERIFY(roundTrips(recipe));

        dialog.setMethod(MethodDialog::Method::Surgery);
        recipe = dialog.recipe();
        QCOMPARE(kinds(recipe), std::vector<Kind>{Kind::Surgery});
        QCOMPARE(recipe.stages[0].surgery.sparsity, 0.9);
        QVERIFY(roundTrips(recipe));

        dialog.setMethod(MethodDialog::Method::Agp);
        dialog.findChild<QSpinBox*>(QStringLiteral("agpEpochs"))->setValue(8);
        recipe = dialog.recipe();
        QCOMPARE(kinds(recipe), std::vector<Kind>{Kind::Agp});
        QCOMPARE(recipe.stages[0].agp.endEpoch, 6.0);
        QVERIFY(roundTrips(recipe));

        dialog.setMethod(MethodDialog::Method::Admm);
        dialog.findChild<QSpinBox*>(QStringLiteral("admmRetrain"))->setValue(0);
        recipe = dialog.recipe();
        QCOMPARE(kinds(recipe), std::vector<Kind>{Kind::Admm});
        QCOMPARE(recipe.stages[0].admm.ratio, 0.5);
        QVERIFY(roundTrips(recipe));

        // One-shot has no steps and no k; equal steps no k.
        dialog.setMethod(MethodDialog::Method::Schedule);
        auto* kind = dialog.findChild<QComboBox*>(QStringLiteral("scheduleKind"));
        kind->setCurrentIndex(0);
        QVERIFY(!dialog.findChild<QSpinBox*>(QStringLiteral("scheduleSteps"))->isEnabled());
        QCOMPARE(dialog.recipe().stages.front().prune.amount, 0.4);
        kind->setCurrentIndex(1);
        QVERIFY(dialog.findChild<QSpinBox*>(QStringLiteral("scheduleSteps"))->isEnabled());
        QVERIFY(!dialog.findChild<QDoubleSpinBox*>(QStringLiteral("scheduleExponent"))->isEnabled());

        // A model without BatchNorm: network slimming would remove nothing, so it cannot start.
        MethodDialog noBatchNorm(train->recipe(), panel()->request(), m_window.get(), {}, false);
        auto* start = noBatchNorm.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        noBatchNorm.setMethod(MethodDialog::Method::Slimming);
        QVERIFY(!start->isEnabled());
        QVERIFY(noBatchNorm.findChild<QLabel*>(QStringLiteral("methodSummary"))->text().contains(QStringLiteral("BatchNorm")));
        noBatchNorm.setMethod(MethodDialog::Method::Surgery);
        QVERIFY(start->isEnabled());

        // Accepted, the dialog remembers its method and fields (not the learning rate) for next time.
        dialog.setMethod(MethodDialog::Method::Agp);
        dialog.findChild<QDoubleSpinBox*>(QStringLiteral("agpSparsity"))->setValue(65);
        dialog.accept();
        MethodDialog again(train->recipe(), panel()->request(), m_window.get());
        QVERIFY(again.method() == MethodDialog::Method::Agp);
        QCOMPARE(again.recipe().stages.front().agp.sparsity, 0.65);
        QCOMPARE(again.recipe().stages.front().agp.endEpoch, 6.0);  // the 8 epochs set above
        QSettings().remove(QStringLiteral("pruning/methodDialog"));  // later dialogs start from the defaults

        // No data set chosen: nothing to train on, so Start waits.
        slim::engine::TrainRecipe noData = train->recipe();
        noData.dataset.clear();
        MethodDialog empty(noData, panel()->request(), m_window.get());
        QVERIFY(!empty.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    /// Prune and fine-tune as one job with the workbench views open: curve points (and the
    /// baseline line) appear while it runs, the UI thread never stalls, Cancel leaves the
    /// document as it was, and a finished run replaces the model as one undoable step.
    void pruneAndFinetuneRunsLive()
    {
        openBaseline();
        slider()->setValue(30);
        auto* curves = m_window->findChild<slim::widgets::CurveView*>(QStringLiteral("curveView"));
        slim::engine::TrainRecipe training = m_window->findChild<TrainPanel*>()->recipe();
        training.batchSize = 32;
        training.maxStepsPerEpoch = 25;
        training.validation = "none";
        training.output.clear();
        training.metrics.clear();
        FinetuneDialog dialog(training, panel()->request());
        dialog.findChild<QSpinBox*>(QStringLiteral("finetuneEpochs"))->setValue(2);
        const slim::engine::CompressionRecipe recipe = dialog.recipe();
        const Model original = m_window->document()->model();

        // Cancelled while fine-tuning: nothing changes.
        QSignalSpy finished(m_window->jobRunner(), &JobRunner::jobFinished);
        int job = m_window->startCompression(recipe);
        QVERIFY(job > 0);
        QTRY_VERIFY_WITH_TIMEOUT(curves->pointCount(QStringLiteral("train/loss")) > 0, 120000);
        QCOMPARE(m_window->jobRunner()->job(job).state, JobStatus::Running);
        QVERIFY(curves->hasReferenceLine(QStringLiteral("baseline")));
        QVERIFY(curves->referenceValue(QStringLiteral("baseline")) > 0.9);  // the bundled baseline's top-1
        m_window->jobRunner()->cancel(job);
        QVERIFY(finished.wait(60000) || !finished.isEmpty());
        QCOMPARE(m_window->jobRunner()->job(job).state, JobStatus::Cancelled);
        QVERIFY(m_window->document()->model().sharedGraph() == original.sharedGraph());
        QCOMPARE(m_window->document()->undoStack()->count(), 0);

        // Run to the end, with a 10 ms heartbeat on the UI thread.
        slim::test::Heartbeat heartbeat;
        finished.clear();
        job = m_window->startCompression(recipe);
        heartbeat.start();
        QVERIFY(finished.wait(180000) || !finished.isEmpty());
        heartbeat.stop();
        const qint64 longestGap = heartbeat.longestGap();
        qInfo("longest gap between 10 ms UI timer ticks during prune and fine-tune: %lld ms", static_cast<long long>(longestGap));
        QVERIFY2(longestGap < 250, qPrintable(QString::number(longestGap)));
        QCOMPARE(m_window->jobRunner()->job(job).state, JobStatus::Finished);
        QCOMPARE(curves->pointCount(QStringLiteral("train/loss")), 2 * 25);
        QCOMPARE(m_window->document()->undoStack()->count(), 1);
        QVERIFY(m_window->document()->model().cost().params < original.cost().params);
        // Fine-tuning changed the weights: the accuracy measured right after the cut is not the
        // model's any more, so nothing shows it.
        QVERIFY(!m_window->document()->model().metadata().count("pruned.top1"));
        m_window->document()->undoStack()->undo();
        QVERIFY(m_window->document()->model().sharedGraph() == original.sharedGraph());
    }
};

QTEST_MAIN(TestPrunePanel)
#include "tst_prunepanel.moc"
