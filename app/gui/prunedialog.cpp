#include "prunedialog.h"

#include "settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slim::app {

namespace {

/// Defaults a first prune starts from.
constexpr double kDefaultRatioPercent = 50;
constexpr int kDefaultRecalibrationBatches = 20;
constexpr double kMaxRatioPercent = 95;   // never remove (nearly) every channel from the slider
constexpr double kMinKeepPercent = 5;

} // namespace

QString pruneMethodName(const QString& method)
{
    if (method == QLatin1String("l1"))
        return PruneDialog::tr("L1 norm of filters (Li et al. 2017)");
    if (method == QLatin1String("l2"))
        return PruneDialog::tr("L2 norm of filters");
    if (method == QLatin1String("bn"))
        return PruneDialog::tr("BN scaling factor |γ| (network slimming)");
    if (method == QLatin1String("taylor"))
        return PruneDialog::tr("First-order Taylor |w·∂L/∂w| (needs a data set)");
    if (method == QLatin1String("fpgm"))
        return PruneDialog::tr("Geometric median distance (FPGM)");
    if (method == QLatin1String("svd"))
        return PruneDialog::tr("SVD energy share of filters");
    if (method == QLatin1String("random"))
        return PruneDialog::tr("Random (baseline)");
    if (method == QLatin1String("magnitude"))
        return PruneDialog::tr("Weight magnitude: unstructured masks, no channel removed");
    return method;
}

QString pruneMethodShortName(const QString& method)
{
    if (method == QLatin1String("l1"))
        return PruneDialog::tr("L1 norm");
    if (method == QLatin1String("l2"))
        return PruneDialog::tr("L2 norm");
    if (method == QLatin1String("bn"))
        return PruneDialog::tr("BN |γ|");
    if (method == QLatin1String("taylor"))
        return PruneDialog::tr("Taylor");
    if (method == QLatin1String("fpgm"))
        return PruneDialog::tr("FPGM");
    if (method == QLatin1String("svd"))
        return PruneDialog::tr("SVD energy");
    if (method == QLatin1String("random"))
        return PruneDialog::tr("random");
    if (method == QLatin1String("magnitude"))
        return PruneDialog::tr("magnitude");
    return method;
}

void retranslatePruneChoices(QComboBox* method, QComboBox* target, QComboBox* scope, QLabel* methodLabel,
                             QLabel* targetLabel, QLabel* scopeLabel, QWidget* roundTo)
{
    for (int i = 0; i < method->count(); ++i)
        method->setItemText(i, pruneMethodName(method->itemData(i).toString()));
    target->setItemText(0, PruneDialog::tr("Remove a share of the channels (pruning ratio)"));
    target->setItemText(1, PruneDialog::tr("Keep a share of the MACs"));
    target->setItemText(2, PruneDialog::tr("Keep a share of the parameters"));
    scope->setItemText(0, PruneDialog::tr("Layer-wise: every layer loses the same share"));
    scope->setItemText(1, PruneDialog::tr("Global threshold: one ranking over all layers"));
    scope->setToolTip(PruneDialog::tr("MACs and parameter targets always rank globally: the least important channels "
                                      "of the whole model go first."));
    methodLabel->setText(PruneDialog::tr("Importance &criterion:"));
    methodLabel->setBuddy(method);
    targetLabel->setText(PruneDialog::tr("&Target:"));
    targetLabel->setBuddy(target);
    scopeLabel->setText(PruneDialog::tr("&Scope:"));
    scopeLabel->setBuddy(scope);
    roundTo->setToolTip(PruneDialog::tr("Kept channel counts become multiples of this (8 or 16 suit NPUs such as the "
                                        "RK3588); 1 leaves them as the criterion chose."));
}

