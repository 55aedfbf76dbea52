#include "trainpanel.h"

#include "errortext.h"
#include "io/atomicfile.h"
#include "settings.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
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
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QWheelEvent>
#include <QAbstractSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace slim::app {

namespace {
// Learning rates a run starts from unless the user types another. From scratch: SGD 0.1 as
// in He et al. (CVPR 2016) for CIFAR ResNets, Adam 1e-3 as in Kingma & Ba (ICLR 2015).
// Fine-tuning starts ten times lower, so recovery training keeps what the weights learnt
// (both bundled baselines lost accuracy when fine-tuned at 0.1).
constexpr double kSgdScratchLearningRate = 0.1;
constexpr double kSgdFineTuneLearningRate = 0.01;
constexpr double kAdamScratchLearningRate = 1e-3;
constexpr double kAdamFineTuneLearningRate = 1e-4;
// Warm-up epochs by default: one from scratch, so BatchNorm statistics settle before the full
// rate (Goyal et al., 2017); none to fine-tune, whose statistics are already settled.
constexpr int kScratchWarmupEpochs = 1;
constexpr int kFineTuneWarmupEpochs = 0;
// Epochs by default: a run that finishes in minutes on a laptop CPU.
constexpr int kDefaultEpochs = 5;

bool sameValue(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

/// A spin box for rates and factors that shows 0.01 rather than 0.010000: the trailing zeros
/// of its fixed decimals are dropped, so small learning rates stay readable.
class CompactSpinBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;
    QString textFromValue(double value) const override
    {
        QString text = QDoubleSpinBox::textFromValue(value);
        const QString point = locale().decimalPoint();
        if (text.contains(point)) {
            while (text.endsWith(QLatin1Char('0')))
                text.chop(1);
            if (text.endsWith(point))
                text.chop(point.size());
        }
        return text;
    }
};

QString joinMilestones(const std::vector<std::int64_t>& milestones)
{
    QStringList parts;
    for (const std::int64_t epoch : milestones)
        parts << QString::number(epoch);
    return parts.join(QStringLiteral(", "));
}
} // namespace

std::vector<std::int64_t> parseMilestones(const QString& text, QString* error)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s\\x{FF0C}\\x{FF1B}\\x{3001}]+"));
    std::vector<std::int64_t> epochs;
    if (error)
        error->clear();
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong epoch = part.toLongLong(&ok);
        if (!ok || epoch < 1) {
            if (error)
                *error = TrainPanel::tr("“%1” is not a whole number of epochs above 0").arg(part);
            return epochs;
        }
        if (!epochs.empty() && epoch <= epochs.back()) {
            if (error)
                *error = TrainPanel::tr("%1 comes after %2; list the epochs in increasing order").arg(epoch).arg(epochs.back());
            return epochs;
        }
        epochs.push_back(epoch);
    }
    return epochs;
}

double TrainPanel::defaultLearningRate(const QString& optimizer, bool fromScratch)
{
    if (optimizer == QLatin1String("adam") || optimizer == QLatin1String("adamw"))
        return fromScratch ? kAdamScratchLearningRate : kAdamFineTuneLearningRate;
    return fromScratch ? kSgdScratchLearningRate : kSgdFineTuneLearningRate;
}

