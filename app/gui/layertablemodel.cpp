#include "layertablemodel.h"

#include <QLocale>

namespace slim::app {

QString shapeText(const std::vector<std::int64_t>& shape)
{
    QStringList parts;
    for (const std::int64_t dim : shape)
        parts << QString::number(dim);
    return parts.join(QStringLiteral("×"));
}

LayerTableModel::LayerTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LayerTableModel::setCost(const engine::CostSummary& cost)
{
    beginResetModel();
    m_cost = cost;
    endResetModel();
}

void LayerTableModel::setKeptChannels(const QHash<QString, QPair<qint64, qint64>>& kept)
{
    if (kept.isEmpty() && m_kept.isEmpty())
        return;
    m_kept = kept;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Kept), index(rowCount() - 1, Kept));
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cost.layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const engine::LayerCost& layer = m_cost.layers[static_cast<std::size_t>(index.row())];
    const double share = m_cost.macs > 0 ? static_cast<double>(layer.macs) / static_cast<double>(m_cost.macs) : 0.0;
    const bool weighted = layer.op == "Conv2d" || layer.op == "ConvTranspose2d" || layer.op == "Linear";
    const auto kept = m_kept.constFind(QString::fromStdString(layer.name));
    const bool previewed = kept != m_kept.constEnd();
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case Name: return QString::fromStdString(layer.name);
        case Op: return QString::fromStdString(layer.op);
        case OutputShape: return shapeText(layer.outputShape);
        case Params: return locale.toString(static_cast<qlonglong>(layer.params));
        case Macs: return locale.toString(static_cast<qlonglong>(layer.macs));
        case Share: return locale.toString(100.0 * share, 'f', 2) + QStringLiteral(" %");
        case Energy: return locale.toString(layer.energyPj / 1e6, 'f', 3);
        case Sparsity: return weighted ? locale.toString(100.0 * layer.sparsity, 'f', 1) + QStringLiteral(" %") : QVariant();
        case Kept:
            return previewed ? QStringLiteral("%1 / %2").arg(locale.toString(kept->first), locale.toString(kept->second))
                             : QVariant();
        }
    }
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Name: return index.row(); // graph order
        case Op: return QString::fromStdString(layer.op);
        case OutputShape: return static_cast<qlonglong>(layer.activationBytes);
        case Params: return static_cast<qlonglong>(layer.params);
        case Macs: return static_cast<qlonglong>(layer.macs);
        case Share: return share;
        case Energy: return layer.energyPj;
        case Sparsity: return weighted ? layer.sparsity : -1.0;
        case Kept: return previewed && kept->second > 0 ? double(kept->first) / double(kept->second) : 2.0;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Params)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == OutputShape)
        return tr("%1 bytes per sample").arg(QLocale().toString(static_cast<qlonglong>(layer.activationBytes)));
    if (role == Qt::ToolTipRole && index.column() == Energy)
        return tr("Estimated energy per sample at 32 bits: its MACs, its weights read once from DRAM and its "
                  "activations through SRAM (45 nm figures, Horowitz 2014)");
    if (role == Qt::ToolTipRole && index.column() == Sparsity && weighted)
        return tr("The share of exact zeros in its weight (masked or pruned weights)");
    if (role == Qt::ToolTipRole && index.column() == Kept && previewed)
        return tr("Output channels kept of all under the Prune panel's settings");
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Layer");
    case Op: return tr("Operation");
    case OutputShape: return tr("Output shape");
    case Params: return tr("Parameters");
    case Macs: return tr("MACs");
    case Share: return tr("Share of MACs");
    case Energy: return tr("Energy (µJ)");
    case Sparsity: return tr("Sparsity");
    case Kept: return tr("Kept channels");
    }
    return {};
}

} // namespace slim::app
