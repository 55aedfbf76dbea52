#include "methoddialog.h"

#include "prunedialog.h"
#include "recipefile.h"
#include "settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace slim::app {

namespace {
constexpr int kRecalibrationBatches = 20;

QWidget* page(QStackedWidget* pages, QFormLayout** form)
{
    auto* widget = new QWidget(pages);
    *form = new QFormLayout(widget);
    pages->addWidget(widget);
    return widget;
}
} // namespace

MethodDialog::MethodDialog(const engine::TrainRecipe& training, const engine::PruneRequest& prune, QWidget* parent,
                           const QString& modelProblem, bool hasBatchNorm)
    : QDialog(parent)
    , m_training(stageTraining(training))
    , m_prune(prune)
    , m_modelProblem(modelProblem)
    , m_hasBatchNorm(hasBatchNorm)
    , m_method(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_summary(new QLabel(this))
    , m_learningRate(new QDoubleSpinBox(this))
    , m_save(new QPushButton(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("methodDialog"));
    m_method->setObjectName(QStringLiteral("methodKind"));
    m_save->setObjectName(QStringLiteral("methodSaveRecipe"));
    m_training.modelInit = "keep";
    for (int i = 0; i < 5; ++i)
        m_method->addItem(QString());

    auto* common = new QFormLayout;
    addRow(common, m_method, [] { return tr("&Method:"); });
    m_learningRate->setObjectName(QStringLiteral("methodLearningRate"));
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(1e-5, 10.0);
    m_learningRate->setSingleStep(0.001);
    m_learningRate->setValue(std::max(1e-5, training.learningRate * kFinetuneLearningRateShare));
    addRow(common, m_learningRate, [] { return tr("&Learning rate:"); },
           [] { return tr("Every stage trains from trained weights: a tenth of the Train panel's rate is a common start."); });

    QFormLayout* form = nullptr;
    page(m_pages, &form);  // Schedule
    m_scheduleKind = new QComboBox(this);
    m_scheduleKind->setObjectName(QStringLiteral("scheduleKind"));
    for (int i = 0; i < 3; ++i)
        m_scheduleKind->addItem(QString());
    m_scheduleKind->setCurrentIndex(2);
    addRow(form, m_scheduleKind, [] { return tr("Sc&hedule:"); },
           [] { return tr("One-shot prunes everything at once; equal steps prune the same share each time; progressive "
                          "prunes p_i = p_f·(1 − (1 − i/n)^k) of the original after step i, more early on."); });
    m_scheduleSteps = addCount(form, QStringLiteral("scheduleSteps"), [] { return tr("&Steps:"); }, 4, 1, 100);
    m_scheduleExponent = addNumber(form, QStringLiteral("scheduleExponent"), [] { return tr("E&xponent k:"); }, 3, 0.1, 20, 2);
    m_scheduleEpochs = addCount(form, QStringLiteral("scheduleEpochs"), [] { return tr("&Fine-tune epochs per step:"); }, 1, 0, 1000);

    page(m_pages, &form);  // Network slimming
    m_slimmingLambda = addNumber(form, QStringLiteral("slimmingLambda"), [] { return tr("Sparsity λ:"); }, 5e-3, 1e-6, 1.0, 6);
    m_slimmingLambda->setSingleStep(1e-3);
    m_slimmingEpochs = addCount(form, QStringLiteral("slimmingEpochs"), [] { return tr("Sparsity &training epochs:"); }, 3, 1, 10000);
    m_slimmingRatio = addNumber(form, QStringLiteral("slimmingRatio"), [] { return tr("&Channels removed (%):"); }, 50, 1, 95, 1);
    m_slimmingFinetune = addCount(form, QStringLiteral("slimmingFinetune"), [] { return tr("&Fine-tune epochs:"); }, 3, 0, 10000);

    page(m_pages, &form);  // Surgery
    m_surgerySparsity = addNumber(form, QStringLiteral("surgerySparsity"), [] { return tr("&Sparsity (%):"); }, 90, 1, 99.9, 1);
    m_surgeryMargin = addNumber(form, QStringLiteral("surgeryMargin"), [] { return tr("Threshold &margin (%):"); }, 10, 0, 99, 1);
    m_surgeryEpochs = addCount(form, QStringLiteral("surgeryEpochs"), [] { return tr("&Epochs:"); }, 5, 1, 10000);

    page(m_pages, &form);  // AGP
    m_agpSparsity = addNumber(form, QStringLiteral("agpSparsity"), [] { return tr("&Final sparsity (%):"); }, 80, 1, 99.9, 1);
    m_agpFrequency = addCount(form, QStringLiteral("agpFrequency"), [] { return tr("Masks grow every N &steps:"); }, 50, 1, 1000000);
    m_agpEpochs = addCount(form, QStringLiteral("agpEpochs"), [] { return tr("&Epochs:"); }, 4, 1, 10000);

    page(m_pages, &form);  // ADMM
    m_admmRatio = addNumber(form, QStringLiteral("admmRatio"), [] { return tr("&Channels removed per layer (%):"); }, 50, 1, 95, 1);
    m_admmRho = addNumber(form, QStringLiteral("admmRho"), [] { return tr("Penalty &ρ:"); }, 0.1, 1e-6, 100, 6);
    m_admmPurify = addNumber(form, QStringLiteral("admmPurify"), [] { return tr("&Purification threshold (%):"); }, 10, 0, 99, 1);
    m_admmEpochs = addCount(form, QStringLiteral("admmEpochs"), [] { return tr("&ADMM epochs:"); }, 3, 1, 10000);
    m_admmRetrain = addCount(form, QStringLiteral("admmRetrain"), [] { return tr("&Retraining epochs:"); }, 2, 0, 10000);

    m_summary->setObjectName(QStringLiteral("methodSummary"));
    m_summary->setWordWrap(true);
    m_summary->setMinimumWidth(420);
    m_buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(common);
    layout->addWidget(m_pages);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        updateSummary();
    });
    connect(m_scheduleKind, &QComboBox::currentIndexChanged, this, &MethodDialog::updateSummary);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] { saveCompressionRecipeAs(this, recipe()); });
    restoreFields();
    retranslate();
}

