#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "graph/executor.h"
#include "io/slimfile.h"
#include "io/zoo.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/resource.h>

using namespace slim::engine;
using namespace slim::engine::graph;

namespace {
std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {(std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::uint32_t crc32(const std::string& bytes, std::size_t end)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < end; ++i) {
        crc ^= static_cast<unsigned char>(bytes[i]);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}

void putU32(std::string& bytes, std::size_t offset, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        bytes[offset + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

/// Loads `path` expecting an Error with `code`; returns its message.
QString loadError(const std::string& path, ErrorCode code)
{
    try {
        io::loadSlim(path);
    } catch (const Error& error) {
        if (error.code() != code)
            return QStringLiteral("wrong code %1: %2").arg(static_cast<int>(error.code())).arg(error.what());
        return QString::fromStdString(error.what());
    } catch (const std::exception& error) {
        return QStringLiteral("not an engine Error: %1").arg(error.what());
    }
    return QStringLiteral("no error");
}

bool sameBytes(const at::Tensor& a, const at::Tensor& b)
{
    return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes()
           && std::memcmp(a.contiguous().data_ptr(), b.contiguous().data_ptr(), a.nbytes()) == 0;
}

/// Lowers this process's file-size limit (RLIMIT_FSIZE) while it lives: a write past the limit
/// fails with EFBIG instead of raising SIGXFSZ, which is ignored meanwhile.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_saved);
        m_savedHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = m_saved;
        lowered.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &lowered);
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_savedHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_saved{};
    void (*m_savedHandler)(int) = SIG_DFL;
};

} // namespace

class TestSlimFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_valid;

    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

    /// The names of temporary files (io::writeFileAtomically's ".tmp-") left in the test folder.
    QStringList temporaryFiles() const
    {
        return QDir(m_dir.path()).entryList({QStringLiteral("*.tmp-*")}, QDir::AllEntries | QDir::Hidden | QDir::System);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_valid = path("resnet20.slim");
        Graph g = io::buildZooModel({"resnet20", 1, 28, 28, 10, 5});
        // Train-mode pass so running statistics and counters hold non-default values.
        Executor(g).run({at::randn({4, 1, 28, 28})}, ExecMode::Train);
        io::saveSlim(g, m_valid);
    }

