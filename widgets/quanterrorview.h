#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include "figureexport.h"

class QCPBars;
class QCustomPlot;

namespace slim::widgets {

/// One quantized tensor: a layer's weights or an activation.
struct QuantError {
    QString name;
    bool weight = true;
    int bits = 8;
    double sqnrDb = 0;  ///< signal-to-quantization-noise ratio; +inf when quantization changes nothing
};

/// Per-layer quantization error: the SQNR of every quantized weight and activation as bars in
/// network order (weights and activations in two colours), so the layer that loses most
/// stands out (low bars). Plain data in. UI thread only.
class QuantErrorView : public QWidget {
    Q_OBJECT
public:
    explicit QuantErrorView(QWidget* parent = nullptr);

    void setErrors(const QVector<QuantError>& errors);
    int count() const { return static_cast<int>(m_errors.size()); }
    /// The tensor with the lowest SQNR, or -1 without any.
    int worst() const;
    QString toolTipAt(const QPoint& plotPosition) const;
    /// The plotted numbers: tensor, kind, bits and SQNR per row.
    FigureTable figureTable() const;
    QCustomPlot* plot() const { return m_plot; }
    QSize sizeHint() const override { return {640, 360}; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QCustomPlot* m_plot;
    QCPBars* m_weights;
    QCPBars* m_activations;
    QCPBars* m_lowest;  ///< the worst tensor's bar, drawn over its own in another colour
    QVector<QuantError> m_errors;
};

} // namespace slim::widgets
