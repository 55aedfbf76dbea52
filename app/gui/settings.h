#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace slim::app {

/// A typed settings key with its default (Tiled's SessionOption, qBittorrent's SettingValue).
/// Reads and writes go through QSettings with the application's organisation and name.
/// UI thread only.
template <typename T>
class SettingValue {
public:
    SettingValue(QString key, T fallback) : m_key(std::move(key)), m_default(std::move(fallback)) {}

    T value() const
    {
        const QVariant stored = QSettings().value(m_key);
        return stored.isValid() && stored.canConvert<T>() ? stored.value<T>() : m_default;
    }
    void setValue(const T& value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }
    const QString& key() const { return m_key; }

private:
    QString m_key;
    T m_default;
};

namespace settings {
/// "" follows the system locale; otherwise "en" or "zh_CN".
inline SettingValue<QString> language() { return {QStringLiteral("ui/language"), QString()}; }
inline SettingValue<QByteArray> windowGeometry() { return {QStringLiteral("ui/windowGeometry"), {}}; }
inline SettingValue<QByteArray> windowState() { return {QStringLiteral("ui/windowState"), {}}; }
inline SettingValue<QStringList> recentFiles() { return {QStringLiteral("files/recent"), {}}; }
inline SettingValue<QString> lastDirectory() { return {QStringLiteral("files/lastDirectory"), QString()}; }
/// Most recent files listed in File › Recent Files.
constexpr int kMaxRecentFiles = 8;
} // namespace settings

} // namespace slim::app
