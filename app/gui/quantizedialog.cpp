#include "quantizedialog.h"

#include "recipefile.h"
#include "settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slim::app {

namespace {
constexpr char kSettingsGroup[] = "quantizeDialog";
const QStringList kObservers{QStringLiteral("minmax"), QStringLiteral("ema"), QStringLiteral("percentile"),
                             QStringLiteral("mse"), QStringLiteral("kl")};

QSpinBox* bitsBox(QWidget* parent, const QString& name)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(2, 16);
    box->setValue(8);
    return box;
}

QDoubleSpinBox* numberBox(QWidget* parent, const QString& name, double value, double minimum, double maximum, int decimals)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setDecimals(decimals);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}
} // namespace

QuantizeDialog::QuantizeDialog(const engine::TrainRecipe& training, const QStringList& layers, const QString& modelFile,
                               QWidget* parent, const QString& modelProblem)
    : QDialog(parent)
    , m_training(stageTraining(training))
    , m_modelFile(modelFile)
    , m_modelProblem(modelProblem)
    , m_summary(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_modeLabel(new QLabel(this))
    , m_quantGroup(new QGroupBox(this))
    , m_quantForm(new QFormLayout(m_quantGroup))
    , m_weightBits(bitsBox(this, QStringLiteral("quantWeightBits")))
    , m_activationBits(bitsBox(this, QStringLiteral("quantActivationBits")))
    , m_observer(new QComboBox(this))
    , m_perChannel(new QCheckBox(this))
    , m_symmetric(new QCheckBox(this))
    , m_keepEnds(new QCheckBox(this))
    , m_calibration(new QSpinBox(this))
    , m_trainGroup(new QGroupBox(this))
    , m_trainForm(new QFormLayout(m_trainGroup))
    , m_epochs(new QSpinBox(this))
    // A hundredth of the Train panel's rate: QAT trains the BatchNorm-folded model, which a
    // fine-tuning rate of 0.01 made collapse to chance under a teacher (tests/bench/quant_figures.sh).
    , m_learningRate(numberBox(this, QStringLiteral("quantLearningRate"),
                               std::max(1e-5, training.learningRate * kFinetuneLearningRateShare * 0.1), 1e-5, 10.0, 5))
    , m_stepwise(new QCheckBox(this))
    , m_teacherGuided(new QCheckBox(this))
    , m_distillGroup(new QGroupBox(this))
    , m_distillForm(new QFormLayout(m_distillGroup))
    , m_teacher(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_temperature(numberBox(this, QStringLiteral("distillTemperature"), 4, 0.1, 100, 1))
    , m_alpha(numberBox(this, QStringLiteral("distillAlpha"), 0.7, 0, 1, 2))
    , m_featureWeight(numberBox(this, QStringLiteral("distillFeatureWeight"), 0, 0, 1000, 2))
    , m_tap(new QComboBox(this))
    , m_attention(new QCheckBox(this))
    , m_relationWeight(numberBox(this, QStringLiteral("distillRelationWeight"), 0, 0, 1000, 2))
    , m_relation(new QComboBox(this))
    , m_save(new QPushButton(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("quantizeDialog"));
    m_mode->setObjectName(QStringLiteral("quantMode"));
    m_mode->addItems({QString(), QString(), QString()});
    m_observer->setObjectName(QStringLiteral("quantObserver"));
    m_observer->addItems(kObservers);
    m_perChannel->setObjectName(QStringLiteral("quantPerChannel"));
    m_perChannel->setChecked(true);
    m_symmetric->setObjectName(QStringLiteral("quantSymmetric"));
    m_keepEnds->setObjectName(QStringLiteral("quantKeepEnds"));
    m_calibration->setObjectName(QStringLiteral("quantCalibrationBatches"));
    m_calibration->setRange(1, 10000);
    m_calibration->setValue(8);
    m_epochs->setObjectName(QStringLiteral("quantEpochs"));
    m_epochs->setRange(1, 10000);
    m_epochs->setValue(3);
    m_stepwise->setObjectName(QStringLiteral("quantStepwise"));
    m_teacherGuided->setObjectName(QStringLiteral("quantTeacherGuided"));
    m_teacher->setObjectName(QStringLiteral("distillTeacher"));
    m_teacher->setText(modelFile);
    m_browse->setObjectName(QStringLiteral("distillBrowse"));
    m_tap->setObjectName(QStringLiteral("distillTap"));
    m_tap->addItem(QString());
    m_tap->addItems(layers);
    m_attention->setObjectName(QStringLiteral("distillAttention"));
    m_relation->setObjectName(QStringLiteral("distillRelation"));
    m_relation->addItems({QString(), QString()});
    m_save->setObjectName(QStringLiteral("quantSaveRecipe"));
    m_summary->setWordWrap(true);
    m_buttons->addButton(m_save, QDialogButtonBox::ActionRole);

    addRow(m_quantForm, m_weightBits, [] { return tr("&Weight bits:"); });
    addRow(m_quantForm, m_activationBits, [] { return tr("&Activation bits:"); });
    addRow(m_quantForm, m_observer, [] { return tr("&Observer:"); });
    addRow(m_quantForm, m_calibration, [] { return tr("&Calibration batches:"); });
    m_quantForm->addRow(QString(), m_perChannel);
    m_quantForm->addRow(QString(), m_symmetric);
    m_quantForm->addRow(QString(), m_keepEnds);
    addRow(m_trainForm, m_epochs, [] { return tr("&Epochs:"); });
    addRow(m_trainForm, m_learningRate, [] { return tr("&Learning rate:"); });
    m_trainForm->addRow(QString(), m_stepwise);
    m_trainForm->addRow(QString(), m_teacherGuided);
    auto* teacherRow = new QWidget(this);
    auto* teacherLayout = new QHBoxLayout(teacherRow);
    teacherLayout->setContentsMargins(0, 0, 0, 0);
    teacherLayout->addWidget(m_teacher, 1);
    teacherLayout->addWidget(m_browse);
    addRow(m_distillForm, teacherRow, [] { return tr("&Teacher:"); });
    m_rows.back().label->setBuddy(m_teacher);
    addRow(m_distillForm, m_temperature, [] { return tr("Tem&perature T:"); });
    addRow(m_distillForm, m_alpha, [] { return tr("Respo&nse weight α:"); });
    addRow(m_distillForm, m_featureWeight, [] { return tr("&Feature weight β:"); });
    addRow(m_distillForm, m_tap, [] { return tr("Feature la&yer:"); });
    m_distillForm->addRow(QString(), m_attention);
    addRow(m_distillForm, m_relationWeight, [] { return tr("Relation wei&ght γ:"); });
    addRow(m_distillForm, m_relation, [] { return tr("Relation &kind:"); });

    auto* modeRow = new QFormLayout;
    modeRow->addRow(m_modeLabel, m_mode);
    m_modeLabel->setBuddy(m_mode);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(modeRow);
    layout->addWidget(m_quantGroup);
    layout->addWidget(m_trainGroup);
    layout->addWidget(m_distillGroup);
    layout->addWidget(m_buttons);

    // What was chosen last time (the learning rate follows the Train panel).
    QSettings stored;
    stored.beginGroup(QLatin1String(kSettingsGroup));
    for (QComboBox* box : findChildren<QComboBox*>()) {
        const int index = stored.value(box->objectName(), box->currentIndex()).toInt();
        if (box != m_tap && index >= 0 && index < box->count())
            box->setCurrentIndex(index);
    }
    for (QSpinBox* box : findChildren<QSpinBox*>())
        box->setValue(stored.value(box->objectName(), box->value()).toInt());
    for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>())
        if (box != m_learningRate)
            box->setValue(stored.value(box->objectName(), box->value()).toDouble());
    for (QCheckBox* box : findChildren<QCheckBox*>())
        box->setChecked(stored.value(box->objectName(), box->isChecked()).toBool());
    const QString tap = stored.value(m_tap->objectName()).toString();
    if (const int index = m_tap->findText(tap); index > 0)
        m_tap->setCurrentIndex(index);
    stored.endGroup();

    connect(m_mode, &QComboBox::currentIndexChanged, this, &QuantizeDialog::updateState);
    for (QSpinBox* box : {m_weightBits, m_activationBits, m_epochs})
        connect(box, &QSpinBox::valueChanged, this, &QuantizeDialog::updateState);
    for (QDoubleSpinBox* box : {m_featureWeight, m_relationWeight})
        connect(box, &QDoubleSpinBox::valueChanged, this, &QuantizeDialog::updateState);
    connect(m_tap, &QComboBox::currentIndexChanged, this, &QuantizeDialog::updateState);
    connect(m_teacher, &QLineEdit::textChanged, this, &QuantizeDialog::updateState);
    connect(m_teacherGuided, &QCheckBox::toggled, this, &QuantizeDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Teacher Model"), settings::startDirectory(),
                                                          tr("Models (*.slim *.onnx *.pt);;All files (*)"));
        if (!path.isEmpty())
            m_teacher->setText(QDir::toNativeSeparators(path));
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] { saveCompressionRecipeAs(this, recipe()); });
    retranslate();
}

