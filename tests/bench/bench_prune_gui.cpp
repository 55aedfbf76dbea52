// bench_prune_gui: how long one move of the Prune panel's ratio slider takes until the
// workbench shows it: the engine's preview, then the totals, the group table, the cost
// chart, the heatmap and the γ histogram all repainted (the layer table updates too, but
// it is a tab behind the Prune panel). The target is one
// frame at 60 Hz (16 ms) for ResNet-56, of which the preview may take 5 ms.
//
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_prune_gui [runs]
//
// A slider move is timed from setValue() (what a drag does) until every one of those widgets
// has received its paint event, with the event loop running as it does for a user; the
// preview alone is timed on the same settings for comparison. Median and 90th percentile of
// `runs` moves (default 60), alternating between ratios so each move changes every view.

#include "languagemanager.h"
#include "mainwindow.h"
#include "document.h"
#include "prunepanel.h"
#include "redundancypanel.h"
#include "costchart.h"
#include "heatmapview.h"
#include "histogramview.h"
#include "model.h"
#include "resnet50.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QSlider>
#include <QTemporaryDir>
#include <QTableView>
#include <QTableWidget>
#include <qcustomplot.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdio>
#include <string>
#include <vector>

using namespace slim::app;

namespace {

/// Counts paint events of the widgets it watches.
class PaintCounter : public QObject {
public:
    explicit PaintCounter(const std::vector<QWidget*>& widgets)
        : m_painted(widgets.size(), false)
        , m_widgets(widgets)
    {
        for (QWidget* widget : widgets)
            widget->installEventFilter(this);
    }
    void reset() { std::fill(m_painted.begin(), m_painted.end(), false); }
    bool allPainted() const { return std::all_of(m_painted.begin(), m_painted.end(), [](bool p) { return p; }); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            for (std::size_t i = 0; i < m_widgets.size(); ++i)
                if (m_widgets[i] == watched)
                    m_painted[i] = true;
        return false;
    }

private:
    std::vector<bool> m_painted;
    std::vector<QWidget*> m_widgets;
};

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5)];
}

/// Opens `open`'s model in a fresh window with the Prune panel in front, then times `runs`
/// slider moves.
void bench(LanguageManager* languages, const std::function<void(MainWindow&)>& open, const char* label, int runs)
{
    MainWindow window(languages);
    window.resize(1360, 860);
    window.show();
    window.findChild<QDockWidget*>(QStringLiteral("pruneDock"))->raise();
    open(window);
    auto* panel = window.findChild<PrunePanel*>(QStringLiteral("prunePanel"));
    auto* redundancy = window.findChild<RedundancyPanel*>(QStringLiteral("redundancyPanel"));
    QElapsedTimer waiting;
    waiting.start();
    while ((!panel->isReady() || redundancy->histogram()->valueCount() == 0) && waiting.elapsed() < 120000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!panel->isReady()) {
        std::printf("%s: the preview did not get ready after %lld ms (model %s): %s\n", label,
                    static_cast<long long>(waiting.elapsed()), window.document()->isEmpty() ? "not loaded" : "loaded",
                    qPrintable(window.findChild<QLabel*>(QStringLiteral("pruneStatus"))->text()));
        return;
    }
    const double scoring = static_cast<double>(waiting.elapsed());
    auto* slider = window.findChild<QSlider*>(QStringLiteral("pruneSlider"));
    auto* costChart = window.findChild<slim::widgets::CostChart*>(QStringLiteral("costChart"));
    PaintCounter painted({window.findChild<QLabel*>(QStringLiteral("pruneTotals")),
                          window.findChild<QTableWidget*>(QStringLiteral("pruneGroups"))->viewport(),
                          costChart->plot(), redundancy->heatmap()->plot(), redundancy->histogram()->plot()});
    for (int i = 0; i < 10; ++i)
        QApplication::processEvents();

    const int ratios[] = {30, 50, 70, 45};
    std::vector<double> frames;
    std::vector<double> previews;
    int incomplete = 0;
    for (int run = 0; run < runs; ++run) {
        const int percent = ratios[run % 4];
        painted.reset();
        const auto start = std::chrono::steady_clock::now();
        slider->setValue(percent);
        QElapsedTimer cap;
        cap.start();
        while (!painted.allPainted() && cap.elapsed() < 1000)
            QApplication::processEvents();
        const auto end = std::chrono::steady_clock::now();
        incomplete += painted.allPainted() ? 0 : 1;
        frames.push_back(std::chrono::duration<double, std::milli>(end - start).count());

        const slim::engine::PrunePreview preview(window.document()->model(), panel->request().method);
        const auto previewStart = std::chrono::steady_clock::now();
        const slim::engine::PrunePreviewResult result = preview.preview(panel->request());
        const auto previewEnd = std::chrono::steady_clock::now();
        previews.push_back(std::chrono::duration<double, std::milli>(previewEnd - previewStart).count());
        if (result.paramsAfter != panel->preview().paramsAfter)
            std::printf("%s: the panel shows %lld parameters, the engine %lld\n", label,
                        static_cast<long long>(panel->preview().paramsAfter), static_cast<long long>(result.paramsAfter));
    }
    std::printf("%-22s slider move to repainted views: median %6.2f ms, p90 %6.2f ms (target <= 16 ms)   "
                "preview alone: median %.3f ms (target <= 5 ms)   first scoring %.0f ms%s\n",
                label, percentile(frames, 0.5), percentile(frames, 0.9), percentile(previews, 0.5), scoring,
                incomplete ? " (some moves did not repaint every view within 1 s)" : "");
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SlimbenchBench"));
    QApplication::setApplicationName(QStringLiteral("bench_prune_gui"));
    const int runs = argc > 1 ? std::max(4, std::atoi(argv[1])) : 60;
    LanguageManager languages;
    languages.apply(QStringLiteral("en"));
    std::printf("bench_prune_gui: %d slider moves each, platform %s\n", runs, qPrintable(QApplication::platformName()));
    bench(&languages, [](MainWindow& window) { window.newFromZoo({"resnet56", 3, 32, 32, 10, 0}); }, "ResNet-56 (3x32x32)", runs);
    // The zoo has no ResNet-50: torchvision's, built here and opened as a file.
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("resnet50.slim"));
    slim::engine::Model(std::make_shared<const slim::engine::graph::Graph>(slim::bench::resnet50())).save(path.toStdString());
    bench(&languages, [&path](MainWindow& window) { window.openFile(path); }, "ResNet-50 (3x224x224)", runs);
    return 0;
}
