#pragma once

#include "model.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QSpinBox;

namespace slim::app {

class Document;
class JobRunner;

/// Under the Cost chart: measures the open model's inference latency as a job and sets it
/// beside the MACs. Against the version the document was opened with (when the model has
/// changed since), it shows the speed-up the MACs promise and the one measured, side by side.
/// UI thread only.
class LatencyPanel : public QWidget {
    Q_OBJECT
public:
    LatencyPanel(Document* document, JobRunner* jobs, QWidget* parent = nullptr);

    /// Starts the measurement (the button); returns the job id, 0 when nothing is open.
    int measure();
    QString resultText() const;

Q_SIGNALS:
    void measured(const QString& text);
    /// The median time of one forward pass of `model` at `batch`, measured just now.
    void latencyMeasured(const slim::engine::Model& model, double medianMs, qint64 batch);

protected:
    void changeEvent(QEvent* event) override;

private:
    void documentChanged();
    void retranslate();
    void showResult();

    struct Measurement {
        std::int64_t macs = 0;
        double medianMs = 0;
        double imagesPerSecond = 0;
        std::int64_t batch = 1;
    };

    Document* m_document;
    JobRunner* m_jobs;
    QPushButton* m_measure;
    QSpinBox* m_batch;
    QLabel* m_result;
    quint64 m_generation = 0;
    engine::Model m_original;                 ///< the version the document was opened with
    std::optional<Measurement> m_current;
    std::optional<Measurement> m_originalMeasured;
    int m_job = 0;
};

} // namespace slim::app