TrainPanel::TrainPanel(QWidget* parent)
    : QWidget(parent)
    , m_modelName(new QLabel(this))
    , m_recipeModelNote(new QLabel(this))
    , m_fineTune(new QRadioButton(this))
    , m_scratch(new QRadioButton(this))
    , m_dataset(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_batch(new QSpinBox(this))
    , m_cropPadding(new QSpinBox(this))
    , m_flip(new QCheckBox(this))
    , m_optimizer(new QComboBox(this))
    , m_learningRate(new CompactSpinBox(this))
    , m_momentum(new CompactSpinBox(this))
    , m_nesterov(new QCheckBox(this))
    , m_weightDecay(new CompactSpinBox(this))
    , m_labelSmoothing(new CompactSpinBox(this))
    , m_batchNormL1(new CompactSpinBox(this))
    , m_epochs(new QSpinBox(this))
    , m_schedule(new QComboBox(this))
    , m_stepSize(new QSpinBox(this))
    , m_milestones(new QLineEdit(this))
    , m_gamma(new CompactSpinBox(this))
    , m_minLearningRate(new CompactSpinBox(this))
    , m_warmup(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_threads(new QSpinBox(this))
    , m_output(new QLineEdit(this))
    , m_browseOutput(new QPushButton(this))
    , m_metrics(new QLineEdit(this))
    , m_browseMetrics(new QPushButton(this))
    , m_summary(new QLabel(this))
    , m_train(new QPushButton(this))
    , m_save(new QPushButton(this))
    , m_load(new QPushButton(this))
{
    setObjectName(QStringLiteral("trainPanel"));
    const std::pair<QObject*, const char*> names[] = {
        {m_modelName, "modelReferenceLabel"}, {m_recipeModelNote, "recipeModelNote"}, {m_fineTune, "fineTuneRadio"},
        {m_scratch, "scratchRadio"}, {m_dataset, "datasetEdit"}, {m_browse, "datasetBrowseButton"},
        {m_batch, "batchSpin"}, {m_cropPadding, "cropPaddingSpin"}, {m_flip, "flipCheck"},
        {m_optimizer, "optimizerCombo"}, {m_learningRate, "learningRateSpin"}, {m_momentum, "momentumSpin"},
        {m_nesterov, "nesterovCheck"}, {m_weightDecay, "weightDecaySpin"}, {m_labelSmoothing, "labelSmoothingSpin"},
        {m_batchNormL1, "batchNormL1Spin"},
        {m_epochs, "epochsSpin"}, {m_schedule, "scheduleCombo"}, {m_stepSize, "stepSizeSpin"},
        {m_milestones, "milestonesEdit"}, {m_gamma, "gammaSpin"}, {m_minLearningRate, "minLearningRateSpin"},
        {m_warmup, "warmupSpin"}, {m_seed, "seedSpin"}, {m_threads, "threadsSpin"}, {m_output, "outputEdit"},
        {m_browseOutput, "outputBrowseButton"}, {m_metrics, "metricsEdit"}, {m_browseMetrics, "metricsBrowseButton"},
        {m_summary, "trainSummary"}, {m_train, "trainButton"}, {m_save, "saveRecipeButton"}, {m_load, "openRecipeButton"},
    };
    for (const auto& [object, name] : names)
        object->setObjectName(QString::fromLatin1(name));

    auto* startGroup = new QButtonGroup(this);
    startGroup->addButton(m_fineTune);
    startGroup->addButton(m_scratch);
    m_fineTune->setChecked(true);
    m_modelName->setWordWrap(true);
    m_modelName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recipeModelNote->setWordWrap(true);
    m_recipeModelNote->setVisible(false);
    m_batch->setRange(1, 65536);
    m_cropPadding->setRange(0, 64);
    for (const char* name : {"sgd", "adam", "adamw"})
        m_optimizer->addItem(QString(), QString::fromLatin1(name));
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(0.000001, 10.0);
    m_learningRate->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_momentum->setDecimals(3);
    m_momentum->setRange(0.0, 0.999);
    m_momentum->setSingleStep(0.05);
    m_weightDecay->setDecimals(6);
    m_weightDecay->setRange(0.0, 1.0);
    m_weightDecay->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_labelSmoothing->setRange(0.0, 0.5);
    m_labelSmoothing->setSingleStep(0.05);
    m_batchNormL1->setDecimals(6);
    m_batchNormL1->setRange(0.0, 0.1);
    m_batchNormL1->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_epochs->setRange(1, 100000);
    for (const char* name : {"constant", "step", "multistep", "cosine"})
        m_schedule->addItem(QString(), QString::fromLatin1(name));
    m_stepSize->setRange(1, 100000);
    m_gamma->setDecimals(3);
    m_gamma->setRange(0.001, 1.0);
    m_gamma->setSingleStep(0.05);
    m_minLearningRate->setDecimals(6);
    m_minLearningRate->setRange(0.0, 10.0);
    m_minLearningRate->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_warmup->setRange(0, 1000);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_threads->setRange(0, 1024);
    m_summary->setWordWrap(true);

    auto* content = new QWidget;
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    auto addGroup = [this, contentLayout] {
        auto* group = new QGroupBox;
        auto* form = new QFormLayout(group);
        // Labels go above their fields when the dock is too narrow for both side by side.
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        contentLayout->addWidget(group);
        m_groups << group;
        return form;
    };

    QFormLayout* model = addGroup();
    addRow(model, m_modelName, QT_TR_NOOP("Model:"),
           QT_TR_NOOP("The model Train starts from: the one open in the window. A saved recipe names it, so "
                      "slimbench-cli train runs the same model."));
    model->addRow(m_recipeModelNote);
    auto* start = new QWidget;
    auto* startLayout = new QVBoxLayout(start);
    startLayout->setContentsMargins(0, 0, 0, 0);
    startLayout->addWidget(m_fineTune);
    startLayout->addWidget(m_scratch);
    addRow(model, m_fineTune, QT_TR_NOOP("Start:"),
           QT_TR_NOOP("Fine-tuning (recovery training) continues from the open model's weights, at a learning rate "
                      "ten times lower than training from scratch. Default: fine-tune."),
           start);
    m_rows << Row{nullptr, m_fineTune, QT_TR_NOOP("Fine-tune the open model"),
                  QT_TR_NOOP("Continues training from the open model's weights, for example to recover accuracy "
                             "after pruning. Default learning rate: SGD 0.01, Adam 0.0001; no warm-up.")}
           << Row{nullptr, m_scratch, QT_TR_NOOP("Train from scratch (re-initialise weights)"),
                  QT_TR_NOOP("Discards the open model's weights, initialises them afresh with the model's seed and "
                             "trains the architecture from the start. Default learning rate: SGD 0.1, Adam 0.001; "
                             "one warm-up epoch.")};

    QFormLayout* data = addGroup();
    addRow(data, m_dataset, QT_TR_NOOP("&Data set:"),
           QT_TR_NOOP("A folder with IDX files (MNIST, Fashion-MNIST), CIFAR binary batches, or one sub-folder per "
                      "class. Default: Debian's Fashion-MNIST."),
           fileRow(m_dataset, m_browse));
    addRow(data, m_batch, QT_TR_NOOP("&Batch size:"),
           QT_TR_NOOP("Images per optimizer step. Larger batches need more memory. Default: 128."));
    addRow(data, m_cropPadding, QT_TR_NOOP("&Crop padding:"),
           QT_TR_NOOP("Random-crop augmentation: pads each training image by this many pixels on every side, then "
                      "crops it back to its size at a random place. Default: off; 4 is usual for CIFAR."));
    addCheckBox(data, m_flip, QT_TR_NOOP("Random horizontal flip"),
                QT_TR_NOOP("Mirrors each training image left to right with probability ½. Default: off; leave it off "
                           "for digits and text."));

    QFormLayout* optimizer = addGroup();
    addRow(optimizer, m_optimizer, QT_TR_NOOP("&Optimizer:"),
           QT_TR_NOOP("SGD with momentum (the usual choice for CNNs), Adam, or AdamW (Adam with decoupled weight "
                      "decay). Switching sets the learning rate to the optimizer's default unless you changed it. "
                      "Default: SGD."));
    addRow(optimizer, m_learningRate, QT_TR_NOOP("&Learning rate:"),
           QT_TR_NOOP("The optimizer's step size at the start of the schedule. Defaults: SGD 0.1 from scratch and "
                      "0.01 to fine-tune; Adam and AdamW 0.001 from scratch and 0.0001 to fine-tune."));
    addRow(optimizer, m_momentum, QT_TR_NOOP("&Momentum:"),
           QT_TR_NOOP("SGD only: the share of the previous update carried into the next one (0 to 0.999). "
                      "Default: 0.9."));
    addCheckBox(optimizer, m_nesterov, QT_TR_NOOP("Nesterov momentum"),
                QT_TR_NOOP("SGD only: evaluates the gradient after the momentum step (Nesterov, 1983; Sutskever et "
                           "al., 2013). Default: on."));
    addRow(optimizer, m_weightDecay, QT_TR_NOOP("&Weight decay:"),
           QT_TR_NOOP("L2 penalty on the weights, per step (decoupled from the gradient for AdamW). Default: "
                      "0.0005."));
    addRow(optimizer, m_labelSmoothing, QT_TR_NOOP("Label smoothing:"),
           QT_TR_NOOP("Moves this share of each target's probability evenly onto all classes (Szegedy et al., "
                      "2016), 0 to 0.5. Default: 0 (off)."));
    addRow(optimizer, m_batchNormL1, QT_TR_NOOP("BN sparsity λ:"),
           QT_TR_NOOP("Network slimming (Liu et al. 2017): adds λ·Σ|γ| over every BatchNorm scale to the loss, "
                      "driving the γ of unneeded channels toward zero so that a global γ threshold prunes them "
                      "(Prune panel, BN |γ|, global scope). The Redundancy heatmap shows γ over the epochs. "
                      "Typical 1e-5 to 5e-3. Default: 0 (off)."));

    QFormLayout* schedule = addGroup();
    m_scheduleForm = schedule;
    addRow(schedule, m_epochs, QT_TR_NOOP("E&pochs:"),
           QT_TR_NOOP("Passes over the whole training set. Default: 5."));
    addRow(schedule, m_schedule, QT_TR_NOOP("LR &schedule:"),
           QT_TR_NOOP("How the learning rate changes from epoch to epoch: constant; step (multiplied by gamma every "
                      "step size epochs); multi-step (multiplied by gamma at each milestone); cosine (down to the "
                      "minimum learning rate; Loshchilov & Hutter, 2017). Default: cosine."));
    addRow(schedule, m_stepSize, QT_TR_NOOP("Step si&ze:"),
           QT_TR_NOOP("Step schedule: epochs between two drops of the learning rate. Default: 30."));
    addRow(schedule, m_milestones, QT_TR_NOOP("Milesto&nes:"),
           QT_TR_NOOP("Multi-step schedule: the epochs after which the learning rate is multiplied by gamma, in "
                      "increasing order and separated by commas, for example 30, 60, 90."));
    addRow(schedule, m_gamma, QT_TR_NOOP("&Gamma:"),
           QT_TR_NOOP("Step and multi-step schedules: the factor the learning rate is multiplied by at each drop "
                      "(0.001 to 1). Default: 0.1."));
    addRow(schedule, m_minLearningRate, QT_TR_NOOP("Min&imum LR:"),
           QT_TR_NOOP("Cosine schedule: the learning rate the last epoch ends at. Default: 0."));
    addRow(schedule, m_warmup, QT_TR_NOOP("W&arm-up epochs:"),
           QT_TR_NOOP("Epochs over which the learning rate rises linearly from near zero to its start value, for "
                      "every schedule; fewer than the epochs. Defaults: 1 from scratch, 0 to fine-tune."));

    QFormLayout* run = addGroup();
    addRow(run, m_seed, QT_TR_NOOP("Seed:"),
           QT_TR_NOOP("Seeds shuffling and augmentation. The same seed, thread count and recipe give the same "
                      "numbers. Default: 0."));
    addRow(run, m_threads, QT_TR_NOOP("Threads:"),
           QT_TR_NOOP("CPU threads used for training. Default: all cores; set a number to reproduce results "
                      "exactly on another machine."));
    addRow(run, m_output, QT_TR_NOOP("O&utput model:"),
           QT_TR_NOOP("Optional .slim file the trained model is also written to, as slimbench-cli train does. "
                      "Empty: the result only replaces the open model (Edit › Undo takes it back); a saved recipe "
                      "then writes <recipe name>-trained.slim beside itself."),
           fileRow(m_output, m_browseOutput));
    addRow(run, m_metrics, QT_TR_NOOP("Metrics CSV:"),
           QT_TR_NOOP("Optional CSV file of per-epoch loss, accuracy, learning rate and seconds, as slimbench-cli "
                      "train writes it. Empty: not written."),
           fileRow(m_metrics, m_browseMetrics));
    contentLayout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("trainScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_train);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);

    connectFields();
    for (QAbstractSpinBox* spin : findChildren<QAbstractSpinBox*>()) {
        spin->setFocusPolicy(Qt::StrongFocus);
        spin->installEventFilter(this);
    }
    for (QComboBox* combo : findChildren<QComboBox*>()) {
        combo->setFocusPolicy(Qt::StrongFocus);
        combo->installEventFilter(this);
    }
    retranslate();
    engine::TrainRecipe defaults;
    defaults.epochs = kDefaultEpochs;
    defaults.nesterov = true;
    defaults.modelInit = "keep";
    defaults.learningRate = defaultLearningRate(QString::fromStdString(defaults.optimizer), false);
    defaults.warmupEpochs = kFineTuneWarmupEpochs;
    defaults.output.clear();
    defaults.metrics.clear();
    applyRecipe(defaults);
}

void TrainPanel::addRow(QFormLayout* form, QWidget* field, const char* text, const char* toolTip, QWidget* rowWidget)
{
    auto* label = new QLabel(this);
    if (field->focusPolicy() != Qt::NoFocus)
        label->setBuddy(field);
    form->addRow(label, rowWidget ? rowWidget : field);
    m_rows << Row{label, field, text, toolTip};
}

void TrainPanel::addCheckBox(QFormLayout* form, QCheckBox* box, const char* text, const char* toolTip)
{
    form->addRow(QString(), box); // a check box is its own label
    m_rows << Row{nullptr, box, text, toolTip};
}

QWidget* TrainPanel::fileRow(QLineEdit* edit, QPushButton* browse)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    edit->setClearButtonEnabled(edit != m_dataset);
    return row;
}

bool TrainPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Wheel) {
        auto* field = qobject_cast<QWidget*>(watched);
        if (field && !field->hasFocus()) {
            event->ignore(); // handed on to the scroll area
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TrainPanel::connectFields()
{
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a Data Set Folder"), m_dataset->text());
        if (!folder.isEmpty())
            m_dataset->setText(QDir::toNativeSeparators(folder));
    });
    connect(m_browseOutput, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Write the Trained Model To"), absolutePath(m_output->text()),
                                                          tr("Slimbench models (*.slim)"));
        if (!path.isEmpty())
            m_output->setText(QDir::toNativeSeparators(path));
    });
    connect(m_browseMetrics, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Write the Metrics To"), absolutePath(m_metrics->text()),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            m_metrics->setText(QDir::toNativeSeparators(path));
    });
    connect(m_train, &QPushButton::clicked, this, &TrainPanel::requestTraining);
    connect(m_save, &QPushButton::clicked, this, &TrainPanel::saveRecipe);
    connect(m_load, &QPushButton::clicked, this, &TrainPanel::loadRecipe);
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, &TrainPanel::applyDefaultsForChoice);
    connect(m_scratch, &QRadioButton::toggled, this, &TrainPanel::applyDefaultsForChoice);
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, &TrainPanel::updateVisibleFields);
    connect(m_schedule, &QComboBox::currentIndexChanged, this, &TrainPanel::updateVisibleFields);
    // Warm-up must end before training does; the spin box keeps it there.
    connect(m_epochs, &QSpinBox::valueChanged, this, [this](int epochs) { m_warmup->setMaximum(epochs - 1); });
    for (QSpinBox* spin : {m_batch, m_cropPadding, m_epochs, m_stepSize, m_warmup, m_seed, m_threads})
        connect(spin, &QSpinBox::valueChanged, this, &TrainPanel::updateSummary);
    for (QDoubleSpinBox* spin : {m_learningRate, m_momentum, m_weightDecay, m_labelSmoothing, m_batchNormL1, m_gamma, m_minLearningRate})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &TrainPanel::updateSummary);
    for (QLineEdit* edit : {m_dataset, m_milestones, m_output, m_metrics})
        connect(edit, &QLineEdit::textChanged, this, &TrainPanel::updateSummary);
    for (QComboBox* combo : {m_optimizer, m_schedule})
        connect(combo, &QComboBox::currentIndexChanged, this, &TrainPanel::updateSummary);
}

