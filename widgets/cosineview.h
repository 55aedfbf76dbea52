#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include "figureexport.h"

class QCPGraph;
class QCustomPlot;

namespace slim::widgets {

/// One layer of a quantized-versus-float comparison (rknn-toolkit2's accuracy analysis).
struct LayerCosine {
    QString op;    ///< "Conv"
    QString name;
    double entire = 1;  ///< cosine similarity of the output, errors accumulated up to the layer
    double single = 1;  ///< the layer alone, fed the float input
};

/// Per-layer cosine similarity, accumulated ("entire") and alone ("single"), layers along the
/// x axis in network order, so the layer where accuracy drops stands out. Plain data in. UI
/// thread only.
class CosineView : public QWidget {
    Q_OBJECT
public:
    explicit CosineView(QWidget* parent = nullptr);

    void setLayers(const QVector<LayerCosine>& layers);
    int layerCount() const { return static_cast<int>(m_layers.size()); }
    /// The layer whose accumulated cosine is lowest, or -1 without layers.
    int worstLayer() const;
    QString toolTipAt(const QPoint& plotPosition) const;
    /// The plotted numbers: op, layer, entire and single cosine per layer.
    FigureTable figureTable() const;
    QCustomPlot* plot() const { return m_plot; }
    QSize sizeHint() const override { return {640, 360}; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QCustomPlot* m_plot;
    QCPGraph* m_entire;
    QCPGraph* m_single;
    QVector<LayerCosine> m_layers;
};

} // namespace slim::widgets
