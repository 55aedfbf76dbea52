#include "sensitivitypanel.h"

#include "backgroundtask.h"
#include "prunedialog.h"
#include "sensitivityview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slim::app {

namespace {
constexpr int kDefaultSamples = 1000;
constexpr int kDefaultBudgetPercent = 50;
} // namespace

SensitivityPanel::SensitivityPanel(QWidget* parent)
    : QWidget(parent)
    , m_samples(new QSpinBox(this))
    , m_budget(new QSpinBox(this))
    , m_samplesLabel(new QLabel(this))
    , m_budgetLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_scanButton(new QPushButton(this))
    , m_ratios(new QPushButton(this))
    , m_anneal(new QPushButton(this))
    , m_view(new widgets::SensitivityView(this))
{
    setObjectName(QStringLiteral("sensitivityPanel"));
    m_samples->setObjectName(QStringLiteral("sensitivitySamples"));
    m_budget->setObjectName(QStringLiteral("sensitivityBudget"));
    m_scanButton->setObjectName(QStringLiteral("sensitivityScan"));
    m_ratios->setObjectName(QStringLiteral("sensitivityRatios"));
    m_anneal->setObjectName(QStringLiteral("sensitivityAnneal"));
    m_status->setObjectName(QStringLiteral("sensitivityStatus"));
    m_view->setObjectName(QStringLiteral("sensitivityView"));
    m_samples->setRange(0, 1000000);
    m_samples->setSingleStep(500);
    m_samples->setValue(kDefaultSamples);
    m_budget->setRange(5, 100);
    m_budget->setSuffix(QStringLiteral(" %"));
    m_budget->setValue(kDefaultBudgetPercent);
    m_status->setWordWrap(true);
    m_samplesLabel->setBuddy(m_samples);
    m_budgetLabel->setBuddy(m_budget);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_samplesLabel);
    controls->addWidget(m_samples);
    controls->addWidget(m_scanButton);
    controls->addStretch(1);
    controls->addWidget(m_budgetLabel);
    controls->addWidget(m_budget);
    controls->addWidget(m_ratios);
    controls->addWidget(m_anneal);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_scanButton, &QPushButton::clicked, this, &SensitivityPanel::scanRequested);
    connect(m_ratios, &QPushButton::clicked, this, &SensitivityPanel::ratiosRequested);
    connect(m_anneal, &QPushButton::clicked, this, &SensitivityPanel::annealRequested);
    connect(m_view, &widgets::SensitivityView::curveClicked, this, &SensitivityPanel::groupClicked);
    retranslate();
    setModel({});
}

void SensitivityPanel::setModel(const engine::Model& model)
{
    if (model.sharedGraph() == m_model.sharedGraph() && !model.isNull())
        return;
    m_model = model;
    ++m_generation;
    m_scan = {};
    m_view->setCurves({}, 0);
    m_ratios->setEnabled(false);
    m_anneal->setEnabled(false);
    m_scanButton->setEnabled(!model.isNull() && !m_running);
    retranslate();
}

engine::SensitivityRequest SensitivityPanel::request(const std::string& method, const std::string& dataset) const
{
    engine::SensitivityRequest request;
    request.method = method;
    request.dataset = dataset;
    request.samples = m_samples->value();
    return request;
}

void SensitivityPanel::setResult(const engine::SensitivityResult& scan)
{
    m_scan = scan;
    QVector<widgets::SensitivityCurve> curves;
    for (const engine::GroupSensitivity& group : scan.groups) {
        widgets::SensitivityCurve curve;
        curve.name = QString::fromStdString(group.name);
        for (const engine::SensitivityPoint& point : group.points) {
            curve.ratios << point.ratio;
            curve.top1 << point.top1;
        }
        curves << curve;
    }
    m_view->setCurves(curves, scan.baselineTop1);
    m_ratios->setEnabled(hasResult() && !m_running);
    m_anneal->setEnabled(hasResult() && !m_running);
    retranslate();
}

void SensitivityPanel::setScanning(bool running)
{
    m_running = running;
    m_scanButton->setEnabled(!running && !m_model.isNull());
    m_ratios->setEnabled(!running && hasResult());
    m_anneal->setEnabled(!running && hasResult());
}

void SensitivityPanel::selectGroup(const QString& name)
{
    m_view->highlight(name);
}

double SensitivityPanel::budget() const
{
    return m_budget->value() / 100.0;
}

void SensitivityPanel::chooseRatios(int roundTo)
{
    if (!hasResult())
        return;
    const engine::Model model = m_model;
    const engine::SensitivityResult scan = m_scan;
    const double keep = budget();
    const quint64 generation = m_generation;
    m_ratios->setEnabled(false);
    m_status->setText(tr("Working out the ratios…"));
    using Ratios = std::map<std::string, double>;
    runInBackground<Ratios>(
        this, [model, scan, keep, roundTo] { return engine::ratiosForBudget(model, scan, keep, roundTo); },
        [this, generation](const Ratios& ratios) {
            m_ratios->setEnabled(hasResult() && !m_running);
            if (generation != m_generation)
                return;
            m_status->setText(tr("%n group(s) given their own ratio in the Prune panel.", "", static_cast<int>(ratios.size())));
            Q_EMIT ratiosChosen(ratios);
        },
        [this, generation](const QString& error) {
            m_ratios->setEnabled(hasResult() && !m_running);
            if (generation == m_generation)
                m_status->setText(error);
        });
}

void SensitivityPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SensitivityPanel::retranslate()
{
    m_samplesLabel->setText(tr("&Images:"));
    m_samples->setToolTip(tr("Test images each point is measured on (a fixed random subset); 0 uses all of them."));
    m_scanButton->setText(tr("S&can"));
    m_scanButton->setToolTip(tr("Prunes each channel group alone at 10 %, 20 %, … 90 % by the Prune panel's criterion "
                                "and measures top-1 on the Train panel's data set, as a job."));
    m_budgetLabel->setText(tr("MACs to &keep:"));
    m_ratios->setText(tr("Set &Ratios for This Budget"));
    m_ratios->setToolTip(tr("Gives each group its own ratio, cutting first where the curves lose the least accuracy "
                            "per MAC saved, until the MACs fall to the budget; the Prune panel previews the result."));
    m_anneal->setText(tr("Refine by &Annealing"));
    m_anneal->setToolTip(tr("Starts from those ratios and searches by simulated annealing: each candidate is pruned and "
                            "measured on the scan's images, and the best within the budget goes to the Prune panel "
                            "(a job of %n evaluation(s)).",
                            "", kAnnealIterations + 1));
    if (m_model.isNull())
        m_status->setText(tr("Open a model to scan its sensitivity."));
    else if (!hasResult())
        m_status->setText(tr("No scan yet: Scan prunes each group alone and plots its accuracy here."));
    else
        m_status->setText(tr("Baseline top-1 %1 on %2 images, %3.")
                              .arg(QLocale().toString(m_scan.baselineTop1, 'f', 4), QLocale().toString(m_scan.samples),
                                   pruneMethodShortName(QString::fromStdString(m_scan.method))));
}

} // namespace slim::app
