#include "prunepanel.h"

#include "backgroundtask.h"
#include "prunedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <set>

namespace slim::app {

namespace {

constexpr int kDefaultRemovePercent = 50;
constexpr int kMaxRemovePercent = 95;  // every group keeps at least one channel anyway
constexpr int kMinKeepPercent = 5;
/// The criteria a preview can score from the weights alone, in the order they are offered.
const char* const kPreviewMethods[] = {"l1", "l2", "bn", "fpgm", "svd", "random"};

enum GroupColumn { GroupName, GroupChannels, GroupKept, GroupOverride, GroupSensitivity, GroupColumnCount };

QString count(std::int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

QString share(std::int64_t part, std::int64_t whole)
{
    return QLocale().toString(whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0, 'f', 1);
}

} // namespace

PrunePanel::PrunePanel(QWidget* parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_scope(new QComboBox(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_amount(new QSpinBox(this))
    , m_roundTo(new QComboBox(this))
    , m_recalibrate(new QCheckBox(this))
    , m_methodLabel(new QLabel(this))
    , m_targetLabel(new QLabel(this))
    , m_scopeLabel(new QLabel(this))
    , m_amountLabel(new QLabel(this))
    , m_roundToLabel(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_status(new QLabel(this))
    , m_groups(new QTableWidget(0, GroupColumnCount, this))
    , m_apply(new QPushButton(this))
    , m_more(new QPushButton(this))
    , m_finetune(new QPushButton(this))
    , m_clearOverrides(new QPushButton(this))
{
    setObjectName(QStringLiteral("prunePanel"));
    m_method->setObjectName(QStringLiteral("pruneMethod"));
    m_target->setObjectName(QStringLiteral("pruneTarget"));
    m_scope->setObjectName(QStringLiteral("pruneScope"));
    m_slider->setObjectName(QStringLiteral("pruneSlider"));
    m_amount->setObjectName(QStringLiteral("pruneAmount"));
    m_roundTo->setObjectName(QStringLiteral("pruneRoundTo"));
    m_recalibrate->setObjectName(QStringLiteral("pruneRecalibrate"));
    m_totals->setObjectName(QStringLiteral("pruneTotals"));
    m_status->setObjectName(QStringLiteral("pruneStatus"));
    m_groups->setObjectName(QStringLiteral("pruneGroups"));
    m_apply->setObjectName(QStringLiteral("pruneApply"));
    m_more->setObjectName(QStringLiteral("pruneMore"));
    m_finetune->setObjectName(QStringLiteral("pruneFinetune"));
    m_clearOverrides->setObjectName(QStringLiteral("pruneClearOverrides"));

    for (const char* method : kPreviewMethods)
        m_method->addItem(QString(), QString::fromLatin1(method));
    m_target->addItem(QString(), static_cast<int>(engine::PruneTarget::Ratio));
    m_target->addItem(QString(), static_cast<int>(engine::PruneTarget::Macs));
    m_target->addItem(QString(), static_cast<int>(engine::PruneTarget::Params));
    m_scope->addItem(QString(), false);
    m_scope->addItem(QString(), true);
    for (const int multiple : {1, 2, 4, 8, 16, 32})
        m_roundTo->addItem(QString::number(multiple), multiple);
    m_amount->setSuffix(QStringLiteral(" %"));
    m_slider->setPageStep(5);
    m_recalibrate->setChecked(true);
    updateAmountRange();
    m_slider->setValue(kDefaultRemovePercent);
    m_amount->setValue(kDefaultRemovePercent);

    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_groups->verticalHeader()->hide();
    m_groups->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groups->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groups->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                              | QAbstractItemView::AnyKeyPressed);
    m_groups->horizontalHeader()->setSectionResizeMode(GroupName, QHeaderView::Stretch);
    for (const int column : {GroupChannels, GroupKept, GroupOverride, GroupSensitivity})
        m_groups->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    auto* amountRow = new QHBoxLayout;
    amountRow->addWidget(m_slider, 1);
    amountRow->addWidget(m_amount);
    auto* form = new QFormLayout;
    form->addRow(m_methodLabel, m_method);
    form->addRow(m_targetLabel, m_target);
    form->addRow(m_amountLabel, amountRow);
    form->addRow(m_scopeLabel, m_scope);
    form->addRow(m_roundToLabel, m_roundTo);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_more);
    buttons->addStretch(1);
    buttons->addWidget(m_finetune);
    buttons->addWidget(m_apply);
    auto* tableButtons = new QHBoxLayout;
    tableButtons->addStretch(1);
    tableButtons->addWidget(m_clearOverrides);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_totals);
    layout->addWidget(m_status);
    layout->addWidget(m_groups, 1);
    layout->addLayout(tableButtons);
    layout->addWidget(m_recalibrate);
    layout->addLayout(buttons);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        m_sensitivity.clear(); // scanned by another criterion
        rescore();
    });
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        // A ratio removes and a budget keeps: switching between them shows the same share
        // the other way round.
        const bool ratio = m_target->currentIndex() == 0;
        const int flipped = ratio != m_ratioShown ? 100 - m_amount->value() : m_amount->value();
        // Budgets always rank globally: the disabled scope box says so, and the user's scope
        // comes back with the ratio.
        {
            const QSignalBlocker blocker(m_scope);
            if (m_ratioShown && !ratio) {
                m_scopeBeforeBudget = m_scope->currentIndex();
                m_scope->setCurrentIndex(1);
            } else if (!m_ratioShown && ratio) {
                m_scope->setCurrentIndex(m_scopeBeforeBudget);
            }
        }
        m_ratioShown = ratio;
        updateAmountRange();
        {
            const QSignalBlocker sliderBlocker(m_slider);
            const QSignalBlocker amountBlocker(m_amount);
            m_slider->setValue(flipped);
            m_amount->setValue(flipped);
        }
        updatePreview(); // once, whether or not the number changed
    });
    connect(m_scope, &QComboBox::currentIndexChanged, this, &PrunePanel::updatePreview);
    connect(m_roundTo, &QComboBox::currentIndexChanged, this, &PrunePanel::updatePreview);
    // The slider and the spin box show one value; either one moving updates the preview once.
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (m_amount->value() != value)
            m_amount->setValue(value);
        else
            updatePreview();
    });
    connect(m_amount, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_slider->value() != value)
            m_slider->setValue(value);
        else
            updatePreview();
    });
    connect(m_groups, &QTableWidget::cellChanged, this, &PrunePanel::overrideEdited);
    connect(m_groups, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && !m_filling && m_groups->item(row, GroupName))
            Q_EMIT groupSelected(m_groups->item(row, GroupName)->text());
    });
    connect(m_clearOverrides, &QPushButton::clicked, this, [this] {
        m_overrides.clear();
        updatePreview();
    });
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (!isReady())
            return;
        Q_EMIT applyRequested(request());
        // The pruned model is previewed next: from nothing removed, not from a second cut.
        m_overrides.clear();
        m_slider->setValue(m_target->currentIndex() == 0 ? 0 : 100);
    });
    connect(m_more, &QPushButton::clicked, this, &PrunePanel::moreMethodsRequested);
    connect(m_finetune, &QPushButton::clicked, this, [this] {
        if (isReady())
            Q_EMIT finetuneRequested(request());
    });
    retranslate();
    setModel({});
}