namespace {
SettingValue<QVariantMap> rememberedFields()
{
    return {QStringLiteral("pruning/methodDialog"), {}};
}
} // namespace

void MethodDialog::restoreFields()
{
    const QVariantMap fields = rememberedFields().value();
    for (QComboBox* box : findChildren<QComboBox*>())
        if (fields.contains(box->objectName()))
            box->setCurrentIndex(std::clamp(fields.value(box->objectName()).toInt(), 0, box->count() - 1));
    for (QSpinBox* box : findChildren<QSpinBox*>())
        if (fields.contains(box->objectName()))
            box->setValue(fields.value(box->objectName()).toInt());
    for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>())
        if (box != m_learningRate && fields.contains(box->objectName()))
            box->setValue(fields.value(box->objectName()).toDouble());
}

void MethodDialog::done(int result)
{
    if (result == QDialog::Accepted) {
        QVariantMap fields;
        for (QComboBox* box : findChildren<QComboBox*>())
            fields.insert(box->objectName(), box->currentIndex());
        for (QSpinBox* box : findChildren<QSpinBox*>())
            fields.insert(box->objectName(), box->value());
        for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>())
            if (box != m_learningRate)
                fields.insert(box->objectName(), box->value());
        rememberedFields().setValue(fields);
    }
    QDialog::done(result);
}

void MethodDialog::addRow(QFormLayout* form, QWidget* field, Text label, Text toolTip)
{
    auto* text = new QLabel(this);
    text->setBuddy(field);
    form->addRow(text, field);
    m_rows.push_back({text, field, std::move(label), std::move(toolTip)});
}