bool TrainPanel::fromScratch() const
{
    return m_scratch->isChecked();
}

QString TrainPanel::absolutePath(const QString& text) const
{
    const QString path = QDir::fromNativeSeparators(text.trimmed());
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir::cleanPath(QDir(settings::startDirectory()).absoluteFilePath(path));
}

engine::TrainRecipe TrainPanel::recipe() const
{
    engine::TrainRecipe recipe = m_hidden;
    recipe.modelInit = fromScratch() ? "scratch" : "keep";
    switch (m_openModel.kind) {
    case ModelReference::File:
        recipe.modelFile = m_openModel.filePath.toStdString();
        break;
    case ModelReference::Zoo:
        recipe.modelFile.clear();
        recipe.modelZoo = m_openModel.zooName.toStdString();
        recipe.modelSeed = m_openModel.seed;
        break;
    default:
        break; // the recipe's own model; an unsaved one is trained as it is, not named
    }
    recipe.dataset = QDir::fromNativeSeparators(m_dataset->text().trimmed()).toStdString();
    recipe.batchSize = m_batch->value();
    recipe.cropPadding = m_cropPadding->value();
    recipe.horizontalFlip = m_flip->isChecked();
    recipe.optimizer = m_optimizer->currentData().toString().toStdString();
    recipe.learningRate = m_learningRate->value();
    recipe.momentum = m_momentum->value();
    recipe.nesterov = m_nesterov->isChecked() && m_momentum->value() > 0;
    recipe.weightDecay = m_weightDecay->value();
    recipe.labelSmoothing = m_labelSmoothing->value();
    recipe.batchNormL1 = m_batchNormL1->value();
    recipe.epochs = m_epochs->value();
    recipe.schedule = m_schedule->currentData().toString().toStdString();
    recipe.stepSize = m_stepSize->value();
    recipe.milestones = parseMilestones(m_milestones->text());
    recipe.gamma = m_gamma->value();
    recipe.minLearningRate = m_minLearningRate->value();
    recipe.warmupEpochs = std::min<std::int64_t>(m_warmup->value(), m_epochs->value() - 1);
    recipe.seed = static_cast<std::uint64_t>(m_seed->value());
    recipe.threads = m_threads->value();
    recipe.output = absolutePath(m_output->text()).toStdString();
    recipe.metrics = absolutePath(m_metrics->text()).toStdString();
    return recipe;
}

