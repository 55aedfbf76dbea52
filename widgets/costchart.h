#pragma once

#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace slim::widgets {

/// A bar chart of cost per layer: MACs (millions, left axis) and parameters (thousands,
/// right axis) side by side for each layer given. Takes plain numbers; knows nothing of models.
/// Drag and wheel pan and zoom along the layers. UI thread only.
class CostChart : public QWidget {
    Q_OBJECT
public:
    explicit CostChart(QWidget* parent = nullptr);

    /// Replaces the data. The three vectors have one entry per layer, in display order.
    void setData(const QStringList& layers, const QVector<double>& macs, const QVector<double>& params);
    void clear();

    int layerCount() const { return m_layers.size(); }
    QCustomPlot* plot() const { return m_plot; }

    QSize sizeHint() const override { return {640, 420}; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void retranslate();
    /// Labels every n-th layer so the rotated names never overlap at the current width.
    void updateTicks();

    QCustomPlot* m_plot = nullptr;
    QCPBars* m_macBars = nullptr;
    QCPBars* m_paramBars = nullptr;
    QStringList m_layers;
};

} // namespace slim::widgets