QDoubleSpinBox* MethodDialog::addNumber(QFormLayout* form, const QString& name, Text label, double value, double minimum,
                                        double maximum, int decimals)
{
    auto* box = new QDoubleSpinBox(this);
    box->setObjectName(name);
    box->setDecimals(decimals);
    box->setRange(minimum, maximum);
    box->setValue(value);
    connect(box, &QDoubleSpinBox::valueChanged, this, &MethodDialog::updateSummary);
    addRow(form, box, std::move(label));
    return box;
}

QSpinBox* MethodDialog::addCount(QFormLayout* form, const QString& name, Text label, int value, int minimum, int maximum)
{
    auto* box = new QSpinBox(this);
    box->setObjectName(name);
    box->setRange(minimum, maximum);
    box->setValue(value);
    connect(box, &QSpinBox::valueChanged, this, &MethodDialog::updateSummary);
    addRow(form, box, std::move(label));
    return box;
}

QString MethodDialog::methodName() const
{
    return m_method->currentText();
}

void MethodDialog::setMethod(Method method)
{
    m_method->setCurrentIndex(static_cast<int>(method));
}

MethodDialog::Method MethodDialog::method() const
{
    return static_cast<Method>(m_method->currentIndex());
}

engine::TrainRecipe MethodDialog::training(int epochs) const
{
    engine::TrainRecipe settings = m_training;
    settings.epochs = std::max(1, epochs);
    settings.learningRate = m_learningRate->value();
    settings.warmupEpochs = std::min<std::int64_t>(m_training.warmupEpochs, settings.epochs - 1);
    settings.batchNormL1 = 0;
    return settings;
}

engine::CompressionRecipe MethodDialog::recipe() const
{
    using Kind = engine::CompressionStage::Kind;
    engine::CompressionRecipe recipe;
    recipe.base = m_training;
    recipe.outputDir = "compressed";
    const auto trainingStage = [this](Kind kind, int epochs) {
        engine::CompressionStage stage;
        stage.kind = kind;
        stage.finetune = training(epochs);
        return stage;
    };
    const auto pruneStage = [this](const engine::PruneRequest& request) {
        engine::CompressionStage stage;
        stage.kind = Kind::Prune;
        stage.prune = request;
        stage.prune.dataset = m_training.dataset;
        return stage;
    };
    switch (method()) {
    case Method::Schedule: {
        static const engine::prune::PruneSchedule kinds[] = {engine::prune::PruneSchedule::OneShot,
                                                             engine::prune::PruneSchedule::Equal,
                                                             engine::prune::PruneSchedule::Progressive};
        const auto kind = kinds[m_scheduleKind->currentIndex()];
        const int steps = kind == engine::prune::PruneSchedule::OneShot ? 1 : m_scheduleSteps->value();
        for (engine::CompressionStage& stage : engine::scheduleStages(m_prune, kind, steps, m_scheduleExponent->value())) {
            if (stage.prune.method != "magnitude")
                stage.prune.recalibrateBatches = kRecalibrationBatches;
            stage.prune.dataset = m_training.dataset;
            recipe.stages.push_back(stage);
            if (m_scheduleEpochs->value() > 0)
                recipe.stages.push_back(trainingStage(Kind::Finetune, m_scheduleEpochs->value()));
        }
        break;
    }
    case Method::Slimming: {
        engine::CompressionStage sparsity = trainingStage(Kind::Finetune, m_slimmingEpochs->value());
        sparsity.finetune.batchNormL1 = m_slimmingLambda->value();
        recipe.stages.push_back(sparsity);
        engine::PruneRequest cut;
        cut.method = "bn";
        cut.global = true;
        cut.amount = m_slimmingRatio->value() / 100.0;
        cut.protectedNodes = m_prune.protectedNodes;
        recipe.stages.push_back(pruneStage(cut));
        if (m_slimmingFinetune->value() > 0)
            recipe.stages.push_back(trainingStage(Kind::Finetune, m_slimmingFinetune->value()));
        break;
    }
    case Method::Surgery: {
        engine::CompressionStage stage = trainingStage(Kind::Surgery, m_surgeryEpochs->value());
        stage.surgery.sparsity = m_surgerySparsity->value() / 100.0;
        stage.surgery.margin = m_surgeryMargin->value() / 100.0;
        stage.surgery.protectedNodes = m_prune.protectedNodes;
        stage.surgery.seed = m_training.seed;
        recipe.stages.push_back(stage);
        break;
    }
    case Method::Agp: {
        engine::CompressionStage stage = trainingStage(Kind::Agp, m_agpEpochs->value());
        stage.agp.sparsity = m_agpSparsity->value() / 100.0;
        stage.agp.frequency = m_agpFrequency->value();
        stage.agp.endEpoch = 0.75 * static_cast<double>(stage.finetune.epochs);  // then training goes on at s_f
        stage.agp.protectedNodes = m_prune.protectedNodes;
        recipe.stages.push_back(stage);
        break;
    }
    case Method::Admm: {
        engine::CompressionStage stage = trainingStage(Kind::Admm, m_admmEpochs->value());
        stage.admm.ratio = m_admmRatio->value() / 100.0;
        stage.admm.rho = m_admmRho->value();
        stage.admm.rhoMax = std::max(stage.admm.rhoMax, stage.admm.rho);
        stage.admm.purify = m_admmPurify->value() / 100.0;
        stage.admm.roundTo = m_prune.roundTo;
        stage.admm.protectedNodes = m_prune.protectedNodes;
        recipe.stages.push_back(stage);
        if (m_admmRetrain->value() > 0)
            recipe.stages.push_back(trainingStage(Kind::Finetune, m_admmRetrain->value()));
        break;
    }
    }
    return recipe;
}

void MethodDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void MethodDialog::retranslate()
{
    setWindowTitle(tr("Prune While Training"));
    m_method->setItemText(0, tr("Iterative schedule of the Prune panel's cut"));
    m_method->setItemText(1, tr("Network slimming (L1 on BatchNorm γ)"));
    m_method->setItemText(2, tr("Dynamic network surgery (prune and restore)"));
    m_method->setItemText(3, tr("AGP: gradual magnitude pruning"));
    m_method->setItemText(4, tr("ADMM with purification"));
    m_scheduleKind->setItemText(0, tr("One-shot"));
    m_scheduleKind->setItemText(1, tr("Equal steps"));
    m_scheduleKind->setItemText(2, tr("Progressive"));
    for (const Row& row : m_rows) {
        row.label->setText(row.text());
        if (row.toolTip)
            row.field->setToolTip(row.toolTip());
    }
    m_slimmingLambda->setToolTip(tr("λ of the penalty λ·Σ|γ| on every BatchNorm scale. The paper's 1e-4 barely moves γ "
                                    "in a few epochs; 5e-3 polarises them on Fashion-MNIST."));
    m_surgeryMargin->setToolTip(tr("Each layer prunes below (1 − margin)·t and restores above (1 + margin)·t, t the "
                                   "magnitude at the chosen sparsity."));
    m_admmPurify->setToolTip(tr("After hard pruning, a channel whose weights' norm is below this share of its layer's "
                                "median goes too."));
    m_save->setText(tr("Save &Recipe…"));
    m_save->setToolTip(tr("Writes these stages as a recipe that slimbench-cli run repeats."));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    m_save->setEnabled(m_modelProblem.isEmpty());
    if (!m_modelProblem.isEmpty())
        m_save->setToolTip(m_modelProblem);
    updateSummary();
}