void TrainPanel::setRecipe(const engine::TrainRecipe& recipe)
{
    if (recipe.modelFile.empty())
        m_recipeModel = {ModelReference::Zoo, QString(), QString::fromStdString(recipe.modelZoo), recipe.modelSeed};
    else
        m_recipeModel = {ModelReference::File, QString::fromStdString(recipe.modelFile), QString(), recipe.modelSeed};
    applyRecipe(recipe);
}

void TrainPanel::applyRecipe(const engine::TrainRecipe& recipe)
{
    m_applying = true;
    m_hidden = recipe;
    m_scratch->setChecked(recipe.modelInit == "scratch");
    m_fineTune->setChecked(recipe.modelInit != "scratch");
    m_dataset->setText(QDir::toNativeSeparators(QString::fromStdString(recipe.dataset)));
    m_batch->setValue(static_cast<int>(recipe.batchSize));
    m_cropPadding->setValue(static_cast<int>(recipe.cropPadding));
    m_flip->setChecked(recipe.horizontalFlip);
    m_optimizer->setCurrentIndex(std::max(0, m_optimizer->findData(QString::fromStdString(recipe.optimizer))));
    m_learningRate->setValue(recipe.learningRate);
    m_momentum->setValue(recipe.momentum);
    m_nesterov->setChecked(recipe.nesterov);
    m_weightDecay->setValue(recipe.weightDecay);
    m_labelSmoothing->setValue(recipe.labelSmoothing);
    m_batchNormL1->setValue(recipe.batchNormL1);
    m_epochs->setValue(static_cast<int>(recipe.epochs));
    m_schedule->setCurrentIndex(std::max(0, m_schedule->findData(QString::fromStdString(recipe.schedule))));
    m_stepSize->setValue(static_cast<int>(std::min<std::int64_t>(recipe.stepSize, m_stepSize->maximum())));
    m_milestones->setText(joinMilestones(recipe.milestones));
    m_gamma->setValue(recipe.gamma);
    m_minLearningRate->setValue(recipe.minLearningRate);
    m_warmup->setValue(static_cast<int>(recipe.warmupEpochs));
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(recipe.seed, std::numeric_limits<int>::max())));
    m_threads->setValue(recipe.threads);
    m_output->setText(QDir::toNativeSeparators(QString::fromStdString(recipe.output)));
    m_metrics->setText(QDir::toNativeSeparators(QString::fromStdString(recipe.metrics)));
    m_lastOptimizer = m_optimizer->currentData().toString();
    m_lastScratch = fromScratch();
    m_applying = false;
    updateVisibleFields();
    updateSummary();
}