PruneDialog::PruneDialog(QWidget* parent)
    : QDialog(parent)
    , m_method(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_amount(new QDoubleSpinBox(this))
    , m_scope(new QComboBox(this))
    , m_roundTo(new QSpinBox(this))
    , m_dataset(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_recalibrate(new QCheckBox(this))
    , m_batches(new QSpinBox(this))
    , m_methodLabel(new QLabel(this))
    , m_targetLabel(new QLabel(this))
    , m_amountLabel(new QLabel(this))
    , m_scopeLabel(new QLabel(this))
    , m_roundToLabel(new QLabel(this))
    , m_datasetLabel(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("pruneDialog"));
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_amount->setObjectName(QStringLiteral("amountSpin"));
    m_scope->setObjectName(QStringLiteral("scopeCombo"));
    m_roundTo->setObjectName(QStringLiteral("roundToSpin"));
    m_dataset->setObjectName(QStringLiteral("datasetEdit"));
    m_recalibrate->setObjectName(QStringLiteral("recalibrateCheck"));
    m_batches->setObjectName(QStringLiteral("batchesSpin"));
    m_hint->setObjectName(QStringLiteral("pruneHint"));
    for (const std::string& method : engine::pruneMethods())
        m_method->addItem(QString(), QString::fromStdString(method));
    m_target->addItem(QString(), static_cast<int>(engine::PruneTarget::Ratio));
    m_target->addItem(QString(), static_cast<int>(engine::PruneTarget::Macs));
    m_target->addItem(QString(), static_cast<int>(engine::PruneTarget::Params));
    m_scope->addItem(QString(), false);
    m_scope->addItem(QString(), true);
    m_amount->setDecimals(1);
    m_amount->setSuffix(QStringLiteral(" %"));
    m_amount->setSingleStep(5);
    m_roundTo->setRange(1, 64);
    m_batches->setRange(1, 10000);
    m_batches->setValue(kDefaultRecalibrationBatches);
    m_recalibrate->setChecked(true); // whenever there is data: it restores most of what pruning costs
    m_hint->setWordWrap(true);

    auto* datasetRow = new QHBoxLayout;
    datasetRow->addWidget(m_dataset, 1);
    datasetRow->addWidget(m_browse);
    auto* recalibrateRow = new QHBoxLayout;
    recalibrateRow->addWidget(m_recalibrate);
    recalibrateRow->addWidget(m_batches);
    recalibrateRow->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(m_methodLabel, m_method);
    form->addRow(m_targetLabel, m_target);
    form->addRow(m_amountLabel, m_amount);
    form->addRow(m_scopeLabel, m_scope);
    form->addRow(m_roundToLabel, m_roundTo);
    form->addRow(m_datasetLabel, datasetRow);
    form->addRow(QString(), recalibrateRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);

    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        // A ratio removes, a budget keeps: start each from its own sensible value.
        const bool ratio = m_target->currentData().toInt() == static_cast<int>(engine::PruneTarget::Ratio);
        m_amount->setValue(ratio ? kDefaultRatioPercent : 100 - kDefaultRatioPercent);
        updateFields();
    });
    connect(m_method, &QComboBox::currentIndexChanged, this, &PruneDialog::updateFields);
    connect(m_dataset, &QLineEdit::textChanged, this, &PruneDialog::updateFields);
    connect(m_recalibrate, &QCheckBox::toggled, this, &PruneDialog::updateFields);
    connect(m_browse, &QPushButton::clicked, this, &PruneDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_amount->setValue(kDefaultRatioPercent);
    retranslate();
    updateFields();
}

engine::PruneRequest PruneDialog::request() const
{
    engine::PruneRequest request;
    request.method = m_method->currentData().toString().toStdString();
    request.target = static_cast<engine::PruneTarget>(m_target->currentData().toInt());
    request.amount = m_amount->value() / 100.0;
    request.global = request.target == engine::PruneTarget::Ratio && m_scope->currentData().toBool();
    request.roundTo = m_roundTo->value();
    request.dataset = QDir::fromNativeSeparators(m_dataset->text().trimmed()).toStdString();
    request.recalibrateBatches = m_recalibrate->isChecked() && !request.dataset.empty() ? m_batches->value() : 0;
    return request;
}

