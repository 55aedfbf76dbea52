#include "latencypanel.h"

#include "analysis/latency.h"
#include "document.h"
#include "jobrunner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>

namespace slim::app {

namespace {
/// Timed forwards per model: enough for a stable median at batch 1 in about a second.
constexpr int kRuns = 30;
/// Never longer than this per model, whatever the batch.
constexpr double kMaxSecondsPerModel = 15;
} // namespace

LatencyPanel::LatencyPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_jobs(jobs)
    , m_measure(new QPushButton(this))
    , m_batch(new QSpinBox(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("latencyPanel"));
    m_measure->setObjectName(QStringLiteral("measureLatencyButton"));
    m_batch->setObjectName(QStringLiteral("latencyBatchSpin"));
    m_result->setObjectName(QStringLiteral("latencyResult"));
    m_batch->setRange(1, 256);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 2);
    layout->addWidget(m_measure);
    layout->addWidget(m_batch);
    layout->addWidget(m_result, 1);
    connect(m_measure, &QPushButton::clicked, this, &LatencyPanel::measure);
    connect(m_document, &Document::modelChanged, this, &LatencyPanel::documentChanged);
    // Failed or cancelled measurements give the button back too.
    connect(m_jobs, &JobRunner::jobFinished, this, [this](int id) {
        if (id == m_job)
            m_measure->setEnabled(!m_document->isEmpty());
    });
    retranslate();
    documentChanged();
}

void LatencyPanel::documentChanged()
{
    if (m_document->generation() != m_generation || m_original.isNull()) {
        m_generation = m_document->generation();
        m_original = m_document->model();
        m_originalMeasured.reset();
    }
    m_current.reset();
    m_measure->setEnabled(!m_document->isEmpty());
    showResult();
}

int LatencyPanel::measure()
{
    if (m_document->isEmpty() || (m_job > 0 && m_jobs->isActive(m_job)))
        return 0;
    const engine::Model current = m_document->model();
    // The opened version too, once, when the model has changed since: the speed-up needs both.
    const bool withOriginal = !m_original.isNull() && current.sharedGraph() != m_original.sharedGraph() && !m_originalMeasured;
    const engine::Model original = m_original;
    const std::int64_t batch = m_batch->value();
    const quint64 generation = m_generation;
    struct Result {
        std::optional<Measurement> original;
        Measurement current;
    };
    m_measure->setEnabled(false);
    m_job = m_jobs->submit<Result>(
        tr("Measure latency of %1 (batch %2)").arg(QString::fromStdString(current.name())).arg(batch),
        [current, original, withOriginal, batch](const engine::JobContext& context) {
            engine::analysis::LatencyOptions options;
            options.batch = batch;
            options.runs = kRuns;
            options.maxSeconds = kMaxSecondsPerModel;
            const auto measureOne = [&](const engine::Model& model) {
                const engine::analysis::LatencyReport report = engine::analysis::measureLatency(model.graph(), options, context);
                return Measurement{model.cost().macs, report.medianMs, report.imagesPerSecond, batch};
            };
            Result result;
            if (withOriginal)
                result.original = measureOne(original);
            result.current = measureOne(current);
            return result;
        },
        [this, generation, current](const Result& result) {
            m_measure->setEnabled(!m_document->isEmpty());
            if (generation != m_generation || m_document->model().sharedGraph() != current.sharedGraph())
                return; // another model by now
            if (result.original)
                m_originalMeasured = result.original;
            m_current = result.current;
            showResult();
            Q_EMIT measured(resultText());
            Q_EMIT latencyMeasured(current, result.current.medianMs, result.current.batch);
        });
    return m_job;
}

QString LatencyPanel::resultText() const
{
    return m_result->text();
}

void LatencyPanel::showResult()
{
    if (!m_current) {
        m_result->setText(m_document->isEmpty() ? QString() : tr("Measure how long one forward pass takes here."));
        return;
    }
    const QLocale locale;
    QString text = tr("%1 ms per batch of %2 (%3 images/s)")
                       .arg(locale.toString(m_current->medianMs, 'f', 2))
                       .arg(m_current->batch)
                       .arg(locale.toString(m_current->imagesPerSecond, 'f', 0));
    const bool sameBatch = m_originalMeasured && m_originalMeasured->batch == m_current->batch;
    if (sameBatch && m_current->macs > 0 && m_current->medianMs > 0) {
        const double byMacs = static_cast<double>(m_originalMeasured->macs) / static_cast<double>(m_current->macs);
        const double measuredSpeedup = m_originalMeasured->medianMs / m_current->medianMs;
        text += QLatin1Char('\n')
                + tr("Against the version opened (%1 ms): %2× faster by MACs, %3× measured (%4 of the MACs promise)")
                      .arg(locale.toString(m_originalMeasured->medianMs, 'f', 2), locale.toString(byMacs, 'f', 2),
                           locale.toString(measuredSpeedup, 'f', 2),
                           locale.toString(100 * measuredSpeedup / byMacs, 'f', 0) + QStringLiteral(" %"));
    }
    m_result->setText(text);
}

void LatencyPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LatencyPanel::retranslate()
{
    m_measure->setText(tr("Measure Latenc&y"));
    m_measure->setToolTip(tr("Times forward passes of the open model on this machine (BatchNorm folded, as exported), "
                             "and of the version you opened when the model has changed since"));
    m_batch->setPrefix(tr("batch "));
    m_batch->setToolTip(tr("Images per forward pass: 1 for a device answering one request, larger for throughput"));
    showResult();
}

} // namespace slim::app
