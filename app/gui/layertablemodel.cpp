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
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case Name: return QString::fromStdString(layer.name);
        case Op: return QString::fromStdString(layer.op);
        case OutputShape: return shapeText(layer.outputShape);
        case Params: return locale.toString(static_cast<qlonglong>(layer.params));
        case Macs: return locale.toString(static_cast<qlonglong>(layer.macs));
        case Share: return locale.toString(100.0 * share, 'f', 2) + QStringLiteral(" %");
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
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Params)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == OutputShape)
        return tr("%1 bytes per sample").arg(QLocale().toString(static_cast<qlonglong>(layer.activationBytes)));
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
    }
    return {};
}

} // namespace slim::app