void PruneDialog::setRequest(const engine::PruneRequest& request)
{
    m_method->setCurrentIndex(std::max(0, m_method->findData(QString::fromStdString(request.method))));
    m_target->setCurrentIndex(std::max(0, m_target->findData(static_cast<int>(request.target))));
    m_amount->setValue(request.amount * 100.0);
    m_scope->setCurrentIndex(request.global ? 1 : 0);
    m_roundTo->setValue(request.roundTo);
    m_dataset->setText(QDir::toNativeSeparators(QString::fromStdString(request.dataset)));
    m_recalibrate->setChecked(request.recalibrateBatches > 0 || request.dataset.empty()); // as the user left it
    if (request.recalibrateBatches > 0)
        m_batches->setValue(static_cast<int>(request.recalibrateBatches));
    updateFields();
}

void PruneDialog::setDataset(const QString& path)
{
    m_dataset->setText(QDir::toNativeSeparators(path));
    updateFields();
}

QString PruneDialog::validationError() const
{
    const bool noData = m_dataset->text().trimmed().isEmpty();
    if (noData && m_method->currentData().toString() == QLatin1String("taylor"))
        return tr("The Taylor criterion scores channels on data: choose a data set.");
    return {};
}

void PruneDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PruneDialog::retranslate()
{
    setWindowTitle(tr("Prune Model"));
    retranslatePruneChoices(m_method, m_target, m_scope, m_methodLabel, m_targetLabel, m_scopeLabel, m_roundTo);
    m_roundToLabel->setText(tr("&Round widths to:"));
    m_roundToLabel->setBuddy(m_roundTo);
    m_datasetLabel->setText(tr("&Data set:"));
    m_datasetLabel->setBuddy(m_dataset);
    m_dataset->setPlaceholderText(tr("Optional: measures top-1 before and after"));
    m_dataset->setToolTip(tr("A folder with IDX (MNIST, Fashion-MNIST), CIFAR or ImageFolder data. Top-1 is measured on "
                             "its test split; Taylor scores and recalibration use its training split."));
    m_browse->setText(tr("&Browse…"));
    m_recalibrate->setText(tr("Re&calibrate BatchNorm statistics on"));
    m_recalibrate->setToolTip(tr("Re-estimates every BatchNorm's running mean and variance on training batches, "
                                 "changing no weight. After pruning, stale statistics cause most of the accuracy loss."));
    m_batches->setSuffix(tr(" batches"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Prune"));
    updateFields();
}

void PruneDialog::updateFields()
{
    // Magnitude masks zero a share of the weights; MACs and parameter targets rank channels.
    const bool magnitude = m_method->currentData().toString() == QLatin1String("magnitude");
    if (magnitude && m_target->currentIndex() != 0)
        m_target->setCurrentIndex(0);
    m_target->setEnabled(!magnitude);
    const bool ratio = m_target->currentData().toInt() == static_cast<int>(engine::PruneTarget::Ratio);
    m_amountLabel->setText(magnitude ? tr("Weights to &zero:") : ratio ? tr("Channels to &remove:") : tr("Share to &keep:"));
    m_amountLabel->setBuddy(m_amount);
    if (ratio)
        m_amount->setRange(0, kMaxRatioPercent);
    else
        m_amount->setRange(kMinKeepPercent, 100);
    m_scope->setEnabled(ratio);
    m_roundTo->setEnabled(!magnitude); // masks keep every channel: there is no width to round
    const bool hasData = !m_dataset->text().trimmed().isEmpty();
    m_recalibrate->setEnabled(hasData);
    m_batches->setEnabled(hasData && m_recalibrate->isChecked());
    const QString error = validationError();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
    if (!error.isEmpty())
        m_hint->setText(error);
    else if (!hasData)
        m_hint->setText(tr("Pruning runs as a job and replaces the open model as one step you can undo. Without a "
                           "data set no accuracy is measured and BatchNorm is not recalibrated."));
    else
        m_hint->setText(tr("Pruning runs as a job and replaces the open model as one step you can undo. The Log "
                           "shows top-1 before pruning, right after it and after recalibration."));
}

void PruneDialog::browse()
{
    const QString start = m_dataset->text().trimmed().isEmpty() ? settings::startDirectory() : m_dataset->text().trimmed();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Data Set Folder"), start);
    if (!folder.isEmpty())
        m_dataset->setText(QDir::toNativeSeparators(folder));
}

} // namespace slim::app
