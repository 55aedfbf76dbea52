#pragma once

#include <QObject>
#include <QString>

class QTranslator;

namespace slim::app {

/// Installs the translation catalogues for the chosen UI language. Installing sends
/// QEvent::LanguageChange to every widget, which re-translates itself. UI thread only.
class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject* parent = nullptr);

    /// Switches to `language` ("en", "zh_CN"; empty: follow the system locale) and remembers
    /// it in the settings. Returns the language now in force.
    QString apply(const QString& language);
    /// The language in force ("en" or "zh_CN").
    QString current() const { return m_current; }
    /// The setting: empty when following the system.
    QString chosen() const { return m_chosen; }

    static QStringList available();
    /// The catalogue language for a locale name ("zh_CN" for zh_TW too, "en" otherwise).
    static QString resolve(const QString& language);

Q_SIGNALS:
    void languageChanged(const QString& language);

private:
    QTranslator* m_appTranslator;
    QTranslator* m_qtTranslator;
    QString m_current;
    QString m_chosen;
};

} // namespace slim::app