void QuantizeDialog::addRow(QFormLayout* form, QWidget* field, Text label)
{
    auto* text = new QLabel(this);
    text->setBuddy(field);
    form->addRow(text, field);
    m_rows.push_back({text, std::move(label)});
}

void QuantizeDialog::setMode(Mode mode)
{
    m_mode->setCurrentIndex(static_cast<int>(mode));
}

QuantizeDialog::Mode QuantizeDialog::mode() const
{
    return static_cast<Mode>(m_mode->currentIndex());
}

engine::QuantizeRequest QuantizeDialog::quantizeRequest() const
{
    engine::QuantizeRequest request;
    engine::quant::QuantSettings& settings = request.settings;
    settings.weightBits = m_weightBits->value();
    settings.activationBits = m_activationBits->value();
    settings.perChannel = m_perChannel->isChecked();
    settings.activationSymmetric = m_symmetric->isChecked();
    settings.keepEndsAt8Bits = m_keepEnds->isChecked();
    settings.observer = engine::quant::observerFromName(m_observer->currentText().toStdString()).value_or(engine::quant::ObserverKind::MinMax);
    request.calibration = m_training.dataset;
    request.calibrationBatches = m_calibration->value();
    request.dataset = m_training.validation == "none" ? std::string() : m_training.dataset;
    request.seed = m_training.seed;
    return request;
}

