#pragma once

#include "model.h"

#include <QUndoCommand>

namespace slim::app {

class Document;

/// Applies a job's result (a trained, pruned or quantized model) as one undoable step.
/// Models are immutable and shared, so keeping both versions costs no copy.
class ReplaceModelCommand : public QUndoCommand {
public:
    ReplaceModelCommand(Document* document, engine::Model after, const QString& text);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    void swap();

    Document* m_document;
    engine::Model m_other;
};

} // namespace slim::app
