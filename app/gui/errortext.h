#pragma once

#include <QString>

#include <exception>

namespace slim::app {

/// The user-facing text for an exception from the engine, in the UI language. Engine errors
/// are translated from their code and arguments; anything else shows its own message.
QString errorText(const std::exception& error);

} // namespace slim::app
