#pragma once

#include <QPoint>
#include <QVector>
#include <QWidget>

#include "figureexport.h"

class QCustomPlot;
class QCPBars;
class QCPItemRect;
class QCPItemText;

namespace slim::widgets {

/// A bar chart of cost per layer: MACs (millions, left axis) and parameters (thousands,
/// right axis) side by side for each layer given, each bar set and its axis in one colour.
/// Hovering a layer shows its name, MACs and parameters; clicking it emits layerClicked(),
/// and highlightLayer() marks one (the layer table's selection). Takes plain numbers; knows
/// nothing of models. Drag and wheel pan and zoom along the layers. UI thread only.
class CostChart : public QWidget {
    Q_OBJECT
public:
    explicit CostChart(QWidget* parent = nullptr);

    /// Replaces the data. The three vectors have one entry per layer, in display order.
    /// Keeps the highlight when the highlighted layer is still there.
    void setData(const QStringList& layers, const QVector<double>& macs, const QVector<double>& params);
    void clear();
    /// Shows what a pruning preview leaves of each layer (same layers, same order as
    /// setData()) as solid bars in front of the original ones, which turn pale. An empty
    /// vector (or setData()) removes the comparison.
    void setRemaining(const QVector<double>& macs, const QVector<double>& params);
    bool showsRemaining() const { return !m_macsAfter.isEmpty(); }
    /// A line of text over the bars' top right saying how the model was pruned ("Pruned with
    /// masks: …"); empty removes it.
    void setNote(const QString& text);
    QString note() const;

    int layerCount() const { return m_layers.size(); }
    const QStringList& layers() const { return m_layers; }
    QCustomPlot* plot() const { return m_plot; }
    /// The layer under `plotPosition` (in plot() coordinates), or -1.
    int layerAt(const QPoint& plotPosition) const;
    /// What hovering `plotPosition` shows: the layer's name, MACs and parameters; empty off the bars.
    QString toolTipAt(const QPoint& plotPosition) const;
    /// The layer highlightLayer() marked, or empty.
    QString highlightedLayer() const;

    /// The plotted numbers: per layer, MACs and parameters (and what remains under a preview).
    FigureTable figureTable() const;

    QSize sizeHint() const override { return {640, 420}; }

public Q_SLOTS:
    /// Marks the layer called `name` and scrolls it into view; an unknown or empty name clears the mark.
    void highlightLayer(const QString& name);

Q_SIGNALS:
    /// The user clicked the bars (or the space above them) of the layer called `name`.
    void layerClicked(const QString& name);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    /// Labels every n-th layer so the rotated names never overlap at the current width.
    void updateTicks();

    QCustomPlot* m_plot = nullptr;
    QCPBars* m_macBars = nullptr;
    QCPBars* m_paramBars = nullptr;
    QCPBars* m_macAfterBars = nullptr;
    QCPBars* m_paramAfterBars = nullptr;
    QCPItemRect* m_highlight = nullptr;
    QCPItemText* m_note = nullptr;
    QStringList m_layers;
    QVector<double> m_macs;
    QVector<double> m_params;
    QVector<double> m_macsAfter;
    QVector<double> m_paramsAfter;
    int m_highlighted = -1;
    QPoint m_pressPosition;
};

} // namespace slim::widgets
