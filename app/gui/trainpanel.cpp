#include "trainpanel.h"

#include "errortext.h"
#include "io/atomicfile.h"
#include "settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slim::app {

TrainPanel::TrainPanel(QWidget* parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_dataset(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_epochs(new QSpinBox(this))
    , m_batch(new QSpinBox(this))
    , m_optimizer(new QComboBox(this))
    , m_learningRate(new QDoubleSpinBox(this))
    , m_momentum(new QDoubleSpinBox(this))
    , m_nesterov(new QCheckBox(this))
    , m_weightDecay(new QDoubleSpinBox(this))
    , m_schedule(new QComboBox(this))
    , m_warmup(new QSpinBox(this))
    , m_cropPadding(new QSpinBox(this))
    , m_flip(new QCheckBox(this))
    , m_labelSmoothing(new QDoubleSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_threads(new QSpinBox(this))
    , m_train(new QPushButton(this))
    , m_save(new QPushButton(this))
    , m_load(new QPushButton(this))
{
    setObjectName(QStringLiteral("trainPanel"));
    m_dataset->setObjectName(QStringLiteral("datasetEdit"));
    m_epochs->setObjectName(QStringLiteral("epochsSpin"));
    m_batch->setObjectName(QStringLiteral("batchSpin"));
    m_optimizer->setObjectName(QStringLiteral("optimizerCombo"));
    m_learningRate->setObjectName(QStringLiteral("learningRateSpin"));
    m_schedule->setObjectName(QStringLiteral("scheduleCombo"));
    m_train->setObjectName(QStringLiteral("trainButton"));

    m_epochs->setRange(1, 100000);
    m_batch->setRange(1, 65536);
    for (const char* name : {"sgd", "adam", "adamw"})
        m_optimizer->addItem(QString(), QString::fromLatin1(name));
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0.00001, 10.0);
    m_learningRate->setSingleStep(0.01);
    m_momentum->setRange(0.0, 0.999);
    m_momentum->setSingleStep(0.05);
    m_weightDecay->setDecimals(6);
    m_weightDecay->setRange(0.0, 1.0);
    m_weightDecay->setSingleStep(0.0001);
    for (const char* name : {"constant", "step", "multistep", "cosine"})
        m_schedule->addItem(QString(), QString::fromLatin1(name));
    m_warmup->setRange(0, 1000);
    m_cropPadding->setRange(0, 64);
    m_labelSmoothing->setRange(0.0, 0.5);
    m_labelSmoothing->setSingleStep(0.05);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_threads->setRange(0, 1024);

    auto* datasetRow = new QHBoxLayout;
    datasetRow->addWidget(m_dataset, 1);
    datasetRow->addWidget(m_browse);
    m_form->addRow(QString(), datasetRow);
    for (QWidget* field : std::initializer_list<QWidget*>{m_epochs, m_batch, m_optimizer, m_learningRate, m_momentum, m_nesterov,
                                                         m_weightDecay, m_schedule, m_warmup, m_cropPadding, m_flip,
                                                         m_labelSmoothing, m_seed, m_threads})
        m_form->addRow(QString(), field);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_train);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addStretch(1);
    layout->addLayout(buttons);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a Data Set Folder"), m_dataset->text());
        if (!folder.isEmpty())
            m_dataset->setText(folder);
    });
    connect(m_train, &QPushButton::clicked, this, [this] { Q_EMIT trainRequested(recipe()); });
    connect(m_save, &QPushButton::clicked, this, &TrainPanel::saveRecipe);
    connect(m_load, &QPushButton::clicked, this, &TrainPanel::loadRecipe);
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, &TrainPanel::updateEnabledFields);

    retranslate();
    // Defaults: the bundled ResNet-20 recipe's settings, shortened to a quick run.
    engine::TrainRecipe defaults;
    defaults.epochs = 5;
    defaults.nesterov = true;
    defaults.warmupEpochs = 1;
    setRecipe(defaults);
}

engine::TrainRecipe TrainPanel::recipe() const
{
    engine::TrainRecipe recipe = m_hidden;
    recipe.dataset = m_dataset->text().trimmed().toStdString();
    recipe.epochs = m_epochs->value();
    recipe.batchSize = m_batch->value();
    recipe.optimizer = m_optimizer->currentData().toString().toStdString();
    recipe.learningRate = m_learningRate->value();
    recipe.momentum = m_momentum->value();
    recipe.nesterov = m_nesterov->isChecked() && m_momentum->value() > 0;
    recipe.weightDecay = m_weightDecay->value();
    recipe.schedule = m_schedule->currentData().toString().toStdString();
    recipe.warmupEpochs = std::min<std::int64_t>(m_warmup->value(), m_epochs->value() - 1);
    recipe.cropPadding = m_cropPadding->value();
    recipe.horizontalFlip = m_flip->isChecked();
    recipe.labelSmoothing = m_labelSmoothing->value();
    recipe.seed = static_cast<std::uint64_t>(m_seed->value());
    recipe.threads = m_threads->value();
    return recipe;
}

