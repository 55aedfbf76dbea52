#pragma once

#include "model.h"

#include <QKeySequence>
#include <QWidget>

class QLabel;

namespace slim::app {

/// The centre of the window: the open model's name, where it came from, its input, input
/// contract, output, size, MACs and activation memory; or, with no model, how to open one.
/// UI thread only.
class OverviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPanel(QWidget* parent = nullptr);

    /// Shows `model` with its `cost` (its cost()), saved at `filePath` (empty: not saved yet).
    void showModel(const engine::Model& model, const engine::CostSummary& cost, const QString& filePath);
    /// The shortcuts the empty overview names for New from Zoo and Open.
    void setShortcuts(const QKeySequence& newModel, const QKeySequence& open);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    engine::Model m_model;
    engine::CostSummary m_cost;
    QString m_filePath;
    QKeySequence m_newShortcut;
    QKeySequence m_openShortcut;
    QLabel* m_title;
    QLabel* m_body;
};

/// The model's input contract for people, in their language.
QString preprocessingText(const engine::Preprocessing& contract);
/// "1.04 MB"
QString formatBytes(std::int64_t bytes);

} // namespace slim::app
