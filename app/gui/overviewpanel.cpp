#include "overviewpanel.h"

#include "errortext.h"
#include "layertablemodel.h"
#include "modelpanel.h"

#include <QDir>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace slim::app {

QString formatBytes(std::int64_t bytes)
{
    return QLocale().formattedDataSize(bytes, 2, QLocale::DataSizeTraditionalFormat);
}

QString preprocessingText(const engine::Preprocessing& contract)
{
    auto numbers = [](const std::vector<double>& values) {
        QStringList parts;
        for (const double value : values)
            parts << QLocale().toString(value, 'g', 4);
        return parts.join(QStringLiteral(", "));
    };
    const QString order = QString::fromStdString(contract.channelOrder);
    QString text;
    if (contract.isIdentity())
        text = OverviewPanel::tr("raw pixels, no scaling or normalisation");
    else {
        const QString scale = std::abs(contract.pixelScale * 255.0 - 1.0) < 1e-12
                                  ? QStringLiteral("1/255")
                                  : QLocale().toString(contract.pixelScale, 'g', 6);
        text = contract.normalizes() ? OverviewPanel::tr("pixels × %1, then (x − mean) / std with mean [%2], std [%3]")
                                           .arg(scale, numbers(contract.mean), numbers(contract.std))
                                     : OverviewPanel::tr("pixels × %1, no normalisation").arg(scale);
    }
    return order.isEmpty() ? text : OverviewPanel::tr("%1; channels %2").arg(text, order);
}

OverviewPanel::OverviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_body(new QLabel(this))
{
    setObjectName(QStringLiteral("overview"));
    m_title->setObjectName(QStringLiteral("overviewTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_body->setObjectName(QStringLiteral("overviewBody"));
    m_body->setTextFormat(Qt::RichText);
    m_body->setWordWrap(true); // lets the docks take the width they ask for
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_body->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setMinimumWidth(240);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_body, 1);
    render();
}

void OverviewPanel::showModel(const engine::Model& model, const engine::CostSummary& cost, const QString& filePath)
{
    m_model = model;
    m_cost = cost;
    m_filePath = filePath;
    render();
}

void OverviewPanel::setShortcuts(const QKeySequence& newModel, const QKeySequence& open)
{
    m_newShortcut = newModel;
    m_openShortcut = open;
    render();
}

void OverviewPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QWidget::changeEvent(event);
}

void OverviewPanel::render()
{
    if (m_model.isNull()) {
        m_title->setText(tr("No model open"));
        m_body->setText(tr("<p>Create a model with <b>File › New from Zoo</b> (%1), open a <code>.slim</code> "
                           "file with <b>File › Open</b> (%2), or drop a model file on this window.</p>")
                            .arg(m_newShortcut.toString(QKeySequence::NativeText), m_openShortcut.toString(QKeySequence::NativeText)));
        return;
    }
    const engine::Model& model = m_model;
    const engine::CostSummary& cost = m_cost;
    const auto metadata = model.metadata();
    const QString source = m_filePath.isEmpty()
                               ? (metadata.count("pruned.top1")
                                      ? tr("pruned, top-1 %1 on its test set; not saved yet")
                                            .arg(QString::fromStdString(metadata.at("pruned.top1")).left(6))
                                  : metadata.count("trained.top1")
                                      ? tr("trained, top-1 %1 on its test set; not saved yet")
                                            .arg(QString::fromStdString(metadata.at("trained.top1")).left(6))
                                      : metadata.count("zoo") ? tr("built-in zoo, not saved yet")
                                                              : tr("not saved yet"))
                               : QDir::toNativeSeparators(m_filePath);
    QString contractText;
    try {
        contractText = preprocessingText(model.preprocessing());
    } catch (const std::exception& error) {
        contractText = errorText(error);
    }
    // What the parameters take as stored: 32-bit floats, or quantized weights at their bits.
    const QString storage = cost.parameterBytes < cost.params * 4
                                ? tr("%1 with quantized weights").arg(formatBytes(cost.parameterBytes))
                                : tr("%1 as float32").arg(formatBytes(cost.params * 4));
    m_title->setText(QString::fromStdString(model.name()));
    m_body->setText(
        tr("<table cellspacing='6'>"
           "<tr><td>Source</td><td>%1</td></tr>"
           "<tr><td>Input</td><td>%2</td></tr>"
           "<tr><td>Preprocessing</td><td>%11</td></tr>"
           "<tr><td>Output</td><td>%3</td></tr>"
           "<tr><td>Layers</td><td>%4</td></tr>"
           "<tr><td>Parameters</td><td><b>%5</b> (%6)</td></tr>"
           "<tr><td>MACs per sample</td><td><b>%7</b> (FLOPs = 2 × MACs = %8)</td></tr>"
           "<tr><td>Activation memory per sample</td><td>%9 in total, %10 at peak</td></tr>"
           "</table>")
            .arg(source.toHtmlEscaped(), shapeText(model.inputShape()), shapeText(model.outputShape()),
                 formatCount(static_cast<std::int64_t>(cost.layers.size())), formatCount(cost.params),
                 storage, formatCount(cost.macs), formatCount(2 * cost.macs))
            .arg(formatBytes(cost.activationBytes), formatBytes(cost.peakActivationBytes), contractText.toHtmlEscaped()));
}

} // namespace slim::app