    void roundTripIsBitIdentical()
    {
        Graph original = io::buildZooModel({"mobilenetv2", 3, 32, 32, 10, 9});
        original.metadata()["note"] = "中文 metadata survives";
        Executor(original).run({at::randn({2, 3, 32, 32})}, ExecMode::Train);
        const std::string file = path("mobilenetv2.slim");
        io::saveSlim(original, file);
        const Graph loaded = io::loadSlim(file);

        QCOMPARE(loaded.values().size(), original.values().size());
        for (std::size_t i = 0; i < original.values().size(); ++i) {
            QCOMPARE(loaded.values()[i].name, original.values()[i].name);
            QCOMPARE(loaded.values()[i].shape, original.values()[i].shape);
        }
        QCOMPARE(loaded.inputs(), original.inputs());
        QCOMPARE(loaded.outputs(), original.outputs());
        QCOMPARE(loaded.metadata(), original.metadata());
        QCOMPARE(loaded.nodes().size(), original.nodes().size());
        for (std::size_t i = 0; i < original.nodes().size(); ++i) {
            const Node& a = original.nodes()[i];
            const Node& b = loaded.nodes()[i];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.op, a.op);
            QVERIFY(b.attrs == a.attrs);
            QCOMPARE(b.inputs, a.inputs);
            QCOMPARE(b.params.size(), a.params.size());
            QCOMPARE(b.buffers.size(), a.buffers.size());
            for (std::size_t k = 0; k < a.params.size(); ++k)
                QVERIFY2(sameBytes(a.params[k].tensor, b.params[k].tensor), a.name.c_str());
            for (std::size_t k = 0; k < a.buffers.size(); ++k)
                QVERIFY2(sameBytes(a.buffers[k].tensor, b.buffers[k].tensor), a.name.c_str());
        }
        // Saving the loaded graph again gives the same file, byte for byte.
        io::saveSlim(loaded, path("again.slim"));
        QCOMPARE(readBytes(path("again.slim")), readBytes(file));
        // And it computes the same thing.
        at::InferenceMode inference;
        const at::Tensor input = at::randn({1, 3, 32, 32});
        QVERIFY(at::equal(Executor(original).forward(input), Executor(loaded).forward(input)));
    }

    /// uint8 tensors (weight masks) load back as uint8, bit for bit, in a version-2 file; a
    /// file without any stays version 1 so that older builds still read it.
    void uint8TensorsNeedVersion2()
    {
        QCOMPARE(static_cast<int>(readBytes(m_valid)[8]), 1);
        Graph graph = io::buildZooModel({"lenet5", 1, 28, 28, 10, 5});
        const at::Tensor mask = at::randint(0, 2, {6, 1, 5, 5}, at::kByte);
        graph.nodes().front().buffers.push_back({"weight_mask", mask});
        io::TrainingState state;
        state.values["epoch"] = "1";
        state.tensors.push_back({"0.first", at::randn({6, 1, 5, 5})});
        const std::string file = path("uint8.slim");
        io::saveSlim(graph, file, &state);
        const std::string bytes = readBytes(file);
        QCOMPARE(static_cast<int>(bytes[8]), 2);
        QVERIFY(bytes.find("\"version\":2") != std::string::npos); // the header says the same
        io::TrainingState loadedState;
        const Graph loaded = io::loadSlim(file, &loadedState);
        QVERIFY(sameBytes(loaded.nodes().front().tensor("weight_mask"), mask));
        QVERIFY(sameBytes(loadedState.tensors.front().tensor, state.tensors.front().tensor));
    }

    /// A replacement that fails after the temporary file was created and partly written (the
    /// file-size limit stops the write at 4 KiB, as a full disk would) leaves the old file
    /// byte for byte and no temporary file behind.
    void interruptedWriteKeepsTheOldFile()
    {
        const std::string file = path("atomic.slim");
        io::saveSlim(io::buildZooModel({"lenet5", 1, 28, 28, 10, 0}), file);
        const std::string before = readBytes(file);
        const Graph replacement = io::buildZooModel({"lenet5", 1, 28, 28, 10, 1});
        {
            const FileSizeLimit limit(4096);
            try {
                io::saveSlim(replacement, file);
                QFAIL("a write stopped by the file-size limit must fail");
            } catch (const Error& error) {
                QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::FileWriteFailed));
                // EFBIG comes from write(), after the temporary file was opened and filled to 4 KiB.
                QVERIFY2(QString(error.what()).contains(QString::fromStdString(file + ": cannot write: " + std::strerror(EFBIG))),
                         error.what());
            }
        }
        QVERIFY(readBytes(file) == before);
        QVERIFY2(temporaryFiles().isEmpty(), qPrintable(QStringLiteral("left behind: ") + temporaryFiles().join(QStringLiteral(", "))));
        // The same replacement without the limit goes through, so the limit was the only obstacle.
        io::saveSlim(replacement, file);
        QVERIFY(readBytes(file) != before);
        QVERIFY2(temporaryFiles().isEmpty(), qPrintable(QStringLiteral("left behind: ") + temporaryFiles().join(QStringLiteral(", "))));
    }

    /// A rename that fails (the target is a folder) removes the fully written temporary file
    /// and leaves the target as it was.
    void failedRenameLeavesNoTemporaryFile()
    {
        const std::string folder = path("folder.slim");
        std::filesystem::create_directory(folder);
        writeBytes(folder + "/keep.txt", "kept");
        try {
            io::saveSlim(io::buildZooModel({"lenet5", 1, 28, 28, 10, 0}), folder);
            QFAIL("replacing a folder must fail");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::FileWriteFailed));
            QVERIFY2(QString(error.what()).contains(QString::fromStdString(folder + ": cannot write: " + std::strerror(EISDIR))),
                     error.what());
        }
        QVERIFY(std::filesystem::is_directory(folder));
        QCOMPARE(readBytes(folder + "/keep.txt"), std::string("kept"));
        QVERIFY2(temporaryFiles().isEmpty(), qPrintable(QStringLiteral("left behind: ") + temporaryFiles().join(QStringLiteral(", "))));
    }

    void rejectsEmptyFile()
    {
        writeBytes(path("empty.slim"), "");
        QVERIFY2(loadError(path("empty.slim"), ErrorCode::FileEmpty).contains("empty"), "");
    }

    void rejectsTruncatedFile_data()
    {
        QTest::addColumn<int>("keepBytes");
        QTest::newRow("inside the prefix") << 20;
        QTest::newRow("inside the header") << 200;
        QTest::newRow("inside the data") << 20000;
        QTest::newRow("missing the checksum") << -2;
    }

    void rejectsTruncatedFile()
    {
        QFETCH(int, keepBytes);
        const std::string bytes = readBytes(m_valid);
        const std::size_t keep = keepBytes >= 0 ? static_cast<std::size_t>(keepBytes) : bytes.size() - 2;
        writeBytes(path("truncated.slim"), bytes.substr(0, keep));
        const QString message = loadError(path("truncated.slim"), ErrorCode::FileTruncated);
        QVERIFY2(message.contains("truncated"), qPrintable(message));
    }

    void rejectsCorruptData()
    {
        std::string bytes = readBytes(m_valid);
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5A);
        writeBytes(path("corrupt.slim"), bytes);
        const QString message = loadError(path("corrupt.slim"), ErrorCode::FileCorrupt);
        QVERIFY2(message.contains("checksum mismatch"), qPrintable(message));
    }

    void rejectsGarbageHeaderWithValidChecksum()
    {
        // A file whose checksum is right but whose header is nonsense (a buggy writer).
        std::string bytes = readBytes(m_valid);
        bytes.replace(32, 10, "{{{{{{{{{{");
        putU32(bytes, bytes.size() - 4, crc32(bytes, bytes.size() - 4));
        writeBytes(path("garbage.slim"), bytes);
        const QString message = loadError(path("garbage.slim"), ErrorCode::FileCorrupt);
        QVERIFY2(message.contains("not valid JSON"), qPrintable(message));
    }

    void headerMutationsNeverCrash()
    {
        // Damage the JSON header in many seeded ways and fix the checksum each time, so the
        // damage reaches the parser and the graph checks: every load must either succeed with
        // a valid graph or throw the engine's Error, never crash or throw anything else.
        Graph g = io::buildZooModel({"lenet5", 1, 28, 28, 10, 0});
        const std::string file = path("mutate-source.slim");
        io::saveSlim(g, file);
        const std::string original = readBytes(file);
        std::uint64_t headerLength = 0;
        for (int i = 7; i >= 0; --i)
            headerLength = (headerLength << 8) | static_cast<unsigned char>(original[16 + static_cast<std::size_t>(i)]);
        const std::string replacements = "0123456789-{}[]\",:ex\0 ";
        std::mt19937 random(2024);
        int loaded = 0;
        int rejected = 0;
        for (int trial = 0; trial < 400; ++trial) {
            std::string bytes = original;
            const int edits = 1 + trial % 3;
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = 32 + random() % headerLength;
                bytes[at] = replacements[random() % replacements.size()];
            }
            putU32(bytes, bytes.size() - 4, crc32(bytes, bytes.size() - 4));
            const std::string mutated = path("mutated.slim");
            writeBytes(mutated, bytes);
            try {
                const Graph result = io::loadSlim(mutated);
                result.validate();
                ++loaded;
            } catch (const Error& error) {
                QVERIFY(!std::string(error.what()).empty());
                ++rejected;
            }
        }
        QCOMPARE(loaded + rejected, 400);
        QVERIFY(rejected > 100); // most edits break something the loader must notice
    }

    void rejectsForeignFile()
    {
        // A PNG renamed to .slim.
        const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0');
        writeBytes(path("picture.slim"), png);
        const QString message = loadError(path("picture.slim"), ErrorCode::ForeignFile);
        QVERIFY2(message.contains("not a Slimbench checkpoint") && message.contains("PNG"), qPrintable(message));
        // An ONNX model without its extension is recognised and the fix named.
        std::ifstream in(SLIMBENCH_FIXTURES "/onnx/fire_opset13.onnx", std::ios::binary);
        writeBytes(path("fire.model"), std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
        const QString onnx = loadError(path("fire.model"), ErrorCode::ForeignFile);
        QVERIFY2(onnx.contains("give it the .onnx extension"), qPrintable(onnx));
    }

    void rejectsFutureVersion()
    {
        std::string bytes = readBytes(m_valid);
        putU32(bytes, 8, io::kSlimFormatVersion + 1);
        writeBytes(path("future.slim"), bytes);
        const QString message = loadError(path("future.slim"), ErrorCode::FutureVersion);
        QVERIFY2(message.contains("newer Slimbench") && message.contains(QString::number(io::kSlimFormatVersion + 1)),
                 qPrintable(message));
    }

    void rejectsMissingFile()
    {
        QVERIFY(loadError(path("nowhere.slim"), ErrorCode::FileNotFound).contains("nowhere.slim"));
    }
};

QTEST_APPLESS_MAIN(TestSlimFile)
#include "tst_slimfile.moc"
