#pragma once

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
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
/// Where file fields and dialogs start: the last directory used when it still exists, else
/// Documents, else home. Always absolute, never the working directory (which, for a program
/// started from a menu, is / or home).
inline QString startDirectory()
{
    const QString last = lastDirectory().value();
    if (!last.isEmpty() && QDir::isAbsolutePath(last) && QDir(last).exists())
        return QDir::cleanPath(last);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return !documents.isEmpty() && QDir(documents).exists() ? documents : QDir::homePath();
}
/// Most recent files listed in File › Recent Files.
constexpr int kMaxRecentFiles = 8;
inline SettingValue<QStringList> recentProjects() { return {QStringLiteral("projects/recent"), {}}; }
/// The project open when the app quit, reopened at the next start; empty after Close Project.
inline SettingValue<QString> openProject() { return {QStringLiteral("projects/open"), QString()}; }
} // namespace settings

} // namespace slim::app
