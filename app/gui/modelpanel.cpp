#include "modelpanel.h"

#include "layertablemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace slim::app {

QString formatCount(std::int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

ModelPanel::ModelPanel(QWidget* parent)
    : QWidget(parent)
    , m_layers(new LayerTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_totals(new QLabel(this))
{
    setObjectName(QStringLiteral("modelPanel"));
    m_proxy->setSourceModel(m_layers);
    m_proxy->setSortRole(Qt::UserRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setObjectName(QStringLiteral("layerFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_table->setObjectName(QStringLiteral("layerTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LayerTableModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_totals->setObjectName(QStringLiteral("layerTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            Q_EMIT layerSelected(m_proxy->index(current.row(), LayerTableModel::Name).data().toString());
    });
    retranslate();
}

void ModelPanel::setModel(const engine::Model& model, const engine::CostSummary& cost)
{
    m_hasModel = !model.isNull();
    m_cost = m_hasModel ? cost : engine::CostSummary{};
    m_layers->setKeptChannels({});
    m_layers->setCost(m_cost);
    if (m_hasModel)
        m_table->resizeColumnsToContents();
    updateTotals();
}

void ModelPanel::setKeptChannels(const QHash<QString, QPair<qint64, qint64>>& kept)
{
    m_layers->setKeptChannels(kept);
}

bool ModelPanel::selectLayer(const QString& name)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, LayerTableModel::Name);
        if (index.data().toString() == name) {
            if (m_table->currentIndex().row() != row)
                m_table->selectRow(row);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

QString ModelPanel::selectedLayer() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_proxy->index(current.row(), LayerTableModel::Name).data().toString() : QString();
}

void ModelPanel::updateTotals()
{
    if (!m_hasModel) {
        m_totals->clear();
        return;
    }
    QString totals = tr("Total: %1 parameters, %2 MACs in %3 layers")
                         .arg(formatCount(m_cost.params), formatCount(m_cost.macs),
                              formatCount(static_cast<std::int64_t>(m_cost.layers.size())));
    totals += QLatin1Char('\n')
              + tr("Estimated energy per image at 32 bits: %1 µJ (arithmetic %2, weights from DRAM %3, activations %4)")
                    .arg(QLocale().toString(m_cost.energyPj / 1e6, 'f', 1), QLocale().toString(m_cost.computeEnergyPj / 1e6, 'f', 1),
                         QLocale().toString(m_cost.weightEnergyPj / 1e6, 'f', 1),
                         QLocale().toString(m_cost.activationEnergyPj / 1e6, 'f', 1));
    // Whether the model was pruned, and how: masks keep the shapes, so only non-zero counts shrink.
    if (m_cost.pruning == "masked")
        totals += QLatin1Char('\n') + tr("Pruned with masks: %1 non-zero parameters, %2 non-zero MACs")
                                           .arg(formatCount(m_cost.nonzeroParams), formatCount(m_cost.nonzeroMacs));
    else if (m_cost.pruning == "structural")
        totals += QLatin1Char('\n') + tr("Pruned structurally: channels removed");
    m_totals->setText(totals);
}

bool ModelPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filter && event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool undo = key->matches(QKeySequence::Undo) && !m_filter->isUndoAvailable();
        const bool redo = key->matches(QKeySequence::Redo) && !m_filter->isRedoAvailable();
        if (undo || redo) {
            event->ignore(); // not the line edit's: the window's Undo/Redo shortcut runs
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ModelPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ModelPanel::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter layers by name or operation"));
    updateTotals();
}

} // namespace slim::app
