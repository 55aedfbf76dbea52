#pragma once

#include "model.h"

#include <QAbstractTableModel>

namespace slim::app {

/// The Model dock's table: one row per layer with name, op, output shape, parameters, MACs
/// and share of all MACs. Numbers sort numerically (Qt::UserRole holds the raw value).
class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Op, OutputShape, Params, Macs, Share, ColumnCount };

    explicit LayerTableModel(QObject* parent = nullptr);

    void setCost(const engine::CostSummary& cost);
    const engine::CostSummary& cost() const { return m_cost; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    engine::CostSummary m_cost;
};

/// "16×32×32"
QString shapeText(const std::vector<std::int64_t>& shape);

} // namespace slim::app
