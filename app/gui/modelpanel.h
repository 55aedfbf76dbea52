#pragma once

#include "model.h"

#include <QHash>
#include <QPair>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace slim::app {

class LayerTableModel;

/// The Model dock: every layer with its shape, parameters, MACs, sparsity and, under a
/// pruning preview, its kept channels; a filter; and the model's totals, saying whether it
/// was pruned with masks or structurally. UI thread only.
class ModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelPanel(QWidget* parent = nullptr);

    /// Shows `model`'s layers and `cost` (its cost(); a null model empties the panel).
    void setModel(const engine::Model& model, const engine::CostSummary& cost);
    /// Layer name → (kept, total) output channels of a pruning preview; empty clears.
    void setKeptChannels(const QHash<QString, QPair<qint64, qint64>>& kept);
    /// Selects and shows the layer named `name`; false when no row shows it.
    bool selectLayer(const QString& name);
    QString selectedLayer() const;

    QTableView* table() const { return m_table; }

Q_SIGNALS:
    /// The user (or selectLayer()) made another layer current.
    void layerSelected(const QString& name);

protected:
    void changeEvent(QEvent* event) override;
    /// Lets Undo and Redo reach the window from the filter while the filter's own text has
    /// nothing to undo (it has the focus when the window opens).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void updateTotals();

    engine::CostSummary m_cost;
    bool m_hasModel = false;
    LayerTableModel* m_layers;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTableView* m_table;
    QLabel* m_totals;
};

/// "1,234,567" in the user's locale.
QString formatCount(std::int64_t value);

} // namespace slim::app
