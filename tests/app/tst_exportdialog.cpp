#include <QtTest/QtTest>

#include "exportdialog.h"
#include "rknnexportdialog.h"
#include "settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
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

    /// The RKNN dialog: OK only when it has what it needs, an interpreter checked with a clear
    /// verdict, and the fields remembered for next time.
    void rknnDialogChecksAndRemembers()
    {
        RknnExportDialog dialog(QStringLiteral("resnet20"), QStringLiteral("/usr/share/datasets/fashion-mnist"));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        QVERIFY(QDir::isAbsolutePath(dialog.settings().folder));
        auto* convert = dialog.findChild<QCheckBox*>(QStringLiteral("convertCheck"));
        auto* python = dialog.findChild<QLineEdit*>(QStringLiteral("pythonEdit"));
        convert->setChecked(true);
        QVERIFY(!ok->isEnabled()); // converting needs a Python
        python->setText(QStringLiteral("/nonexistent/python3"));
        QVERIFY(ok->isEnabled());
        dialog.checkPython();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.pythonVerdict().startsWith(QStringLiteral("✗")), 10000);
        QVERIFY2(dialog.pythonVerdict().contains(QStringLiteral("/nonexistent/python3")), qPrintable(dialog.pythonVerdict()));
        QVERIFY(!ok->isEnabled()); // a Python the check refused would fail the export at its end
        python->setText(QStringLiteral("/usr/bin/python3")); // another one: not refused (yet)
        QVERIFY(ok->isEnabled());
        dialog.findChild<QLineEdit*>(QStringLiteral("calibrationEdit"))->clear();
        QVERIFY(!ok->isEnabled()); // quantizing needs calibration images
        dialog.findChild<QCheckBox*>(QStringLiteral("quantizeCheck"))->setChecked(false);
        QVERIFY(ok->isEnabled());
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        target->setCurrentIndex(target->findData(QStringLiteral("rk3566")));
        dialog.accept();

        RknnExportDialog again(QStringLiteral("resnet20"), QString());
        const RknnExportSettings remembered = again.settings();
        QCOMPARE(remembered.target, QStringLiteral("rk3566"));
        QVERIFY(remembered.convert);
        QCOMPARE(remembered.python, QStringLiteral("/usr/bin/python3"));
        QVERIFY(!remembered.quantize);
        for (QLabel* label : again.findChildren<QLabel*>()) {
            if (label->text().contains(QLatin1Char('&')))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
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
