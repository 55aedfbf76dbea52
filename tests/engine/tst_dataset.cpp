#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "expecterror.h"
#include "data/dataset.h"

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <zlib.h>

using namespace slim::engine;
using slim::engine::test::errorOf;
using namespace slim::engine::data;

namespace {
void putBigEndian(std::string& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((value >> shift) & 0xFF);
}

/// An IDX pair of `count` 4×3 images whose pixels encode (sample, position), labels i % 10.
std::pair<std::string, std::string> idxBytes(std::uint32_t count, std::uint32_t labelCount, std::uint8_t labelOffset = 0)
{
    std::string images;
    putBigEndian(images, 0x803);
    putBigEndian(images, count);
    putBigEndian(images, 4);
    putBigEndian(images, 3);
    for (std::uint32_t i = 0; i < count * 12; ++i)
        images += static_cast<char>(i % 251);
    std::string labels;
    putBigEndian(labels, 0x801);
    putBigEndian(labels, labelCount);
    for (std::uint32_t i = 0; i < labelCount; ++i)
        labels += static_cast<char>(i % 10 + labelOffset);
    return {images, labels};
}

void write(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

void writeGzip(const std::string& path, const std::string& bytes)
{
    gzFile file = gzopen(path.c_str(), "wb");
    gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(file);
}

} // namespace

class TestDataset : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string path(const std::string& name) const { return m_dir.filePath(QString::fromStdString(name)).toStdString(); }

private Q_SLOTS:
    void readsIdxRawAndGzip()
    {
        const auto [images, labels] = idxBytes(20, 20);
        write(path("raw-images"), images);
        write(path("raw-labels"), labels);
        writeGzip(path("images.gz"), images);
        writeGzip(path("labels.gz"), labels);
        for (const auto& [imageFile, labelFile] : {std::pair{path("raw-images"), path("raw-labels")},
                                                   std::pair{path("images.gz"), path("labels.gz")}}) {
            const ImageDataset data = readIdx(imageFile, labelFile);
            QCOMPARE(data.size(), std::int64_t{20});
            QCOMPARE(data.sampleShape(), (std::vector<std::int64_t>{1, 4, 3}));
            QCOMPARE(data.images[1][0][0][0].item<int>(), 12);   // second image starts at byte 12
            QCOMPARE(data.images[2][0][3][2].item<int>(), 35);   // 24 + 3·3 + 2
            QCOMPARE(data.labels[13].item<std::int64_t>(), std::int64_t{3});
            QCOMPARE(data.normalization.mean.size(), std::size_t{1});
            const double mean = data.images.to(at::kDouble).mean().item<double>() / 255.0;
            QVERIFY(std::abs(data.normalization.mean[0] - mean) < 1e-9);
        }
    }

    void rejectsBadIdx()
    {
        const auto [images, labels] = idxBytes(20, 20);
        write(path("good-images"), images);
        write(path("good-labels"), labels);
        write(path("cut-images"), images.substr(0, images.size() - 7));
        QVERIFY(errorOf([&] { readIdx(path("cut-images"), path("good-labels")); }, ErrorCode::FileTruncated).contains("truncated"));
        write(path("swapped"), labels);
        QVERIFY(errorOf([&] { readIdx(path("swapped"), path("good-labels")); }, ErrorCode::ForeignFile).contains("magic number 2049"));
        const auto [moreImages, fewerLabels] = idxBytes(20, 19);
        write(path("fewer-labels"), fewerLabels);
        QVERIFY(errorOf([&] { readIdx(path("good-images"), path("fewer-labels")); }, ErrorCode::FileCorrupt)
                    .contains("has 20 images but"));
        const auto [unused, shifted] = idxBytes(20, 20, 5); // labels up to 14
        write(path("shifted-labels"), shifted);
        QVERIFY(errorOf([&] { readIdx(path("good-images"), path("shifted-labels")); }, ErrorCode::FileCorrupt)
                    .contains("label 14 is out of range for 10 classes"));
        std::string gz;
        {
            writeGzip(path("whole.gz"), images);
            std::ifstream in(path("whole.gz"), std::ios::binary);
            gz.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        }
        write(path("cut.gz"), gz.substr(0, gz.size() / 2));
        QVERIFY(errorOf([&] { readIdx(path("cut.gz"), path("good-labels")); }, ErrorCode::FileTruncated).contains("truncated"));
    }