PrunePanel::~PrunePanel() = default;

void PrunePanel::setModel(const engine::Model& model)
{
    if (model.sharedGraph() == m_model.sharedGraph())
        return; // the same version, scored or being scored (the window shows it again after a save)
    m_model = model;
    m_sensitivity.clear();
    rescore();
}

void PrunePanel::rescore()
{
    const quint64 generation = ++m_generation;
    m_preview.reset();
    m_result = {};
    m_groups->setRowCount(0);
    m_totals->clear();
    m_apply->setEnabled(false);
    m_finetune->setEnabled(false);
    Q_EMIT previewCleared();
    if (m_model.isNull()) {
        showStatus(tr("Open a model to preview pruning."));
        return;
    }
    showStatus(tr("Scoring channels…"));
    const engine::Model model = m_model;
    const std::string method = m_method->currentData().toString().toStdString();
    runInBackground<std::shared_ptr<const engine::PrunePreview>>(
        this, [model, method] { return std::make_shared<const engine::PrunePreview>(model, method); },
        [this, generation](const std::shared_ptr<const engine::PrunePreview>& preview) {
            if (generation != m_generation)
                return; // another model or criterion since
            m_preview = preview;
            showStatus({});
            keepKnownOverrides();
            Q_EMIT ready();
            updatePreview();
        },
        [this, generation](const QString& error) {
            if (generation == m_generation)
                showStatus(error, true);
        });
}