void TrainPanel::setTraining(bool training)
{
    m_training = training;
    updateSummary();
}

void TrainPanel::setModelReference(const QString& filePath, const QString& zooName, qint64 seed)
{
    if (!filePath.isEmpty())
        m_openModel = {ModelReference::File, QFileInfo(filePath).absoluteFilePath(), zooName, seed};
    else if (!zooName.isEmpty())
        m_openModel = {ModelReference::Zoo, QString(), zooName, seed};
    else
        m_openModel = {ModelReference::Unsaved, QString(), QString(), 0};
    updateSummary();
}

void TrainPanel::clearModelReference()
{
    m_openModel = {ModelReference::None, QString(), QString(), 0};
    updateSummary();
}

void TrainPanel::applyDefaultsForChoice()
{
    if (m_applying)
        return;
    const QString optimizer = m_optimizer->currentData().toString();
    const bool scratch = fromScratch();
    if (optimizer == m_lastOptimizer && scratch == m_lastScratch)
        return;
    // A value still at the previous choice's default was not chosen by the user: follow the new one.
    if (sameValue(m_learningRate->value(), defaultLearningRate(m_lastOptimizer, m_lastScratch)))
        m_learningRate->setValue(defaultLearningRate(optimizer, scratch));
    if (scratch != m_lastScratch && m_warmup->value() == (m_lastScratch ? kScratchWarmupEpochs : kFineTuneWarmupEpochs))
        m_warmup->setValue(scratch ? kScratchWarmupEpochs : kFineTuneWarmupEpochs);
    m_lastOptimizer = optimizer;
    m_lastScratch = scratch;
    updateSummary();
}

