#include "replacemodelcommand.h"

#include "document.h"

namespace slim::app {

ReplaceModelCommand::ReplaceModelCommand(Document* document, engine::Model after, const QString& text)
    : QUndoCommand(text)
    , m_document(document)
    , m_other(std::move(after))
{
}

void ReplaceModelCommand::swap()
{
    const engine::Model current = m_document->model();
    m_document->setModel(m_other);
    m_other = current;
}

} // namespace slim::app