engine::PruneRequest PrunePanel::request() const
{
    engine::PruneRequest request;
    request.method = m_method->currentData().toString().toStdString();
    request.target = static_cast<engine::PruneTarget>(m_target->currentData().toInt());
    request.amount = amount();
    request.global = request.target == engine::PruneTarget::Ratio && m_scope->currentData().toBool();
    request.roundTo = m_roundTo->currentData().toInt();
    request.overrides = m_overrides;
    return request;
}

double PrunePanel::amount() const
{
    return m_amount->value() / 100.0;
}

bool PrunePanel::recalibrate() const
{
    return m_recalibrate->isChecked();
}

void PrunePanel::setRatio(double ratio)
{
    if (m_target->currentIndex() != 0) {
        m_target->setCurrentIndex(0);
        showStatus(tr("The γ threshold sets a share of the channels to remove: the target is now the pruning ratio."));
    }
    m_slider->setValue(static_cast<int>(std::lround(ratio * 100.0)));
}

void PrunePanel::setGroupRatios(const std::map<std::string, double>& ratios)
{
    if (m_target->currentIndex() != 0)
        m_target->setCurrentIndex(0);
    m_overrides = ratios;
    {
        const QSignalBlocker sliderBlocker(m_slider);
        const QSignalBlocker amountBlocker(m_amount);
        m_slider->setValue(0);
        m_amount->setValue(0);
    }
    updatePreview();
}

void PrunePanel::setSensitivity(const QHash<QString, QString>& text)
{
    m_sensitivity = text;
    const QSignalBlocker blocker(m_groups);
    for (int row = 0; row < m_groups->rowCount(); ++row)
        if (QTableWidgetItem* item = m_groups->item(row, GroupSensitivity))
            item->setText(m_sensitivity.value(m_groups->item(row, GroupName)->text()));
}

void PrunePanel::selectGroup(const QString& name)
{
    const QSignalBlocker blocker(m_groups);
    const QList<QTableWidgetItem*> found = m_groups->findItems(name, Qt::MatchExactly);
    for (QTableWidgetItem* item : found) {
        if (item->column() == GroupName) {
            m_groups->setCurrentCell(item->row(), GroupName);
            m_groups->scrollToItem(item);
            return;
        }
    }
    m_groups->clearSelection();
    m_groups->setCurrentCell(-1, -1);
}

void PrunePanel::setPruning(bool running)
{
    m_running = running;
    m_apply->setEnabled(isReady() && !running);
    m_finetune->setEnabled(isReady() && !running);
}