void MethodDialog::updateSummary()
{
    // Steps and k mean nothing to a one-shot cut, k nothing to equal steps.
    m_scheduleSteps->setEnabled(m_scheduleKind->currentIndex() != 0);
    m_scheduleExponent->setEnabled(m_scheduleKind->currentIndex() == 2);
    const bool hasData = !m_training.dataset.empty();
    const bool slimmingWithoutBatchNorm = method() == Method::Slimming && !m_hasBatchNorm;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(hasData && !slimmingWithoutBatchNorm);
    if (!hasData) {
        m_summary->setText(tr("Choose a data set in the Train panel first: every method trains on it."));
        return;
    }
    if (slimmingWithoutBatchNorm) {
        m_summary->setText(tr("This model has no BatchNorm layer: network slimming ranks channels by BatchNorm γ, so "
                              "it would remove nothing. Choose another method."));
        return;
    }
    const QLocale locale;
    const engine::CompressionRecipe stages = recipe();
    std::int64_t epochs = 0;
    for (const engine::CompressionStage& stage : stages.stages)
        if (stage.kind != engine::CompressionStage::Kind::Prune)
            epochs += stage.finetune.epochs;
    QString text;
    switch (method()) {
    case Method::Schedule: {
        QStringList shares;
        double left = 1;
        for (const engine::CompressionStage& stage : stages.stages) {
            if (stage.kind != engine::CompressionStage::Kind::Prune)
                continue;
            // What each step leaves, as a share of the original.
            if (stage.prune.method == "magnitude")
                left = 1 - stage.prune.amount;  // cumulative: masks compose
            else if (stage.prune.target != engine::PruneTarget::Ratio)
                left *= stage.prune.amount;      // keeps a share of what the step starts from
            else
                left *= 1 - stage.prune.amount;  // removes a share of what the step starts from
            shares << locale.toString(100 * (1 - left), 'f', 1);
        }
        const bool keeps = m_prune.target != engine::PruneTarget::Ratio && m_prune.method != "magnitude";
        text = (keeps ? tr("Prunes by %1 toward the Prune panel's target; after each step %2 % of the MACs (parameters) "
                           "are gone.")
                      : tr("Prunes by %1 toward the Prune panel's ratio; after each step %2 % are gone."))
                   .arg(pruneMethodName(QString::fromStdString(m_prune.method)), shares.join(QStringLiteral(" → ")));
        break;
    }
    case Method::Slimming:
        text = tr("Trains with the L1 penalty on every BatchNorm γ, removes the %1 % of channels with the smallest |γ| "
                  "under one global threshold, then fine-tunes. Watch γ polarise in Redundancy › |γ| over epochs.")
                   .arg(locale.toString(m_slimmingRatio->value(), 'f', 1));
        break;
    case Method::Surgery:
        text = tr("Masks up to %1 % of every conv and Linear weight (weights between the two thresholds stay, so "
                  "usually a few per cent fewer) and trains the dense weights through the masked forward pass, so "
                  "weights pruned by mistake come back.")
                   .arg(locale.toString(m_surgerySparsity->value(), 'f', 1));
        break;
    case Method::Agp:
        text = tr("Raises every layer's sparsity along Zhu and Gupta's cubic to %1 % over the first three quarters of "
                  "the epochs, then trains on with fixed masks.")
                   .arg(locale.toString(m_agpSparsity->value(), 'f', 1));
        break;
    case Method::Admm:
        text = tr("Trains with ADMM toward a copy with %1 % of every layer's channels zeroed, removes them and the "
                  "channels left nearly empty (purification), then retrains.")
                   .arg(locale.toString(m_admmRatio->value(), 'f', 1));
        break;
    }
    m_summary->setText(tr("%1 %n training epoch(s) in all on %2. The result replaces the model as one step you can undo.",
                          "", static_cast<int>(epochs))
                           .arg(text, QDir::toNativeSeparators(QString::fromStdString(m_training.dataset))));
}

} // namespace slim::app