void TrainPanel::updateVisibleFields()
{
    const QString schedule = m_schedule->currentData().toString();
    const bool step = schedule == QLatin1String("step");
    const bool multiStep = schedule == QLatin1String("multistep");
    m_scheduleForm->setRowVisible(m_stepSize, step);
    m_scheduleForm->setRowVisible(m_milestones, multiStep);
    m_scheduleForm->setRowVisible(m_gamma, step || multiStep);
    m_scheduleForm->setRowVisible(m_minLearningRate, schedule == QLatin1String("cosine"));
    const bool sgd = m_optimizer->currentData().toString() == QLatin1String("sgd");
    auto* optimizerForm = static_cast<QFormLayout*>(m_groups[2]->layout());
    optimizerForm->setRowVisible(m_momentum, sgd);
    optimizerForm->setRowVisible(m_nesterov, sgd);
}

QString TrainPanel::validationError() const
{
    if (m_dataset->text().trimmed().isEmpty())
        return tr("Data set: choose a data set folder.");
    if (m_schedule->currentData().toString() == QLatin1String("multistep")) {
        QString error;
        const std::vector<std::int64_t> milestones = parseMilestones(m_milestones->text(), &error);
        if (!error.isEmpty())
            return tr("Milestones: %1.").arg(error);
        if (milestones.empty())
            return tr("Milestones: enter the epochs at which the learning rate drops, for example 30, 60, 90.");
        if (milestones.back() >= m_epochs->value())
            return tr("Milestones: %1 is not below the number of epochs (%2), so the learning rate would never drop "
                      "there.").arg(milestones.back()).arg(m_epochs->value());
    }
    if (m_schedule->currentData().toString() == QLatin1String("step") && m_stepSize->value() >= m_epochs->value())
        return tr("Step size: %1 is not below the number of epochs (%2), so the learning rate would never drop.")
            .arg(m_stepSize->value())
            .arg(m_epochs->value());
    return {};
}