void TrainPanel::setRecipe(const engine::TrainRecipe& recipe)
{
    m_hidden = recipe;
    m_dataset->setText(QString::fromStdString(recipe.dataset));
    m_epochs->setValue(static_cast<int>(recipe.epochs));
    m_batch->setValue(static_cast<int>(recipe.batchSize));
    m_optimizer->setCurrentIndex(std::max(0, m_optimizer->findData(QString::fromStdString(recipe.optimizer))));
    m_learningRate->setValue(recipe.learningRate);
    m_momentum->setValue(recipe.momentum);
    m_nesterov->setChecked(recipe.nesterov);
    m_weightDecay->setValue(recipe.weightDecay);
    m_schedule->setCurrentIndex(std::max(0, m_schedule->findData(QString::fromStdString(recipe.schedule))));
    m_warmup->setValue(static_cast<int>(recipe.warmupEpochs));
    m_cropPadding->setValue(static_cast<int>(recipe.cropPadding));
    m_flip->setChecked(recipe.horizontalFlip);
    m_labelSmoothing->setValue(recipe.labelSmoothing);
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(recipe.seed, std::numeric_limits<int>::max())));
    m_threads->setValue(recipe.threads);
    updateEnabledFields();
}

void TrainPanel::setTraining(bool training)
{
    m_train->setEnabled(!training);
}

void TrainPanel::updateEnabledFields()
{
    const bool sgd = m_optimizer->currentData().toString() == QLatin1String("sgd");
    m_momentum->setEnabled(sgd);
    m_nesterov->setEnabled(sgd);
}

void TrainPanel::saveRecipe()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Training Recipe"), settings::lastDirectory().value(),
                                                      tr("Recipes (*.json)"));
    if (path.isEmpty())
        return;
    try {
        engine::io::writeFileAtomically(path.toStdString(), engine::trainRecipeToJson(recipe()));
    } catch (const std::exception& error) {
        QMessageBox::warning(this, tr("Cannot save the recipe"), errorText(error));
    }
}

void TrainPanel::loadRecipe()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Training Recipe"), settings::lastDirectory().value(),
                                                      tr("Recipes (*.json)"));
    if (path.isEmpty())
        return;
    try {
        setRecipe(engine::loadTrainRecipe(path.toStdString()));
    } catch (const std::exception& error) {
        QMessageBox::warning(this, tr("Cannot open the recipe"), errorText(error));
    }
}

void TrainPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TrainPanel::retranslate()
{
    const QStringList labels{tr("Data set:"),      tr("Epochs:"),         tr("Batch size:"),   tr("Optimizer:"),
                             tr("Learning rate:"), tr("Momentum:"),       QString(),           tr("Weight decay:"),
                             tr("LR schedule:"),   tr("Warm-up epochs:"), tr("Crop padding:"), QString(),
                             tr("Label smoothing:"), tr("Seed:"),         tr("Threads:")};
    for (int row = 0; row < labels.size() && row < m_form->rowCount(); ++row) {
        if (auto* item = m_form->itemAt(row, QFormLayout::LabelRole); item && item->widget())
            static_cast<QLabel*>(item->widget())->setText(labels[row]);
    }
    m_browse->setText(tr("Browse…"));
    m_dataset->setToolTip(tr("A folder with IDX files (MNIST, Fashion-MNIST), CIFAR binary batches, or one sub-folder per class"));
    m_optimizer->setItemText(0, tr("SGD"));
    m_optimizer->setItemText(1, tr("Adam"));
    m_optimizer->setItemText(2, tr("AdamW"));
    m_schedule->setItemText(0, tr("Constant"));
    m_schedule->setItemText(1, tr("Step"));
    m_schedule->setItemText(2, tr("Multi-step"));
    m_schedule->setItemText(3, tr("Cosine"));
    m_nesterov->setText(tr("Nesterov momentum"));
    m_flip->setText(tr("Random horizontal flip"));
    m_threads->setSpecialValueText(tr("All cores"));
    m_cropPadding->setSpecialValueText(tr("Off"));
    m_train->setText(tr("&Train"));
    m_save->setText(tr("Save Recipe…"));
    m_load->setText(tr("Open Recipe…"));
}

} // namespace slim::app
