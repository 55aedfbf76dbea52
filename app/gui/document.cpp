#include "document.h"

#include <QFileInfo>
#include <QUndoStack>

namespace slim::app {

Document::Document(QObject* parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (m_modified != !clean) {
            m_modified = !clean;
            Q_EMIT modifiedChanged(m_modified);
        }
    });
}

QString Document::displayName() const
{
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    return m_model.isNull() ? QString() : QString::fromStdString(m_model.name());
}

void Document::reset(const engine::Model& model, const QString& filePath)
{
    m_undoStack->clear();
    ++m_generation;
    m_model = model;
    m_filePath = filePath;
    m_modified = false;
    Q_EMIT modelChanged();
    Q_EMIT filePathChanged();
    Q_EMIT modifiedChanged(false);
}

void Document::setModel(const engine::Model& model)
{
    m_model = model;
    Q_EMIT modelChanged();
}

void Document::markUnsaved()
{
    m_undoStack->resetClean(); // no state of the history is clean any more
    if (!m_modified) {
        m_modified = true;
        Q_EMIT modifiedChanged(true);
    }
}

void Document::markSaved(const QString& filePath)
{
    m_filePath = filePath;
    m_undoStack->setClean();
    m_modified = false;
    Q_EMIT filePathChanged();
    Q_EMIT modifiedChanged(false);
}

} // namespace slim::app