QString TrainPanel::modelProblem() const
{
    if (m_openModel.kind == ModelReference::Unsaved)
        return tr("The open model is not saved, so a recipe cannot name it. Save the model first (File › Save As), "
                  "then save the recipe.");
    const QString suffix = QFileInfo(m_openModel.filePath).suffix().toLower();
    if (m_openModel.kind == ModelReference::File && (suffix == QLatin1String("pt") || suffix == QLatin1String("pth")))
        return tr("The open model was read from a TorchScript file, which does not record its input size. Save it as "
                  "a .slim model first (File › Save As), then save the recipe.");
    return {};
}

QString TrainPanel::modelText(const ModelReference& model) const
{
    switch (model.kind) {
    case ModelReference::Unknown: return tr("The model open in the window");
    case ModelReference::None: return tr("None open: create or open one (File menu)");
    case ModelReference::File: return QDir::toNativeSeparators(QFileInfo(model.filePath).fileName());
    case ModelReference::Zoo: return tr("%1 from the built-in zoo, seed %2, not saved").arg(model.zooName).arg(model.seed);
    case ModelReference::Unsaved: return tr("Not saved (save it before saving a recipe)");
    }
    return {};
}

void TrainPanel::updateSummary()
{
    // The model row: the open model, or with none open the one the recipe names.
    const bool noneOpen = m_openModel.kind == ModelReference::None || m_openModel.kind == ModelReference::Unknown;
    const bool showRecipeModel = noneOpen && m_recipeModel.kind != ModelReference::Unknown;
    const ModelReference& shown = showRecipeModel ? m_recipeModel : m_openModel;
    m_modelName->setText(showRecipeModel ? tr("%1 (named by the recipe)").arg(modelText(shown)) : modelText(shown));
    m_modelName->setToolTip(shown.filePath.isEmpty() ? m_rows.first().label->toolTip() : QDir::toNativeSeparators(shown.filePath));
    const bool recipeDiffers = !noneOpen && m_recipeModel.kind != ModelReference::Unknown
                               && (m_recipeModel.kind != m_openModel.kind || m_recipeModel.filePath != m_openModel.filePath
                                   || m_recipeModel.zooName != m_openModel.zooName);
    m_recipeModelNote->setVisible(recipeDiffers);
    if (recipeDiffers)
        m_recipeModelNote->setText(tr("The opened recipe names %1; Train and Save Recipe use the open model instead.")
                                       .arg(modelText(m_recipeModel)));

    const QString error = validationError();
    m_train->setEnabled(!m_training && error.isEmpty());
    QPalette palette = m_summary->palette();
    palette.setColor(QPalette::WindowText, error.isEmpty() ? this->palette().color(QPalette::WindowText) : QColor(0xb0, 0x1c, 0x1c));
    m_summary->setPalette(palette);
    if (!error.isEmpty()) {
        m_summary->setText(tr("Cannot train yet. %1").arg(error));
        return;
    }
    const QString rate = QLocale().toString(m_learningRate->value(), 'g', 6);
    const int epochs = m_epochs->value();
    QString text = fromScratch()
                       ? tr("Train re-initialises the weights and trains from scratch: %1 from learning rate %2, "
                            "%n epoch(s).", "", epochs)
                             .arg(m_optimizer->currentText(), rate)
                       : tr("Train fine-tunes the open model's weights: %1 from learning rate %2, %n epoch(s).", "", epochs)
                             .arg(m_optimizer->currentText(), rate);
    if (!m_output->text().trimmed().isEmpty())
        text += QLatin1Char(' ') + tr("It also writes %1.").arg(QFileInfo(m_output->text().trimmed()).fileName());
    m_summary->setText(text);
}

void TrainPanel::requestTraining()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        showWarning(tr("Cannot train"), error);
        return;
    }
    Q_EMIT trainRequested(recipe());
}

