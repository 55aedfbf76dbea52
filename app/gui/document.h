#pragma once

#include "model.h"

#include <QObject>
#include <QString>

class QUndoStack;

namespace slim::app {

/// The open model and where it came from. Jobs never touch it; finished work is applied on
/// the UI thread, as an undoable command where it changes the model. UI thread only.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    const engine::Model& model() const { return m_model; }
    /// The `.slim` file the model was read from or last saved to; empty when never saved.
    const QString& filePath() const { return m_filePath; }
    /// A short name for titles: the file name, or the model's own name when unsaved.
    QString displayName() const;
    bool isModified() const { return m_modified; }
    bool isEmpty() const { return m_model.isNull(); }
    QUndoStack* undoStack() const { return m_undoStack; }
    /// Changes whenever reset() makes this a different document (new, open), so work
    /// started on one document can tell that it is no longer open.
    quint64 generation() const { return m_generation; }

    /// Replaces the whole document (new, open). Clears the undo history.
    void reset(const engine::Model& model, const QString& filePath);
    /// Swaps in another version of the model without touching the history; only undo
    /// commands call this (see ReplaceModelCommand).
    void setModel(const engine::Model& model);
    /// Marks the document as having unsaved changes (a result opened as a new document).
    void markUnsaved();
    /// Records that the model was saved to `filePath`.
    void markSaved(const QString& filePath);

Q_SIGNALS:
    void modelChanged();
    void filePathChanged();
    void modifiedChanged(bool modified);

private:
    engine::Model m_model;
    QString m_filePath;
    bool m_modified = false;
    quint64 m_generation = 0;
    QUndoStack* m_undoStack;
};

} // namespace slim::app
