#include "finetunedialog.h"

#include "prunedialog.h"
#include "recipefile.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slim::app {

namespace {
constexpr int kDefaultEpochs = 5;
constexpr int kRecalibrationBatches = 20;
} // namespace

FinetuneDialog::FinetuneDialog(const engine::TrainRecipe& training, const engine::PruneRequest& prune, QWidget* parent,
                               const QString& modelProblem)
    : QDialog(parent)
    , m_training(stageTraining(training))
    , m_prune(prune)
    , m_modelProblem(modelProblem)
    , m_epochs(new QSpinBox(this))
    , m_learningRate(new QDoubleSpinBox(this))
    , m_recalibrate(new QCheckBox(this))
    , m_epochsLabel(new QLabel(this))
    , m_learningRateLabel(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_save(new QPushButton(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("finetuneDialog"));
    m_epochs->setObjectName(QStringLiteral("finetuneEpochs"));
    m_learningRate->setObjectName(QStringLiteral("finetuneLearningRate"));
    m_recalibrate->setObjectName(QStringLiteral("finetuneRecalibrate"));
    m_save->setObjectName(QStringLiteral("finetuneSaveRecipe"));
    m_epochs->setRange(1, 10000);
    m_epochs->setValue(kDefaultEpochs);
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(1e-5, 10.0);
    m_learningRate->setSingleStep(0.001);
    m_learningRate->setValue(std::max(1e-5, training.learningRate * kFinetuneLearningRateShare));
    m_recalibrate->setChecked(true);
    m_summary->setWordWrap(true);
    m_buttons->addButton(m_save, QDialogButtonBox::ActionRole);

    auto* form = new QFormLayout;
    form->addRow(m_epochsLabel, m_epochs);
    form->addRow(m_learningRateLabel, m_learningRate);
    form->addRow(QString(), m_recalibrate);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] { saveCompressionRecipeAs(this, recipe()); });
    retranslate();
}

engine::CompressionRecipe FinetuneDialog::recipe() const
{
    engine::CompressionRecipe recipe;
    recipe.base = m_training;
    recipe.outputDir = "compressed";
    engine::CompressionStage prune;
    prune.kind = engine::CompressionStage::Kind::Prune;
    prune.prune = m_prune;
    prune.prune.dataset = m_training.dataset;
    prune.prune.recalibrateBatches = m_recalibrate->isChecked() ? kRecalibrationBatches : 0;
    engine::CompressionStage finetune;
    finetune.kind = engine::CompressionStage::Kind::Finetune;
    finetune.finetune = m_training;
    finetune.finetune.epochs = m_epochs->value();
    finetune.finetune.learningRate = m_learningRate->value();
    finetune.finetune.warmupEpochs = std::min<std::int64_t>(m_training.warmupEpochs, m_epochs->value() - 1);
    finetune.finetune.modelInit = "keep";
    recipe.stages = {prune, finetune};
    return recipe;
}

bool FinetuneDialog::saveRecipeTo(const QString& path, QString* errorMessage) const
{
    return writeCompressionRecipe(path, recipe(), errorMessage);
}

void FinetuneDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void FinetuneDialog::retranslate()
{
    setWindowTitle(tr("Prune and Fine-tune"));
    const QString amount = QLocale().toString(m_prune.amount * 100, 'g', 3);
    QString what = m_prune.target == engine::PruneTarget::Ratio ? tr("remove %1 % of the channels").arg(amount)
                   : m_prune.target == engine::PruneTarget::Macs ? tr("keep %1 % of the MACs").arg(amount)
                                                                  : tr("keep %1 % of the parameters").arg(amount);
    if (!m_prune.overrides.empty())
        what = tr("%1; %n group(s) with a ratio of their own", "", static_cast<int>(m_prune.overrides.size())).arg(what);
    m_summary->setText(tr("Prunes by %1 (%2), then fine-tunes on %3 with the Train panel's optimizer and schedule. "
                          "The accuracy curve grows in Curves; the result replaces the model as one step you can undo.")
                           .arg(pruneMethodName(QString::fromStdString(m_prune.method)), what,
                                QDir::toNativeSeparators(QString::fromStdString(m_training.dataset))));
    m_epochsLabel->setText(tr("Fine-tune &epochs:"));
    m_epochsLabel->setBuddy(m_epochs);
    m_learningRateLabel->setText(tr("&Learning rate:"));
    m_learningRateLabel->setBuddy(m_learningRate);
    m_learningRate->setToolTip(tr("Fine-tuning starts from trained weights: a tenth of the Train panel's rate is a "
                                  "common start."));
    m_recalibrate->setText(tr("Re&calibrate BatchNorm after pruning (20 batches)"));
    m_save->setText(tr("Save &Recipe…"));
    m_save->setToolTip(tr("Writes these stages as a recipe that slimbench-cli run repeats."));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    const bool hasData = !m_training.dataset.empty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(hasData);
    if (!hasData)
        m_summary->setText(tr("Choose a data set in the Train panel first: fine-tuning trains on it."));
    m_save->setEnabled(m_modelProblem.isEmpty());
    if (!m_modelProblem.isEmpty())
        m_save->setToolTip(m_modelProblem);
}

} // namespace slim::app