bool TrainPanel::saveRecipeTo(const QString& path, QString* errorMessage)
{
    QString problem = validationError();
    if (problem.isEmpty())
        problem = modelProblem();
    if (!problem.isEmpty()) {
        if (errorMessage)
            *errorMessage = problem;
        return false;
    }
    engine::TrainRecipe saved = recipe();
    // Paths inside the recipe's folder are written relative to it, so the folder can move
    // (to a GPU server, say) with its recipe; slimbench-cli resolves them against the recipe.
    const QDir folder = QFileInfo(path).absoluteDir();
    auto relative = [&folder](std::string& field) {
        const QString absolute = QString::fromStdString(field);
        if (absolute.isEmpty() || !QDir::isAbsolutePath(absolute))
            return;
        const QString inside = folder.relativeFilePath(absolute);
        if (!inside.startsWith(QLatin1String("..")) && inside != QLatin1String("."))
            field = inside.toStdString();
    };
    for (std::string* field : {&saved.dataset, &saved.modelFile, &saved.output, &saved.metrics, &saved.checkpointDir, &saved.resumeFrom})
        relative(*field);
    if (saved.validation != "test" && saved.validation != "none")
        relative(saved.validation);
    // The command line always writes the trained model; without an Output it goes beside the recipe.
    if (saved.output.empty())
        saved.output = (QFileInfo(path).completeBaseName() + QStringLiteral("-trained.slim")).toStdString();
    try {
        engine::io::writeFileAtomically(path.toStdString(), engine::trainRecipeToJson(saved));
    } catch (const std::exception& error) {
        if (errorMessage)
            *errorMessage = errorText(error);
        return false;
    }
    settings::lastDirectory().setValue(folder.absolutePath());
    return true;
}

bool TrainPanel::openRecipeFrom(const QString& path, QString* errorMessage)
{
    try {
        setRecipe(engine::loadTrainRecipe(path.toStdString()));
    } catch (const std::exception& error) {
        if (errorMessage)
            *errorMessage = errorText(error);
        return false;
    }
    settings::lastDirectory().setValue(QFileInfo(path).absolutePath());
    return true;
}

void TrainPanel::saveRecipe()
{
    QString problem = validationError();
    if (problem.isEmpty())
        problem = modelProblem();
    if (!problem.isEmpty()) {
        showWarning(tr("Cannot save the recipe"), problem);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Training Recipe"), settings::startDirectory(),
                                                      tr("Recipes (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveRecipeTo(path, &error))
        showWarning(tr("Cannot save the recipe"), error);
}

void TrainPanel::loadRecipe()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Training Recipe"), settings::startDirectory(),
                                                      tr("Recipes (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openRecipeFrom(path, &error))
        showWarning(tr("Cannot open the recipe"), error);
}

void TrainPanel::showWarning(const QString& title, const QString& message)
{
    // Window-modal and asynchronous, so a running job's progress goes on while it is shown.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("trainPanelWarning"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void TrainPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TrainPanel::retranslate()
{
    static const char* const groupTitles[] = {QT_TR_NOOP("Model"), QT_TR_NOOP("Data"), QT_TR_NOOP("Optimizer"),
                                              QT_TR_NOOP("Schedule"), QT_TR_NOOP("Run")};
    for (int i = 0; i < m_groups.size(); ++i)
        m_groups[i]->setTitle(tr(groupTitles[i]));
    for (const Row& row : std::as_const(m_rows)) {
        if (row.label) {
            row.label->setText(tr(row.text));
            row.label->setToolTip(tr(row.toolTip));
            if (row.field != m_fineTune && row.field != m_modelName)
                row.field->setToolTip(tr(row.toolTip));
        } else {
            static_cast<QAbstractButton*>(row.field)->setText(tr(row.text));
            row.field->setToolTip(tr(row.toolTip));
        }
    }
    m_browse->setText(tr("Browse…"));
    m_browseOutput->setText(tr("Browse…"));
    m_browseMetrics->setText(tr("Browse…"));
    m_browse->setToolTip(tr("Choose the data set folder"));
    m_browseOutput->setToolTip(tr("Choose where to write the trained model"));
    m_browseMetrics->setToolTip(tr("Choose where to write the metrics CSV"));
    m_output->setPlaceholderText(tr("Not written: the result replaces the open model"));
    m_metrics->setPlaceholderText(tr("Not written"));
    m_milestones->setPlaceholderText(tr("30, 60, 90"));
    m_optimizer->setItemText(0, tr("SGD"));
    m_optimizer->setItemText(1, tr("Adam"));
    m_optimizer->setItemText(2, tr("AdamW"));
    m_schedule->setItemText(0, tr("Constant"));
    m_schedule->setItemText(1, tr("Step"));
    m_schedule->setItemText(2, tr("Multi-step"));
    m_schedule->setItemText(3, tr("Cosine"));
    m_threads->setSpecialValueText(tr("All cores"));
    m_cropPadding->setSpecialValueText(tr("Off"));
    m_labelSmoothing->setSpecialValueText(tr("Off"));
    m_batchNormL1->setSpecialValueText(tr("Off"));
    m_train->setText(tr("&Train"));
    m_train->setToolTip(tr("Runs the recipe on the open model as a background job; the result replaces the model as "
                           "one undoable step."));
    m_save->setText(tr("Save Recipe…"));
    m_save->setToolTip(tr("Writes these settings and the open model's file as a JSON recipe that slimbench-cli "
                          "train runs the same way."));
    m_load->setText(tr("Open Recipe…"));
    m_load->setToolTip(tr("Reads a JSON training recipe into the fields."));
    updateSummary();
}

} // namespace slim::app
