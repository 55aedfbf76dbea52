#pragma once

#include "model.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPair>

namespace slim::app {

/// The Model dock's table: one row per layer with name, op, output shape, parameters, MACs
/// and share of all MACs. Numbers sort numerically (Qt::UserRole holds the raw value).
class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Op, OutputShape, Params, Macs, Share, Energy, Sparsity, Kept, ColumnCount };

    explicit LayerTableModel(QObject* parent = nullptr);

    void setCost(const engine::CostSummary& cost);
    const engine::CostSummary& cost() const { return m_cost; }
    /// Layer name → (kept, total) output channels under a pruning preview; empty: none.
    void setKeptChannels(const QHash<QString, QPair<qint64, qint64>>& kept);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    engine::CostSummary m_cost;
    QHash<QString, QPair<qint64, qint64>> m_kept;
};

/// "16×32×32"
QString shapeText(const std::vector<std::int64_t>& shape);

} // namespace slim::app
