#include <QtTest/QtTest>

#include "exportdialog.h"
#include "settings.h"

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

using namespace slim::app;

class TestExportDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_exportdialog"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    /// No label shows a literal "&": each with a mnemonic has a buddy, and Alt+I reaches the size.
    void everyMnemonicHasABuddy()
    {
        ExportDialog dialog(QStringLiteral("resnet20"), {1, 28, 28});
        for (QLabel* label : dialog.findChildren<QLabel*>()) {
            if (!label->text().contains(QLatin1Char('&')))
                continue;
            QVERIFY2(label->buddy(), qPrintable(label->text()));
            // A label only hands focus to a buddy that takes it.
            QVERIFY2(label->buddy()->focusPolicy() != Qt::NoFocus, qPrintable(label->text()));
        }
        auto* shapeLabel = dialog.findChild<QLabel*>(QStringLiteral("shapeLabel"));
        QVERIFY(shapeLabel->buddy());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClick(&dialog, Qt::Key_I, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), dialog.findChild<QSpinBox*>(QStringLiteral("channelsSpin")));
    }

    /// The default file is absolute: in the last directory used, else in Documents or home.
    void defaultPathIsAbsolute()
    {
        settings::lastDirectory().setValue(QString());
        {
            ExportDialog dialog(QStringLiteral("resnet20"), {1, 28, 28});
            const QString path = dialog.settings().path;
            QVERIFY2(QDir::isAbsolutePath(path), qPrintable(path));
            QVERIFY(path.endsWith(QStringLiteral("/resnet20.onnx")));
            QVERIFY(QFileInfo(path).dir().exists());
        }
        settings::lastDirectory().setValue(m_dir.path());
        ExportDialog dialog(QStringLiteral("resnet20"), {1, 28, 28});
        QCOMPARE(dialog.settings().path, m_dir.filePath(QStringLiteral("resnet20.onnx")));
        // A relative name typed by the user lands there too, never in the working directory.
        auto* path = dialog.findChild<QLineEdit*>(QStringLiteral("pathEdit"));
        path->clear();
        QTest::keyClicks(path, QStringLiteral("small.onnx"));
        QCOMPARE(dialog.settings().path, m_dir.filePath(QStringLiteral("small.onnx")));
        settings::lastDirectory().setValue(QString());
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