engine::QatRecipe QuantizeDialog::qat() const
{
    engine::QatRecipe qat;
    qat.enabled = true;
    qat.weightBits = m_weightBits->value();
    qat.activationBits = m_activationBits->value();
    qat.perChannel = m_perChannel->isChecked();
    qat.symmetric = m_symmetric->isChecked();
    qat.keepEnds = m_keepEnds->isChecked();
    qat.observer = m_observer->currentText().toStdString();
    qat.calibrationBatches = m_calibration->value();
    const int target = std::min(m_weightBits->value(), m_activationBits->value());
    const std::int64_t epochs = m_epochs->value();
    if (m_stepwise->isChecked() && epochs >= 3 && target < 8) {
        // 16 bits, then 8, then the target, each for a third of the epochs (the seed's 16 → 8 → 4)
        qat.bitsSchedule = {{0, 16}, {epochs / 3, 8}, {2 * epochs / 3, target}};
    }
    return qat;
}

engine::DistillRecipe QuantizeDialog::distill() const
{
    engine::DistillRecipe distill;
    distill.teacher = QDir::fromNativeSeparators(m_teacher->text().trimmed()).toStdString();
    distill.temperature = m_temperature->value();
    distill.alpha = m_alpha->value();
    distill.featureWeight = m_tap->currentIndex() > 0 ? m_featureWeight->value() : 0;
    distill.attention = m_attention->isChecked();
    distill.relationWeight = m_relationWeight->value();
    distill.relation = m_relation->currentIndex() == 1 ? "rkd" : "cosine";
    if (m_tap->currentIndex() > 0)
        distill.taps.emplace_back(m_tap->currentText().toStdString(), m_tap->currentText().toStdString());
    return distill;
}

