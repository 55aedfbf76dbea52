#pragma once

// Small CIFAR-100 data sets written by the tests themselves (engine and CLI tests share it).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

namespace slim::test {

/// A CIFAR-100 batch (`test.bin` or `train.bin`) of `count` 3×32×32 images in `folder`, with
/// fine labels 99, 98, ... Returns false when the file cannot be written.
inline bool writeCifar100(const QString& folder, int count, const QString& name = QStringLiteral("test.bin"))
{
    QFile file(QDir(folder).filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    for (int i = 0; i < count; ++i) {
        QByteArray record(2 + 3 * 32 * 32, '\0');
        record[0] = static_cast<char>(i % 20);         // coarse label
        record[1] = static_cast<char>(99 - i % 100);   // fine label
        for (int at = 2; at < record.size(); ++at)
            record[at] = static_cast<char>((at * 31 + i * 17) % 256);
        file.write(record);
    }
    return true;
}

} // namespace slim::test
