#include "languagemanager.h"

#include "settings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace slim::app {

LanguageManager::LanguageManager(QObject* parent)
    : QObject(parent)
    , m_appTranslator(new QTranslator(this))
    , m_qtTranslator(new QTranslator(this))
{
}

QStringList LanguageManager::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString LanguageManager::resolve(const QString& language)
{
    const QString name = language.isEmpty() ? QLocale::system().name() : language;
    return name.startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString LanguageManager::apply(const QString& language)
{
    m_chosen = language;
    settings::language().setValue(language);
    const QString target = resolve(language);
    if (target == m_current)
        return m_current;
    QCoreApplication::removeTranslator(m_appTranslator);
    QCoreApplication::removeTranslator(m_qtTranslator);
    // English loads its catalogue too: it holds the plural forms ("1 epoch", "2 epochs").
    if (m_appTranslator->load(QStringLiteral(":/i18n/slimbench_%1.qm").arg(target)))
        QCoreApplication::installTranslator(m_appTranslator);
    if (target != QLatin1String("en")) {
        // Qt's own strings (standard buttons, file dialogs), when Debian's catalogue is present.
        if (m_qtTranslator->load(QStringLiteral("qtbase_%1").arg(target),
                                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qtTranslator);
    }
    m_current = target;
    QLocale::setDefault(QLocale(target == QLatin1String("zh_CN") ? QLocale::Chinese : QLocale::English,
                                target == QLatin1String("zh_CN") ? QLocale::China : QLocale::UnitedStates));
    Q_EMIT languageChanged(m_current);
    return m_current;
}

} // namespace slim::app