engine::CompressionRecipe QuantizeDialog::recipe() const
{
    engine::CompressionRecipe recipe;
    recipe.base = m_training;
    recipe.outputDir = "compressed";
    engine::CompressionStage stage;
    stage.kind = engine::CompressionStage::Kind::Finetune;
    stage.finetune = m_training;
    stage.finetune.epochs = m_epochs->value();
    stage.finetune.learningRate = m_learningRate->value();
    stage.finetune.warmupEpochs = std::min<std::int64_t>(m_training.warmupEpochs, m_epochs->value() - 1);
    stage.finetune.modelInit = "keep";
    if (mode() == Mode::QuantizationAware) {
        stage.finetune.qat = qat();
        if (m_teacherGuided->isChecked()) {
            stage.finetune.distill.teacher = "baseline"; // the open model, in full precision
            stage.finetune.distill.alpha = m_alpha->value();
            stage.finetune.distill.temperature = m_temperature->value();
        }
    } else if (mode() == Mode::Distillation) {
        stage.finetune.distill = distill();
    }
    recipe.stages = {stage};
    return recipe;
}

QString QuantizeDialog::actionName() const
{
    switch (mode()) {
    case Mode::PostTraining:
        return tr("W%1A%2 post-training quantization").arg(m_weightBits->value()).arg(m_activationBits->value());
    case Mode::QuantizationAware:
        return tr("W%1A%2 quantization-aware training").arg(m_weightBits->value()).arg(m_activationBits->value());
    case Mode::Distillation:
        return tr("distillation from %1").arg(QFileInfo(m_teacher->text()).fileName());
    }
    return {};
}

QString QuantizeDialog::problem() const
{
    if (m_training.dataset.empty())
        return tr("Choose a data set in the Train panel first: calibration and training run on it.");
    if (mode() == Mode::Distillation) {
        if (m_teacher->text().trimmed().isEmpty())
            return tr("Name the teacher: a model file (.slim, .onnx or .pt), for example the version this one was "
                      "pruned from.");
        if (!QFileInfo::exists(m_teacher->text().trimmed()))
            return tr("The teacher file %1 does not exist.").arg(m_teacher->text().trimmed());
        if (m_featureWeight->value() > 0 && m_tap->currentIndex() <= 0)
            return tr("Feature distillation needs a layer: choose the feature layer, or set its weight to 0.");
    }
    return {};
}

void QuantizeDialog::updateState()
{
    const Mode current = mode();
    m_quantGroup->setVisible(current != Mode::Distillation);
    m_trainGroup->setVisible(current != Mode::PostTraining);
    m_stepwise->setVisible(current == Mode::QuantizationAware);
    m_teacherGuided->setVisible(current == Mode::QuantizationAware);
    m_distillGroup->setVisible(current == Mode::Distillation || (current == Mode::QuantizationAware && m_teacherGuided->isChecked()));
    // Teacher-guided QAT takes the open model as it is now: only T and α apply.
    const bool fullDistillation = current == Mode::Distillation;
    for (QWidget* field : std::initializer_list<QWidget*>{m_teacher->parentWidget(), m_featureWeight, m_tap, m_attention,
                                                          m_relationWeight, m_relation})
        m_distillForm->setRowVisible(field, fullDistillation);
    const int target = std::min(m_weightBits->value(), m_activationBits->value());
    m_stepwise->setEnabled(target < 8 && m_epochs->value() >= 3);
    QString text;
    switch (current) {
    case Mode::PostTraining:
        text = tr("Folds BatchNorm, simulates the weights and activations at the bits below, and calibrates the "
                  "activation ranges on %1 training batches of %2. No training: seconds. The per-layer error chart "
                  "and top-1 before and after follow; the result replaces the model as one step you can undo.")
                   .arg(m_calibration->value())
                   .arg(QDir::toNativeSeparators(QString::fromStdString(m_training.dataset)));
        break;
    case Mode::QuantizationAware:
        text = tr("Quantizes and calibrates as post-training quantization does, then trains under the fake "
                  "quantization (straight-through gradients) on %1. The curves grow in Curves.")
                   .arg(QDir::toNativeSeparators(QString::fromStdString(m_training.dataset)));
        break;
    case Mode::Distillation:
        text = tr("Fine-tunes the open model (the student) on %1 while it learns from the teacher's softened outputs "
                  "(KL × T², weight α), and optionally its features (an adapter matches the widths) and the relations "
                  "between the samples of a batch.")
                   .arg(QDir::toNativeSeparators(QString::fromStdString(m_training.dataset)));
        break;
    }
    const QString why = problem();
    m_summary->setText(why.isEmpty() ? text : why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    m_save->setVisible(current != Mode::PostTraining);
    m_save->setEnabled(m_modelProblem.isEmpty() && why.isEmpty());
    adjustSize();
}

void QuantizeDialog::done(int result)
{
    if (result == QDialog::Accepted) {
        QSettings stored;
        stored.beginGroup(QLatin1String(kSettingsGroup));
        for (QComboBox* box : findChildren<QComboBox*>())
            stored.setValue(box->objectName(), box == m_tap ? QVariant(box->currentText()) : QVariant(box->currentIndex()));
        for (QSpinBox* box : findChildren<QSpinBox*>())
            stored.setValue(box->objectName(), box->value());
        for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>())
            if (box != m_learningRate)
                stored.setValue(box->objectName(), box->value());
        for (QCheckBox* box : findChildren<QCheckBox*>())
            stored.setValue(box->objectName(), box->isChecked());
        stored.endGroup();
    }
    QDialog::done(result);
}

void QuantizeDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void QuantizeDialog::retranslate()
{
    setWindowTitle(tr("Quantize and Distill"));
    m_modeLabel->setText(tr("&Method:"));
    m_mode->setItemText(0, tr("Post-training quantization (PTQ)"));
    m_mode->setItemText(1, tr("Quantization-aware training (QAT)"));
    m_mode->setItemText(2, tr("Knowledge distillation fine-tune"));
    m_quantGroup->setTitle(tr("Quantization"));
    m_trainGroup->setTitle(tr("Training"));
    m_distillGroup->setTitle(tr("Distillation"));
    for (const Row& row : m_rows)
        row.label->setText(row.text());
    m_observer->setToolTip(tr("How activation ranges are chosen from the calibration data: minmax (smallest and largest "
                              "value), ema (moving average of each batch's), percentile (drops the outer 0.01 %), mse "
                              "(least squared rounding and clipping error), kl (TensorRT's entropy calibration)."));
    m_perChannel->setText(tr("One weight scale per output &channel"));
    m_perChannel->setToolTip(tr("Per-channel weights lose much less accuracy than one scale per layer; RK3588 and "
                                "ONNX Runtime run them."));
    m_symmetric->setText(tr("S&ymmetric activations (signed, zero point 0)"));
    m_keepEnds->setText(tr("Keep the first and last layers at 8 &bits"));
    m_calibration->setToolTip(tr("Training batches of 64 images the ranges are calibrated on."));
    m_learningRate->setToolTip(tr("Quantization-aware training and distillation start from trained weights: a small "
                                  "rate such as 0.001 keeps the BatchNorm-folded model stable."));
    m_stepwise->setText(tr("&Step the bits down: 16 → 8 → target, a third of the epochs each"));
    m_stepwise->setToolTip(tr("A stepwise bit-width schedule: the model adapts to each precision before the "
                              "next cut. Needs a target below 8 bits and at least 3 epochs."));
    m_teacherGuided->setText(tr("Teacher-&guided: the open model in full precision as the teacher"));
    m_browse->setText(tr("Bro&wse…"));
    m_teacher->setPlaceholderText(tr("A model file: the version this one was pruned from"));
    m_temperature->setToolTip(tr("Softens both models' outputs; 2 to 8 are common. The KL term is multiplied by T²."));
    m_alpha->setToolTip(tr("Share of the distillation term; the labels' cross-entropy gets 1 − α."));
    m_tap->setItemText(0, tr("(none)"));
    m_tap->setToolTip(tr("A layer both models have, at the same spatial size; a learned 1×1 adapter matches a pruned "
                         "student's width to the teacher's."));
    m_attention->setText(tr("Weight the feature error by the teacher's &attention σ(AvgPool + MaxPool)"));
    m_relation->setItemText(0, tr("Cosine relation matrix"));
    m_relation->setItemText(1, tr("RKD distance and angle"));
    m_save->setText(tr("Save &Recipe…"));
    m_save->setToolTip(tr("Writes this as a recipe that slimbench-cli run repeats."));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    updateState();
}

} // namespace slim::app