void PrunePanel::updateAmountRange()
{
    const bool ratio = m_target->currentData().toInt() == static_cast<int>(engine::PruneTarget::Ratio);
    const QSignalBlocker sliderBlocker(m_slider);
    const QSignalBlocker amountBlocker(m_amount);
    m_slider->setRange(ratio ? 0 : kMinKeepPercent, ratio ? kMaxRemovePercent : 100);
    m_amount->setRange(m_slider->minimum(), m_slider->maximum());
    m_scope->setEnabled(ratio);
    m_amountLabel->setText(ratio ? tr("Channels to &remove:") : m_target->currentIndex() == 1 ? tr("MACs to &keep:")
                                                                                             : tr("Parameters to &keep:"));
    m_amountLabel->setBuddy(m_amount);
}

void PrunePanel::updatePreview()
{
    if (!m_preview)
        return;
    try {
        m_result = m_preview->preview(request());
    } catch (const std::exception& error) {
        // Nothing previewed matches these settings: nothing to apply, nothing shown elsewhere.
        showStatus(errorText(error), true);
        m_result = {};
        m_apply->setEnabled(false);
        m_finetune->setEnabled(false);
        Q_EMIT previewCleared();
        return;
    }
    std::int64_t channels = 0;
    std::int64_t kept = 0;
    for (const engine::GroupPreview& group : m_result.groups) {
        channels += group.channels;
        kept += group.kept;
    }
    m_totals->setText(tr("Parameters: %1 → %2 (%3 %)\nMACs: %4 → %5 (%6 %)\nChannels kept: %7 of %8")
                          .arg(count(m_result.paramsBefore), count(m_result.paramsAfter),
                               share(m_result.paramsAfter, m_result.paramsBefore), count(m_result.macsBefore),
                               count(m_result.macsAfter), share(m_result.macsAfter, m_result.macsBefore), count(kept),
                               count(channels)));
    if (!m_result.budgetMet)
        showStatus(tr("The budget cannot be reached: every group keeps at least one channel and overrides stay as "
                      "they are."),
                   true);
    else if (!m_status->styleSheet().isEmpty())
        showStatus({}); // an earlier error no longer holds
    m_apply->setEnabled(!m_running);
    m_finetune->setEnabled(!m_running);
    m_clearOverrides->setEnabled(!m_overrides.empty());
    if (m_groups->rowCount() != static_cast<int>(m_result.groups.size()))
        fillGroupTable();
    updateGroupTable();
    Q_EMIT previewChanged(m_result);
}

void PrunePanel::fillGroupTable()
{
    m_filling = true;
    m_groups->setRowCount(0);
    m_groups->setRowCount(static_cast<int>(m_result.groups.size()));
    for (int row = 0; row < m_groups->rowCount(); ++row) {
        const engine::GroupPreview& group = m_result.groups[static_cast<std::size_t>(row)];
        auto* name = new QTableWidgetItem(QString::fromStdString(group.name));
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        auto* channels = new QTableWidgetItem(count(group.channels));
        channels->setFlags(channels->flags() & ~Qt::ItemIsEditable);
        channels->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* keptItem = new QTableWidgetItem;
        keptItem->setFlags(keptItem->flags() & ~Qt::ItemIsEditable);
        keptItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* override = new QTableWidgetItem;
        override->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* sensitivity = new QTableWidgetItem(m_sensitivity.value(QString::fromStdString(group.name)));
        sensitivity->setFlags(sensitivity->flags() & ~Qt::ItemIsEditable);
        sensitivity->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_groups->setItem(row, GroupSensitivity, sensitivity);
        m_groups->setItem(row, GroupName, name);
        m_groups->setItem(row, GroupChannels, channels);
        m_groups->setItem(row, GroupKept, keptItem);
        m_groups->setItem(row, GroupOverride, override);
    }
    m_filling = false;
}

void PrunePanel::updateGroupTable()
{
    if (m_groups->rowCount() != static_cast<int>(m_result.groups.size()))
        return;
    m_filling = true;
    for (int row = 0; row < m_groups->rowCount(); ++row) {
        const engine::GroupPreview& group = m_result.groups[static_cast<std::size_t>(row)];
        m_groups->item(row, GroupKept)->setText(count(group.kept));
        const auto found = m_overrides.find(group.name);
        m_groups->item(row, GroupOverride)->setText(
            found == m_overrides.end() ? QString() : QLocale().toString(found->second * 100.0, 'g', 3));
    }
    m_filling = false;
}

