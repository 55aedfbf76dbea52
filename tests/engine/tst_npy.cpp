#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "io/npy.h"

#include <fstream>

using namespace slim::engine;

namespace {
std::string fixture(const char* name)
{
    return std::string(SLIMBENCH_FIXTURES) + "/" + name;
}

ErrorCode readError(const std::string& path)
{
    try {
        io::readNpy(path);
    } catch (const Error& error) {
        return error.code();
    }
    return ErrorCode::InvalidArgument; // not reached when the reader rejects the file
}
} // namespace

class TestNpy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsNumpyFloat32AndFloat64()
    {
        for (const char* name : {"npy_f4_2x3x4.npy", "npy_f8_2x3x4.npy"}) {
            const io::NpyArray array = io::readNpy(fixture(name));
            QCOMPARE(array.shape, (std::vector<std::int64_t>{2, 3, 4}));
            QCOMPARE(array.data.size(), std::size_t{24});
            for (std::size_t i = 0; i < 24; ++i)
                QCOMPARE(array.data[i], static_cast<float>(i) / 8.0f - 1.0f);
        }
    }

    void readsRawUint8Pixels()
    {
        const io::NpyArray array = io::readNpy(fixture("npy_u1_2x3x4.npy"));
        QCOMPARE(array.shape, (std::vector<std::int64_t>{2, 3, 4}));
        QCOMPARE(array.data.size(), std::size_t{24});
        for (std::size_t i = 0; i < 24; ++i)
            QCOMPARE(array.data[i], static_cast<float>(i * 10));
    }

    void writeThenReadRoundTrips()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.npy").toStdString();
        io::NpyArray array{{5}, {1.5f, -2.0f, 0.0f, 3.25f, 1e-7f}};
        io::writeNpy(path, array);
        const io::NpyArray back = io::readNpy(path);
        QCOMPARE(back.shape, array.shape);
        QCOMPARE(back.data, array.data);
        io::NpyArray scalar{{}, {4.0f}};
        io::writeNpy(path, scalar);
        QCOMPARE(io::readNpy(path).data, scalar.data);
    }

    void rejectsWhatItCannotRead()
    {
        QCOMPARE(readError(fixture("npy_i4_2x3x4.npy")), ErrorCode::Unsupported);
        QCOMPARE(readError(fixture("npy_fortran_2x3x4.npy")), ErrorCode::Unsupported);
        QCOMPARE(readError(fixture("does_not_exist.npy")), ErrorCode::FileNotFound);
        QTemporaryDir dir;
        const std::string truncated = dir.filePath("cut.npy").toStdString();
        std::ifstream in(fixture("npy_f4_2x3x4.npy"), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() - 10);
        QCOMPARE(readError(truncated), ErrorCode::FileTruncated);
        const std::string foreign = dir.filePath("text.npy").toStdString();
        std::ofstream(foreign) << "hello, this is not numpy";
        QCOMPARE(readError(foreign), ErrorCode::ForeignFile);
    }
};

QTEST_APPLESS_MAIN(TestNpy)
#include "tst_npy.moc"