    /// Every size error says how many bytes the header asks for and how many there are.
    void idxErrorsNameTheByteCounts_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const std::string images = idxBytes(20, 20).first; // 16 header bytes + 20·12 pixels
        const auto row = [](const char* name, const std::string& bytes, ErrorCode code, const char* message) {
            QTest::newRow(name) << QByteArray::fromStdString(bytes) << static_cast<int>(code) << QString::fromUtf8(message);
        };
        row("data cut short", images.substr(0, 249), ErrorCode::FileTruncated, "truncated data: 256 bytes expected, 249 present");
        row("header cut short", images.substr(0, 10), ErrorCode::FileTruncated, "truncated header: 16 bytes expected, 10 present");
        row("magic cut short", images.substr(0, 3), ErrorCode::FileTruncated, "truncated header: 16 bytes expected, 3 present");
        row("bytes after the data", images + "xyz", ErrorCode::FileCorrupt,
            "256 bytes expected from the header's dimensions, 259 present");
        std::string huge;
        putBigEndian(huge, 0x803);
        for (int i = 0; i < 3; ++i)
            putBigEndian(huge, 0xFFFFFFFFu);
        row("impossible dimensions", huge, ErrorCode::FileCorrupt,
            "the header's dimensions 4294967295×4294967295×4294967295 are impossible");
        row("empty", "", ErrorCode::FileEmpty, "the file is empty");
    }

    void idxErrorsNameTheByteCounts()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(QString, message);
        write(path("images"), bytes.toStdString());
        write(path("labels"), idxBytes(20, 20).second);
        const QString error = errorOf([&] { readIdx(path("images"), path("labels")); }, static_cast<ErrorCode>(code));
        QVERIFY2(error == QString::fromStdString(path("images") + ": ") + message, qPrintable(error));
    }

    /// A cut gzip stream says how many IDX bytes the header asks for and how many it held.
    void truncatedGzipNamesTheByteCounts()
    {
        const std::string images = idxBytes(2000, 2000).first; // 16 + 24,000 bytes
        writeGzip(path("whole.gz"), images);
        std::ifstream in(path("whole.gz"), std::ios::binary);
        const std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        write(path("labels"), idxBytes(2000, 2000).second);

        write(path("half.gz"), gz.substr(0, gz.size() / 2));
        const QString error = errorOf([&] { readIdx(path("half.gz"), path("labels")); }, ErrorCode::FileTruncated);
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral(": truncated gzip stream: the IDX data needs 24016 bytes, only (\\d+) could be "
                                              "decompressed$"))
                .match(error);
        QVERIFY2(match.hasMatch(), qPrintable(error));
        QVERIFY2(match.captured(1).toInt() > 16 && match.captured(1).toInt() < 24016, qPrintable(error));

        // Only the 8-byte trailer (checksum and length) cut: the data is whole, the file is not.
        write(path("no-trailer.gz"), gz.substr(0, gz.size() - 4));
        const QString trailer = errorOf([&] { readIdx(path("no-trailer.gz"), path("labels")); }, ErrorCode::FileCorrupt);
        QVERIFY2(trailer.contains("the gzip stream ends after the 24016 bytes of IDX data but before its end marker"),
                 qPrintable(trailer));
    }

    void readsCifarBatches()
    {
        const std::string folder = path("cifar10");
        std::filesystem::create_directory(folder);
        std::string test;
        for (int i = 0; i < 7; ++i) {
            test += static_cast<char>(i % 10);
            test += std::string(3072, static_cast<char>(i));
        }
        write(folder + "/test_batch.bin", test);
        const ImageDataset data = readCifar(folder, Split::Test);
        QCOMPARE(data.size(), std::int64_t{7});
        QCOMPARE(data.sampleShape(), (std::vector<std::int64_t>{3, 32, 32}));
        QCOMPARE(data.images[5].min().item<int>(), 5);
        QCOMPARE(data.classNames.at(3), std::string("cat"));
        write(folder + "/test_batch.bin", test.substr(0, test.size() - 100));
        QVERIFY(errorOf([&] { readCifar(folder, Split::Test); }, ErrorCode::FileTruncated).contains("whole number"));
        test[0] = 12;
        write(folder + "/test_batch.bin", test);
        QVERIFY(errorOf([&] { readCifar(folder, Split::Test); }, ErrorCode::FileCorrupt).contains("label 12"));

        const std::string folder100 = path("cifar100");
        std::filesystem::create_directory(folder100);
        std::string train;
        for (int i = 0; i < 3; ++i) {
            train += static_cast<char>(1);       // coarse
            train += static_cast<char>(90 + i);  // fine
            train += std::string(3072, '\0');
        }
        write(folder100 + "/train.bin", train);
        const ImageDataset fine = readCifar(folder100, Split::Train);
        QCOMPARE(fine.classes, std::int64_t{100});
        QCOMPARE(fine.labels[2].item<std::int64_t>(), std::int64_t{92});
    }

    void readsImageFolderSkippingBadFiles()
    {
        const std::string root = path("folder");
        for (const char* name : {"cats", "dogs"}) {
            std::filesystem::create_directories(root + "/" + name);
            for (int i = 0; i < 10; ++i) {
                cv::Mat image(20, 24, CV_8UC3, cv::Scalar(i * 10, name[0] == 'c' ? 50 : 200, 7)); // B, G, R
                cv::imwrite(root + "/" + name + "/" + std::to_string(i) + (i % 2 ? ".png" : ".bmp"), image);
            }
        }
        write(root + "/dogs/broken.jpg", "this is not a jpeg");
        const FolderSplit split = readImageFolder(root, 3, 16, 16, 0.2, 7);
        QCOMPARE(split.train.size(), std::int64_t{16});
        QCOMPARE(split.validation.size(), std::int64_t{4});
        QCOMPARE(split.train.skippedFiles, std::int64_t{1});
        QCOMPARE(split.train.classNames, (std::vector<std::string>{"cats", "dogs"}));
        QCOMPARE(split.validation.labels.eq(0).sum().item<std::int64_t>(), std::int64_t{2}); // balanced per class
        QCOMPARE(split.train.sampleShape(), (std::vector<std::int64_t>{3, 16, 16}));
        // Colour order is RGB: red channel is 7 everywhere, green tells the class.
        QCOMPARE(split.train.images.select(1, 0).max().item<int>(), 7);
        // The same seed gives the same split; another seed another one.
        const FolderSplit again = readImageFolder(root, 3, 16, 16, 0.2, 7);
        QVERIFY(at::equal(split.validation.images, again.validation.images));
        const FolderSplit other = readImageFolder(root, 3, 16, 16, 0.2, 8);
        QVERIFY(!at::equal(split.validation.images, other.validation.images));
        const FolderSplit grey = readImageFolder(root, 1, 8, 8, 0.0, 0);
        QCOMPARE(grey.train.size(), std::int64_t{20});
        QCOMPARE(grey.train.sampleShape(), (std::vector<std::int64_t>{1, 8, 8}));
        QVERIFY(errorOf([&] { readImageFolder(root + "/cats", 3, 8, 8, 0.2, 0); }, ErrorCode::InvalidArgument)
                    .contains("at least two class sub-folders"));
    }

    void readsDebianFashionMnist()
    {
        // The embedded default data set; installer/deps.txt installs dataset-fashion-mnist.
        QVERIFY2(std::filesystem::exists(kFashionMnistPath), "dataset-fashion-mnist is not installed");
        const ImageDataset test = openDataset(kFashionMnistPath, Split::Test);
        QCOMPARE(test.size(), std::int64_t{10000});
        QCOMPARE(test.sampleShape(), (std::vector<std::int64_t>{1, 28, 28}));
        QCOMPARE(test.classNames.at(9), std::string("Ankle boot"));
        for (std::int64_t label = 0; label < 10; ++label)
            QCOMPARE(test.labels.eq(label).sum().item<std::int64_t>(), std::int64_t{1000});
        // Fashion-MNIST's test-set pixel mean is about 0.286 and its std about 0.353.
        QVERIFY(std::abs(test.normalization.mean[0] - 0.286) < 0.005);
        QVERIFY(std::abs(test.normalization.std[0] - 0.353) < 0.005);
    }

    void openDatasetNamesWhatIsMissing()
    {
        QVERIFY(errorOf([&] { openDataset(path("nowhere"), Split::Train); }, ErrorCode::FileNotFound).contains("nowhere"));
        write(path("plain-file"), "x");
        QVERIFY(errorOf([&] { openDataset(path("plain-file"), Split::Train); }, ErrorCode::ForeignFile)
                    .contains("not a data set"));
    }
};

QTEST_APPLESS_MAIN(TestDataset)
#include "tst_dataset.moc"
