#pragma once

#include "core/error.h"

#include <QString>

namespace slim::engine::test {

/// Runs `action` and returns the message of the engine Error it throws with `expected`'s code;
/// otherwise a text saying what happened instead, which no test's `contains()` will match.
template <typename Action>
QString errorOf(Action action, ErrorCode expected)
{
    try {
        action();
    } catch (const Error& error) {
        if (error.code() != expected)
            return QStringLiteral("wrong code: ") + QString::fromStdString(error.what());
        return QString::fromStdString(error.what());
    }
    return QStringLiteral("no error");
}

} // namespace slim::engine::test