void PrunePanel::overrideEdited(int row, int column)
{
    if (m_filling || column != GroupOverride)
        return;
    const std::string name = m_groups->item(row, GroupName)->text().toStdString();
    const QString text = m_groups->item(row, GroupOverride)->text().trimmed().remove(QLatin1Char('%')).trimmed();
    if (text.isEmpty()) {
        m_overrides.erase(name);
    } else {
        bool ok = false;
        double percent = QLocale().toDouble(text, &ok);
        if (!ok)
            percent = text.toDouble(&ok);
        if (!ok || !std::isfinite(percent) || percent < 0 || percent > kMaxRemovePercent) {
            showStatus(tr("An override is the share of the group's channels to remove, from 0 % to %1 %; "
                          "got \"%2\".").arg(kMaxRemovePercent).arg(text),
                       true);
            updateGroupTable(); // back to what holds
            return;
        }
        m_overrides[name] = percent / 100.0;
    }
    updatePreview();
}

void PrunePanel::keepKnownOverrides()
{
    if (m_overrides.empty())
        return;
    engine::PruneRequest plain = request();
    plain.overrides.clear();
    std::set<std::string> groups;
    for (const engine::GroupPreview& group : m_preview->preview(plain).groups)
        groups.insert(group.name);
    QStringList dropped;
    for (auto it = m_overrides.begin(); it != m_overrides.end();) {
        if (groups.count(it->first)) {
            ++it;
            continue;
        }
        dropped << QString::fromStdString(it->first);
        it = m_overrides.erase(it);
    }
    if (!dropped.isEmpty())
        showStatus(tr("Overrides for groups this model does not have were dropped: %1.").arg(dropped.join(QStringLiteral(", "))));
}

void PrunePanel::showStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void PrunePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PrunePanel::retranslate()
{
    retranslatePruneChoices(m_method, m_target, m_scope, m_methodLabel, m_targetLabel, m_scopeLabel, m_roundTo);
    m_roundToLabel->setText(tr("R&ound widths to:"));
    m_roundToLabel->setBuddy(m_roundTo);
    updateAmountRange();
    m_groups->setHorizontalHeaderLabels({tr("Group"), tr("Channels"), tr("Kept"), tr("Override (%)"), tr("Sensitivity")});
    m_groups->horizontalHeaderItem(GroupSensitivity)
        ->setToolTip(tr("Top-1 with half of this group's channels removed and nothing else, from the Sensitivity scan."));
    m_groups->horizontalHeaderItem(GroupOverride)
        ->setToolTip(tr("Double-click to give this group its own pruning ratio, outside the slider and any ranking. "
                        "0 keeps every channel; empty follows the slider."));
    m_recalibrate->setText(tr("Recalibrate &BatchNorm on the Train panel's data set"));
    m_recalibrate->setToolTip(tr("Re-estimates every BatchNorm's running mean and variance on training batches after "
                                 "pruning, changing no weight; stale statistics cause most of the accuracy lost."));
    m_apply->setText(tr("&Apply"));
    m_apply->setToolTip(tr("Prunes the model as previewed, as a job; Edit › Undo restores it."));
    m_finetune->setText(tr("Prune and &Fine-tune…"));
    m_finetune->setToolTip(tr("Prunes as previewed, then fine-tunes with the Train panel's data, as one job whose "
                              "accuracy curve grows in Curves."));
    m_more->setText(tr("More &methods…"));
    m_more->setToolTip(tr("Taylor scores on data and unstructured magnitude masks, in the Prune dialog."));
    m_clearOverrides->setText(tr("C&lear overrides"));
    if (m_model.isNull())
        showStatus(tr("Open a model to preview pruning."));
}

} // namespace slim::app
