#include <QtTest/QtTest>

#include <QProcess>

#include "cli/cli.h"
#include "cli/options.h"
#include "cifarfiles.h"
#include "core/runtime.h"
#include "io/npy.h"
#include "model.h"

#include <nlohmann/json.hpp>

#include <sstream>

using slim::app::cli::run;

constexpr char kFashionMnist[] = "/usr/share/datasets/fashion-mnist";

namespace {
struct Result {
    int code;
    std::string out;
    std::string err;
};

Result cli(const std::vector<std::string>& args)
{
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err);
    return {code, out.str(), err.str()};
}

/// LeNet-5 for Fashion-MNIST carrying an input contract with a normalisation, saved to `path`.
slim::engine::Model saveNormalisedLeNet(const std::string& path)
{
    slim::engine::Preprocessing contract;
    contract.mean = {0.25};
    contract.std = {0.5};
    contract.channelOrder = "GRAY";
    const slim::engine::Model model = slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 4}).withPreprocessing(contract);
    model.save(path);
    return model;
}

/// `info MODEL --json` (with `options`), parsed.
nlohmann::json infoJson(const std::string& model, const std::vector<std::string>& options = {})
{
    std::vector<std::string> args{"info", model, "--json"};
    args.insert(args.end(), options.begin(), options.end());
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err);
    if (code != 0)
        qWarning("info failed: %s", err.str().c_str());
    return nlohmann::json::parse(out.str());
}

/// Two 1×28×28 images of raw pixel values, 0..255.
slim::engine::io::NpyArray rawPixels()
{
    slim::engine::io::NpyArray pixels{{2, 1, 28, 28}, std::vector<float>(2 * 28 * 28)};
    for (std::size_t i = 0; i < pixels.data.size(); ++i)
        pixels.data[i] = static_cast<float>((i * 37) % 256);
    return pixels;
}

/// A CIFAR-100 batch of `count` images in `folder` (see tests/cifarfiles.h).
void writeCifar100(const QString& folder, int count, const QString& name = QStringLiteral("test.bin"))
{
    QVERIFY(slim::test::writeCifar100(folder, count, name));
}

/// `args` with {fixtures} and {tmp} replaced by the fixture folder and `tmp`.
std::vector<std::string> expand(const QStringList& args, const QString& tmp = {})
{
    std::vector<std::string> list;
    for (QString arg : args)
        list.push_back(arg.replace(QLatin1String("{fixtures}"), QStringLiteral(SLIMBENCH_FIXTURES))
                           .replace(QLatin1String("{tmp}"), tmp)
                           .toStdString());
    return list;
}
/// Params and MACs of the CIFAR ResNet-(6n+2) the zoo builds, from its definition, at stage
/// widths w, 2w, 4w: conv1 3×3; per block two 3×3 convs with BatchNorm; a 1×1 conv with
/// BatchNorm where a stage starts at stride 2; the Linear head.
std::pair<std::int64_t, std::int64_t> cifarResNetCost(std::int64_t blocks, std::int64_t w, std::int64_t classes)
{
    std::int64_t params = 3 * w * 9 + 2 * w;
    std::int64_t macs = 3 * w * 9 * 32 * 32;
    std::int64_t in = w;
    for (int stage = 0; stage < 3; ++stage) {
        const std::int64_t out = w << stage;
        const std::int64_t pixels = (32 >> stage) * (32 >> stage);
        for (std::int64_t b = 0; b < blocks; ++b) {
            const std::int64_t first = b == 0 ? in : out;
            params += first * out * 9 + 2 * out + out * out * 9 + 2 * out;
            macs += (first * out * 9 + out * out * 9) * pixels;
            if (b == 0 && first != out) {
                params += first * out + 2 * out;
                macs += first * out * pixels;
            }
        }
        in = out;
    }
    params += in * classes + classes;
    macs += in * classes;
    return {params, macs};
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void infoReportsResNet56Totals()
    {
        const Result r = cli({"info", "resnet56", "--input", "3x32x32"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("total: 855,770 params, 125,747,840 MACs") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("layer3.8.conv2") != std::string::npos);
        QVERIFY(r.err.empty());
    }

    void infoJsonHasLayersAndTotals()
    {
        const Result r = cli({"info", "resnet20", "--input", "1x28x28", "--classes", "10", "--json"});
        QCOMPARE(r.code, 0);
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QCOMPARE(report.at("total").at("params").get<std::int64_t>(), std::int64_t{272186});
        QCOMPARE(report.at("total").at("macs").get<std::int64_t>(), std::int64_t{31021952});
        QVERIFY(report.at("layers").is_array());
        std::int64_t macs = 0;
        for (const auto& layer : report.at("layers"))
            macs += layer.at("macs").get<std::int64_t>();
        QCOMPARE(macs, std::int64_t{31021952});
        QCOMPARE(report.at("layers").front().at("name").get<std::string>(), std::string("conv1"));
        QCOMPARE(report.at("layers").front().at("output_shape"), nlohmann::json({16, 28, 28}));
    }

    /// A dense model: "none", no zeros, non-zero counts equal to the dense ones.
    void infoSaysWhetherAModelIsPruned()
    {
        const nlohmann::json report = infoJson("lenet5", {"--input", "1x28x28", "--classes", "10"});
        QCOMPARE(report.at("pruning").get<std::string>(), std::string("none"));
        for (const auto& layer : report.at("layers")) {
            QCOMPARE(layer.at("sparsity").get<double>(), 0.0);
            QCOMPARE(layer.at("nonzero_params"), layer.at("params"));
            QCOMPARE(layer.at("nonzero_macs"), layer.at("macs"));
        }
        QCOMPARE(report.at("total").at("nonzero_macs").get<std::int64_t>(), std::int64_t{416520});
        QCOMPARE(report.at("total").at("nonzero_params").get<std::int64_t>(), std::int64_t{61706});
        const Result text = cli({"info", "lenet5", "--input", "1x28x28", "--classes", "10"});
        QVERIFY2(text.out.find("\npruning: none\n") != std::string::npos, text.out.c_str());
        QVERIFY(text.out.find("sparsity") == std::string::npos);
        QVERIFY(text.out.find("non-zero") == std::string::npos);
    }

    /// A saved masked model: "masked", each layer at the sparsity asked for (within one weight),
    /// non-zero totals that leave out exactly the zeros.
    void infoReportsMasksAndSparsity()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("masked.slim").toStdString();
        const slim::engine::Model masked = slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 4}).withMagnitudeMasks({0.6, false, {}});
        masked.save(path);
        const nlohmann::json report = infoJson(path);
        QCOMPARE(report.at("pruning").get<std::string>(), std::string("masked"));
        std::map<std::string, std::int64_t> weights;
        std::int64_t zeros = 0;
        for (const auto& layer : masked.sparsity()) {
            weights[layer.node] = layer.total;
            zeros += layer.zeros;
        }
        QCOMPARE(weights.size(), std::size_t{5});
        std::int64_t nonzeroMacs = 0;
        for (const auto& layer : report.at("layers")) {
            const std::string name = layer.at("name").get<std::string>();
            const double sparsity = layer.at("sparsity").get<double>();
            if (weights.count(name))
                QVERIFY2(std::abs(sparsity - 0.6) <= 1.0 / static_cast<double>(weights[name]), name.c_str());
            else
                QCOMPARE(sparsity, 0.0);
            nonzeroMacs += layer.at("nonzero_macs").get<std::int64_t>();
        }
        const nlohmann::json& total = report.at("total");
        QCOMPARE(total.at("params").get<std::int64_t>(), std::int64_t{61706});
        QCOMPARE(total.at("nonzero_params").get<std::int64_t>(), std::int64_t{61706} - zeros);
        QCOMPARE(total.at("nonzero_macs").get<std::int64_t>(), nonzeroMacs);
        QVERIFY(nonzeroMacs < 416520 / 2);

        const Result text = cli({"info", path});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.find("\npruning: masked\n") != std::string::npos, text.out.c_str());
        QVERIFY(text.out.find("sparsity\n") != std::string::npos);
        QVERIFY2(text.out.find("60.00 %\n") != std::string::npos, text.out.c_str());
        QVERIFY(text.out.find("\nnon-zero: " + slim::app::cli::withThousands(61706 - zeros) + " params, "
                              + slim::app::cli::withThousands(nonzeroMacs) + " MACs")
                != std::string::npos);
    }

    /// Physically pruned: "structural"; masked after that: "masked", and the text says both.
    void infoReportsStructuralPruning()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("pruned.slim").toStdString();
        QCOMPARE(cli({"prune", "lenet5", "--input", "1x28x28", "--classes", "10", "--method", "l1", "--ratio", "0.5", "-o", path}).code, 0);
        const nlohmann::json report = infoJson(path);
        QCOMPARE(report.at("pruning").get<std::string>(), std::string("structural"));
        QVERIFY(report.at("total").at("params").get<std::int64_t>() < 61706);
        QCOMPARE(report.at("total").at("nonzero_params"), report.at("total").at("params"));
        QVERIFY(cli({"info", path}).out.find("\npruning: structural\n") != std::string::npos);

        slim::engine::Model::load(path).withMagnitudeMasks({0.5, true, {}}).save(path);
        QCOMPARE(infoJson(path).at("pruning").get<std::string>(), std::string("masked"));
        const Result text = cli({"info", path});
        QVERIFY2(text.out.find("\npruning: masked (after structural removal)\n") != std::string::npos, text.out.c_str());
    }

    void infoAndInferOnSavedModel()
    {
        QTemporaryDir dir;
        const std::string model = dir.filePath("lenet.slim").toStdString();
        const slim::engine::Model saved = slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 4});
        saved.save(model);
        Result r = cli({"info", model});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("total: 61,706 params, 416,520 MACs") != std::string::npos, r.out.c_str());

        const std::string input = dir.filePath("x.npy").toStdString();
        const std::string output = dir.filePath("y.npy").toStdString();
        slim::engine::io::NpyArray x{{2, 1, 28, 28}, std::vector<float>(2 * 28 * 28)};
        for (std::size_t i = 0; i < x.data.size(); ++i)
            x.data[i] = static_cast<float>((i * 37) % 101) / 101.0f;
        slim::engine::io::writeNpy(input, x);
        r = cli({"infer", model, "--input", input, "--output", output});
        QCOMPARE(r.code, 0);
        const slim::engine::io::NpyArray y = slim::engine::io::readNpy(output);
        const slim::engine::io::NpyArray expected = saved.infer(x);
        QCOMPARE(y.shape, (std::vector<std::int64_t>{2, 10}));
        QCOMPARE(y.data, expected.data);

        // A zoo name is built for the input's size.
        r = cli({"infer", "resnet20", "--input", input, "--output", output});
        QCOMPARE(r.code, 0);
        QCOMPARE(slim::engine::io::readNpy(output).shape, (std::vector<std::int64_t>{2, 10}));

        // A saved model refuses an input of another size, naming the file and what it expects.
        slim::engine::io::writeNpy(input, {{1, 3, 28, 28}, std::vector<float>(3 * 28 * 28)});
        r = cli({"infer", model, "--input", input, "--output", output});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.rfind("slimbench-cli: " + input + ": ", 0) == 0, r.err.c_str());
        QVERIFY2(r.err.find("expects N×1×28×28, got 1×3×28×28") != std::string::npos, r.err.c_str());
    }

    void trainsFromARecipeAndEvaluates()
    {
        QTemporaryDir dir;
        const QString recipe = dir.filePath(QStringLiteral("tiny.json"));
        QFile file(recipe);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Three batches of Debian's Fashion-MNIST: enough to see the whole path work.
        file.write(R"({"model": {"zoo": "lenet5"}, "epochs": 1, "batch_size": 64, "max_steps_per_epoch": 3,
                       "optimizer": {"lr": 0.05}, "output": "tiny.slim", "metrics": "tiny.csv"})");
        file.close();
        Result r = cli({"train", recipe.toStdString()});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("epoch 1/1: train loss") != std::string::npos, r.out.c_str());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("tiny.slim"))));
        QFile csv(dir.filePath(QStringLiteral("tiny.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("epoch,train_loss,train_accuracy,val_top1,val_top5,val_loss,lr,seconds"));
        QVERIFY(csv.readLine().startsWith("1,"));

        r = cli({"eval", dir.filePath(QStringLiteral("tiny.slim")).toStdString(), "--dataset",
                 "/usr/share/datasets/fashion-mnist", "--json"});
        QCOMPARE(r.code, 0);
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QCOMPARE(report.at("samples").get<std::int64_t>(), std::int64_t{10000});
        for (const char* key : {"top1", "top5", "loss"})
            QVERIFY(report.contains(key));
        QVERIFY(report.at("top5").get<double>() >= report.at("top1").get<double>());

        // A recipe with a typo names the field and writes nothing.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"epochs": 1, "optimizer": {"learning_rate": 0.1}, "output": "never.slim"})");
        file.close();
        r = cli({"train", recipe.toStdString()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("optimizer.learning_rate") != std::string::npos, r.err.c_str());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("never.slim"))));
    }

    /// run: a compression recipe's stages (a prune, then a short fine-tune) write their
    /// versions and summary.csv; a training recipe runs as train does; other kinds are refused.
    void runsRecipes()
    {
        QTemporaryDir dir;
        const auto write = [&dir](const QString& name, const nlohmann::json& json) {
            QFile file(dir.filePath(name));
            return file.open(QIODevice::WriteOnly) && file.write(QByteArray::fromStdString(json.dump())) > 0;
        };
        const nlohmann::json compress = {
            {"kind", "compress"},
            {"model", {{"zoo", "lenet5"}}},
            {"batch_size", 64},
            {"max_steps_per_epoch", 2},
            {"dataset", {{"path", "/usr/share/datasets/fashion-mnist"}, {"validation", "none"}}},
            {"output_dir", "runs"},
            {"stages", {{{"prune", {{"method", "l1"}, {"ratio", 0.5}}}}, {{"finetune", {{"epochs", 1}}}}}}};
        QVERIFY(write(QStringLiteral("compress.json"), compress));
        Result r = cli({"run", dir.filePath(QStringLiteral("compress.json")).toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(r.out.find("stage 1 prune: params") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("stage 2 finetune: params") != std::string::npos, r.out.c_str());
        for (const char* file : {"runs/01-prune.slim", "runs/02-finetune.slim", "runs/02-finetune.csv", "runs/summary.csv"})
            QVERIFY2(QFile::exists(dir.filePath(QString::fromLatin1(file))), file);
        QFile summary(dir.filePath(QStringLiteral("runs/summary.csv")));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = summary.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows[1].startsWith("1,prune,01-prune.slim,"));
        QVERIFY(rows[2].startsWith("2,finetune,02-finetune.slim,"));
        QVERIFY(rows[2].endsWith(","));  // no validation set: no top-1, and no made-up number
        const slim::engine::Model pruned = slim::engine::Model::load(dir.filePath(QStringLiteral("runs/02-finetune.slim")).toStdString());
        QCOMPARE(pruned.pruningState(), std::string("structural"));

        const nlohmann::json train = {{"model", {{"zoo", "lenet5"}}}, {"epochs", 1}, {"batch_size", 64},
                                      {"max_steps_per_epoch", 2}, {"dataset", {{"validation", "none"}}},
                                      {"output", "trained.slim"}, {"metrics", "trained.csv"}};
        QVERIFY(write(QStringLiteral("train.json"), train));
        r = cli({"run", dir.filePath(QStringLiteral("train.json")).toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("trained.slim"))));

        QVERIFY(write(QStringLiteral("other.json"), {{"kind", "quantize"}}));
        r = cli({"run", dir.filePath(QStringLiteral("other.json")).toStdString()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("run takes \"train\" and \"compress\"") != std::string::npos, r.err.c_str());

        nlohmann::json typo = compress;
        typo["stages"][0]["prune"]["ratio"] = 1.5;
        QVERIFY(write(QStringLiteral("typo.json"), typo));
        r = cli({"run", dir.filePath(QStringLiteral("typo.json")).toStdString(), "--output-dir",
                 dir.filePath(QStringLiteral("never")).toStdString()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("stages[0].prune.ratio") != std::string::npos, r.err.c_str());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("never"))));
    }

    /// run: network slimming as a recipe on the bundled ResNet-20 (sparsity training with
    /// bn_l1, a global BatchNorm-|γ| cut, fine-tuning) writes each stage's version and metrics.
    void runsASlimmingRecipe()
    {
        QTemporaryDir dir;
        const nlohmann::json recipe = {
            {"kind", "compress"},
            {"model", {{"file", SLIMBENCH_RESOURCES "/baselines/resnet20-fashion-mnist.slim"}}},
            {"batch_size", 32},
            {"max_steps_per_epoch", 2},
            {"dataset", {{"path", "/usr/share/datasets/fashion-mnist"}, {"validation", "none"}}},
            {"output_dir", "slimming"},
            {"stages",
             {{{"finetune", {{"epochs", 2}, {"bn_l1", 0.005}}}},
              {{"prune", {{"method", "bn"}, {"ratio", 0.5}, {"scope", "global"}}}},
              {{"finetune", {{"epochs", 1}}}}}}};
        QFile file(dir.filePath(QStringLiteral("slimming.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(recipe.dump()));
        file.close();
        const Result r = cli({"run", file.fileName().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        for (const char* name : {"slimming/01-finetune.slim", "slimming/01-finetune.csv", "slimming/02-prune.slim",
                                 "slimming/03-finetune.slim", "slimming/03-finetune.csv", "slimming/summary.csv"})
            QVERIFY2(QFile::exists(dir.filePath(QString::fromLatin1(name))), name);
        QFile csv(dir.filePath(QStringLiteral("slimming/01-finetune.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 1 + 2);  // a header and one row per epoch
        const auto load = [&dir](const char* name) { return slim::engine::Model::load(dir.filePath(QString::fromLatin1(name)).toStdString()); };
        const slim::engine::Model sparse = load("slimming/01-finetune.slim");
        const slim::engine::Model pruned = load("slimming/02-prune.slim");
        QCOMPARE(pruned.pruningState(), std::string("structural"));
        QVERIFY(pruned.cost().params < sparse.cost().params);
        QCOMPARE(load("slimming/03-finetune.slim").cost().params, pruned.cost().params);
        // The top-1 the prune stage measured on the test split, before and after the cut.
        QVERIFY2(r.out.find("stage 2 prune: params") != std::string::npos && r.out.find(" -> ") != std::string::npos, r.out.c_str());
    }

    /// run: the training-time methods' stages (surgery, AGP, ADMM) each write a version and its
    /// metrics; surgery and AGP leave masks, ADMM removes channels.
    void runsTrainingTimeStages()
    {
        QTemporaryDir dir;
        const nlohmann::json recipe = {
            {"kind", "compress"},
            {"model", {{"file", SLIMBENCH_RESOURCES "/baselines/lenet5-fashion-mnist.slim"}}},
            {"batch_size", 32},
            {"max_steps_per_epoch", 3},
            {"dataset", {{"path", "/usr/share/datasets/fashion-mnist"}, {"validation", "none"}}},
            {"output_dir", "methods"},
            {"stages",
             {{{"agp", {{"sparsity", 0.9}, {"frequency", 1}, {"epochs", 1}}}},
              {{"surgery", {{"sparsity", 0.8}, {"epochs", 1}}}},
              {{"admm", {{"ratio", 0.5}, {"update_every", 1}, {"epochs", 1}}}}}}};
        QFile file(dir.filePath(QStringLiteral("methods.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(recipe.dump()));
        file.close();
        const Result r = cli({"run", file.fileName().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        for (const char* stage : {"stage 1 agp:", "stage 2 surgery:", "stage 3 admm:"})
            QVERIFY2(r.out.find(stage) != std::string::npos, r.out.c_str());
        for (const char* name : {"methods/01-agp.slim", "methods/01-agp.csv", "methods/02-surgery.slim", "methods/02-surgery.csv",
                                 "methods/03-admm.slim", "methods/03-admm.csv"})
            QVERIFY2(QFile::exists(dir.filePath(QString::fromLatin1(name))), name);
        const auto load = [&dir](const char* name) { return slim::engine::Model::load(dir.filePath(QString::fromLatin1(name)).toStdString()); };
        // AGP, from the dense baseline, reached its final 90 % three quarters in, layer by layer.
        const slim::engine::Model agp = load("methods/01-agp.slim");
        QCOMPARE(agp.pruningState(), std::string("masked"));
        QVERIFY2(agp.cost().nonzeroParams < agp.cost().params / 5, std::to_string(agp.cost().nonzeroParams).c_str());
        const slim::engine::Model surgery = load("methods/02-surgery.slim");
        QCOMPARE(surgery.pruningState(), std::string("masked"));
        const slim::engine::Model admm = load("methods/03-admm.slim");
        QVERIFY(admm.cost().params < agp.cost().params * 0.6);
        QCOMPARE(admm.pruningState(), std::string("masked"));  // surgery's masks, sliced with the channels
    }

    /// sensitivity: one curve per prunable group at the ratios asked for, as JSON; bad ratios
    /// are usage errors.
    void sensitivityScan()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("cifar")));
        writeCifar100(dir.filePath(QStringLiteral("cifar")), 24);
        const std::string data = dir.filePath(QStringLiteral("cifar")).toStdString();
        Result r = cli({"sensitivity", "resnet20", "--dataset", data, "--ratios", "0.25,0.5", "--samples", "16", "--batch", "8", "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QVERIFY(report.at("baseline").at("top1").get<double>() >= 0);
        QCOMPARE(report.at("samples").get<std::int64_t>(), std::int64_t{16});
        QCOMPARE(report.at("groups").size(), std::size_t{12});  // ResNet-20's prunable groups
        for (const auto& group : report.at("groups")) {
            QCOMPARE(group.at("points").size(), std::size_t{2});
            QCOMPARE(group.at("points")[1].at("ratio").get<double>(), 0.5);
            QVERIFY(group.at("points")[1].at("macs").get<std::int64_t>() < report.at("baseline").at("macs").get<std::int64_t>());
        }
        // With a budget: greedy ratios from the curves, then annealed; both meet it.
        r = cli({"sensitivity", "resnet20", "--dataset", data, "--ratios", "0.25,0.5", "--samples", "16", "--batch", "8",
                 "--budget", "0.7", "--anneal", "3", "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json budget = nlohmann::json::parse(r.out).at("budget");
        QCOMPARE(budget.at("keep_macs").get<double>(), 0.7);
        QVERIFY(!budget.at("greedy").empty());
        const nlohmann::json& annealed = budget.at("anneal");
        QVERIFY(annealed.at("macs").get<std::int64_t>() <= 0.7 * report.at("baseline").at("macs").get<double>());
        QVERIFY(annealed.at("top1").get<double>() >= annealed.at("start_top1").get<double>());
        r = cli({"sensitivity", "resnet20", "--dataset", data, "--anneal", "3"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("give --budget too") != std::string::npos, r.err.c_str());
        r = cli({"sensitivity", "resnet20", "--dataset", data, "--ratios", "0.5,1.5"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("--ratios takes ratios above 0 and below 1") != std::string::npos, r.err.c_str());
        r = cli({"sensitivity", "resnet20", "--dataset", data, "--method", "taylor"});
        QCOMPARE(r.code, 2);
    }

    void exportsVerifiedOnnx()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("resnet20.onnx")).toStdString();
        Result r = cli({"export", "resnet20", "--format", "onnx", "--input", "1x28x28", "-o", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("ONNX checker: passed") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("every shape as in the graph: passed") != std::string::npos);
        QVERIFY(r.out.find("(within 1e-4)") != std::string::npos);
        QVERIFY(QFileInfo(QString::fromStdString(path)).size() > 1000000); // 272k float weights
        // Deployment form by default: every BatchNorm folded into its conv; --no-fold keeps them.
        QVERIFY2(r.out.find("folded for inference: 21 rewrites (bn1 into conv1") != std::string::npos, r.out.c_str());
        const auto batchNorms = [](const nlohmann::json& info) {
            return std::count_if(info["layers"].begin(), info["layers"].end(),
                                 [](const nlohmann::json& layer) { return layer["op"] == "BatchNorm2d"; });
        };
        QCOMPARE(batchNorms(infoJson(path)), 0L);
        QCOMPARE(infoJson(path)["total"]["macs"], infoJson("resnet20", {"--input", "1x28x28"})["total"]["macs"]);
        r = cli({"export", "resnet20", "--input", "1x28x28", "--no-fold", "-o", path});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.find("folded for inference") == std::string::npos);
        QCOMPARE(batchNorms(infoJson(path)), 21L);
        r = cli({"export", "resnet20", "--format", "torchscript", "--no-fold", "-o", path + ".pt"});
        QCOMPARE(r.code, 2);
        r = cli({"export", "resnet20", "--input", "1x28x28", "--dynamic-batch", "-o", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("(within 1e-4)") != std::string::npos, r.out.c_str());
        QCOMPARE(infoJson(path)["total"]["macs"], infoJson("resnet20", {"--input", "1x28x28"})["total"]["macs"]);
        QCOMPARE(cli({"export", "resnet20", "--format", "torchscript", "--dynamic-batch", "-o", path + ".pt"}).code, 2);
        r = cli({"export", "resnet20", "--opset", "9", "-o", path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("--opset: Value 9 not in range 11 to 17") != std::string::npos, r.err.c_str());
        r = cli({"export", "resnet20", "--format", "tflite", "-o", path});
        QCOMPARE(r.code, 2);
    }

    /// import IN.pt OUT.slim, then info on the result; export back to TorchScript.
    void importsTorchScriptAndExportsIt()
    {
        QTemporaryDir dir;
        const std::string fixture = SLIMBENCH_FIXTURES "/torchscript/c2f_sppf_scripted.pt";
        const std::string slim = dir.filePath(QStringLiteral("c2f.slim")).toStdString();
        Result r = cli({"import", fixture, slim, "--input", "8x8x8"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("34 layers") != std::string::npos && r.out.find("output 16x16x16") != std::string::npos,
                 r.out.c_str());
        r = cli({"info", slim});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.find("m.0.cv1.conv") != std::string::npos);
        r = cli({"info", fixture, "--input", "8x8x8"}); // .pt directly
        QCOMPARE(r.code, 0);
        // infer on a .pt takes its input size from the array, and matches PyTorch's output.
        const std::string output = dir.filePath(QStringLiteral("y.npy")).toStdString();
        r = cli({"infer", fixture, "--input", SLIMBENCH_FIXTURES "/onnx/c2f_sppf_input.npy", "--output", output});
        QCOMPARE(r.code, 0);
        const auto actual = slim::engine::io::readNpy(output);
        const auto expected = slim::engine::io::readNpy(SLIMBENCH_FIXTURES "/onnx/c2f_sppf_output.npy");
        QCOMPARE(actual.shape, expected.shape);
        for (std::size_t i = 0; i < actual.data.size(); ++i)
            QVERIFY(std::abs(actual.data[i] - expected.data[i]) <= 1e-4f);
        const std::string pt = dir.filePath(QStringLiteral("c2f.pt")).toStdString();
        r = cli({"export", slim, "--format", "torchscript", "-o", pt});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("torch::jit::load vs Slimbench") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("(within 1e-4)") != std::string::npos);
        r = cli({"import", fixture, slim}); // no --input
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("--input CxHxW") != std::string::npos);
        r = cli({"import", SLIMBENCH_FIXTURES "/torchscript/state_dict.pt", slim, "--input", "3x12x12"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("torch.jit.script") != std::string::npos);
        r = cli({"export", slim, "--format", "torchscript", "--opset", "13", "-o", pt});
        QCOMPARE(r.code, 2);
        r = cli({"import", slim, pt});
        QCOMPARE(r.code, 2);
    }

    /// --shape is the size everywhere; info, import and export still take it as --input.
    void shapeIsTheSizeOption()
    {
        Result r = cli({"info", "resnet20", "--shape", "1x28x28", "--classes", "10"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("total: 272,186 params, 31,021,952 MACs") != std::string::npos, r.out.c_str());
        QCOMPARE(cli({"info", "resnet20", "--input", "1x28x28", "--classes", "10"}).out, r.out);
        r = cli({"info", "resnet20", "--shape", "1x28x28", "--input", "1x28x28"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("--shape excludes --input") != std::string::npos, r.err.c_str());

        QTemporaryDir dir;
        const std::string slim = dir.filePath(QStringLiteral("c2f.slim")).toStdString();
        r = cli({"import", SLIMBENCH_FIXTURES "/torchscript/c2f_sppf_scripted.pt", slim, "--shape", "8x8x8"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("input 8x8x8") != std::string::npos, r.out.c_str());
        const std::string onnx = dir.filePath(QStringLiteral("lenet.onnx")).toStdString();
        r = cli({"export", "lenet5", "--shape", "1x28x28", "-o", onnx});
        QCOMPARE(r.code, 0);
        QCOMPARE(slim::engine::Model::load(onnx).inputShape(), (std::vector<std::int64_t>{1, 28, 28}));
    }

    /// eval sizes a TorchScript file, which carries no size, with --shape.
    void evalTakesShapeForTorchScript()
    {
        const std::string model = SLIMBENCH_FIXTURES "/torchscript/linear_head_traced.pt";
        Result r = cli({"eval", model, "--shape", "1x28x28", "--dataset", kFashionMnist, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(nlohmann::json::parse(r.out).at("samples").get<std::int64_t>(), std::int64_t{10000});
        // The size given is the size imported: linear_head's classifier fits 28×28 only.
        r = cli({"eval", model, "--shape", "1x32x32", "--dataset", kFashionMnist});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("linear_head_traced.pt") != std::string::npos, r.err.c_str());
    }

    /// eval builds a zoo model for the data set: its images' size and its classes.
    void evalShapesZooModelForDataset()
    {
        // Fashion-MNIST: 1×28×28, where resnet20 defaults to 3×32×32.
        Result r = cli({"eval", "resnet20", "--dataset", kFashionMnist, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(nlohmann::json::parse(r.out).at("samples").get<std::int64_t>(), std::int64_t{10000});
        // CIFAR-100: 100 classes, where resnet20 defaults to 10.
        QTemporaryDir dir;
        writeCifar100(dir.path(), 12);
        r = cli({"eval", "resnet20", "--dataset", dir.path().toStdString(), "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(nlohmann::json::parse(r.out).at("samples").get<std::int64_t>(), std::int64_t{12});
    }

    /// infer sizes an ONNX file with a dynamic input with --shape, or else with the array's size.
    void inferTakesShapeForDynamicOnnx()
    {
        QTemporaryDir dir;
        const std::string model = SLIMBENCH_FIXTURES "/onnx/fire_dynamic.onnx";
        const std::string input = SLIMBENCH_FIXTURES "/onnx/fire_input.npy"; // 1×8×11×11
        const std::string output = dir.filePath(QStringLiteral("y.npy")).toStdString();
        const auto expected = slim::engine::io::readNpy(SLIMBENCH_FIXTURES "/onnx/fire_output.npy");
        for (const std::vector<std::string>& size : {std::vector<std::string>{"--shape", "8x11x11"}, std::vector<std::string>{}}) {
            std::vector<std::string> args{"infer", model, "--input", input, "--output", output};
            args.insert(args.end(), size.begin(), size.end());
            const Result r = cli(args);
            QVERIFY2(r.code == 0, r.err.c_str());
            const auto actual = slim::engine::io::readNpy(output);
            QCOMPARE(actual.shape, expected.shape);
            for (std::size_t i = 0; i < actual.data.size(); ++i)
                QVERIFY(std::abs(actual.data[i] - expected.data[i]) <= 1e-4f);
        }
        // The size given is the size used, and the array does not fit it.
        const Result r = cli({"infer", model, "--shape", "8x12x12", "--input", input, "--output", output});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("expects N×8×12×12, got 1×8×11×11") != std::string::npos, r.err.c_str());
    }

    /// info shows the model's input contract, as a line and as JSON.
    void infoShowsPreprocessing()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("lenet.slim")).toStdString();
        const slim::engine::Model model = saveNormalisedLeNet(path);
        Result r = cli({"info", path});
        QCOMPARE(r.code, 0);
        const std::string line = "\npreprocessing: " + slim::engine::describePreprocessing(model.preprocessing()) + "\n";
        QVERIFY2(r.out.find(line) != std::string::npos, r.out.c_str());
        r = cli({"info", path, "--json"});
        QCOMPARE(r.code, 0);
        nlohmann::json contract = nlohmann::json::parse(r.out).at("preprocessing");
        QCOMPARE(contract.at("pixel_scale").get<double>(), 1.0 / 255.0);
        QCOMPARE(contract.at("mean"), nlohmann::json({0.25}));
        QCOMPARE(contract.at("std"), nlohmann::json({0.5}));
        QCOMPARE(contract.at("channel_order"), nlohmann::json("GRAY"));
        // A zoo model carries none: pixels scaled to 0..1, no normalisation, order unknown.
        r = cli({"info", "lenet5", "--json"});
        contract = nlohmann::json::parse(r.out).at("preprocessing");
        QCOMPARE(contract.at("mean"), nlohmann::json::array());
        QVERIFY(contract.at("channel_order").is_null());
    }

    /// infer --raw applies the model's input contract to raw pixels before the forward pass.
    void inferRawAppliesTheInputContract()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("lenet.slim")).toStdString();
        const slim::engine::Model model = saveNormalisedLeNet(path);
        const std::string input = dir.filePath(QStringLiteral("pixels.npy")).toStdString();
        const std::string output = dir.filePath(QStringLiteral("y.npy")).toStdString();
        const slim::engine::io::NpyArray pixels = rawPixels();
        slim::engine::io::writeNpy(input, pixels);
        const std::vector<float> expected = model.infer(model.preprocess(pixels)).data;

        Result r = cli({"infer", path, "--input", input, "--output", output, "--raw"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(slim::engine::io::readNpy(output).data, expected);
        r = cli({"infer", path, "--input", input, "--output", output}); // taken as model input as it stands
        QCOMPARE(r.code, 0);
        QVERIFY(slim::engine::io::readNpy(output).data != expected);
        r = cli({"infer", path, "--input", "/nonexistent/raw.npy", "--output", output, "--raw"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("/nonexistent/raw.npy") != std::string::npos, r.err.c_str());
    }

    /// The acceptance check of the input contract: `infer --raw` on the raw Fashion-MNIST test
    /// images classifies them as `eval` does, for the bundled LeNet-5.
    void inferRawMatchesEvalOnTheBundledBaseline()
    {
        const QString fashion = QStringLiteral("/usr/share/datasets/fashion-mnist");
        if (!QFileInfo::exists(fashion))
            QFAIL("Fashion-MNIST is missing: install Debian's dataset-fashion-mnist");
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
            QFAIL("/usr/bin/python3 is missing: install Debian's python3-numpy");
        QTemporaryDir dir;
        const QString pixels = dir.filePath(QStringLiteral("pixels.npy"));
        const QString labels = dir.filePath(QStringLiteral("labels.npy"));
        // The raw test images as uint8 and their labels, read from the IDX files by NumPy.
        const QString script = QStringLiteral(
            "import gzip, sys, numpy as np\n"
            "d = sys.argv[1]\n"
            "x = np.frombuffer(gzip.open(d + '/t10k-images-idx3-ubyte.gz').read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)\n"
            "y = np.frombuffer(gzip.open(d + '/t10k-labels-idx1-ubyte.gz').read(), np.uint8, offset=8)\n"
            "np.save(sys.argv[2], x)\n"
            "np.save(sys.argv[3], y.astype(np.float32))\n");
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, fashion, pixels, labels});
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());

        const std::string baseline = SLIMBENCH_RESOURCES "/baselines/lenet5-fashion-mnist.slim";
        const std::string output = dir.filePath(QStringLiteral("logits.npy")).toStdString();
        Result r = cli({"infer", baseline, "--input", pixels.toStdString(), "--output", output, "--raw"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const slim::engine::io::NpyArray logits = slim::engine::io::readNpy(output);
        const slim::engine::io::NpyArray truth = slim::engine::io::readNpy(labels.toStdString());
        QCOMPARE(logits.shape, (std::vector<std::int64_t>{10000, 10}));
        std::int64_t correct = 0;
        for (std::size_t i = 0; i < truth.data.size(); ++i) {
            const auto* row = logits.data.data() + i * 10;
            correct += std::max_element(row, row + 10) - row == static_cast<std::ptrdiff_t>(truth.data[i]);
        }
        const double inferTop1 = static_cast<double>(correct) / 10000.0;

        r = cli({"eval", baseline, "--dataset", fashion.toStdString(), "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const double evalTop1 = nlohmann::json::parse(r.out).at("top1").get<double>();
        qInfo("bundled LeNet-5 on the raw test images: infer --raw top-1 %.4f, eval top-1 %.4f", inferTop1, evalTop1);
        QCOMPARE(inferTop1, evalTop1);
        QVERIFY(evalTop1 > 0.85); // the contract was applied, not ignored (63 % without it)
    }

    /// export --with-preprocessing writes a file that takes raw pixels, in both formats.
    void exportWithPreprocessingTakesRawPixels()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("lenet.slim")).toStdString();
        const slim::engine::Model model = saveNormalisedLeNet(path);
        const std::string baked = dir.filePath(QStringLiteral("raw.onnx")).toStdString();
        Result r = cli({"export", path, "--with-preprocessing", "-o", baked});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(r.out.find("preprocessing baked in") != std::string::npos, r.out.c_str());
        const slim::engine::Model loaded = slim::engine::Model::load(baked);
        QVERIFY(loaded.preprocessing().isIdentity());
        const slim::engine::io::NpyArray pixels = rawPixels();
        const std::vector<float> expected = model.infer(model.preprocess(pixels)).data;
        const std::vector<float> actual = loaded.infer(pixels).data;
        QCOMPARE(actual.size(), expected.size());
        for (std::size_t i = 0; i < actual.size(); ++i)
            QVERIFY(std::abs(actual[i] - expected[i]) <= 1e-4f);

        // Without the option the file keeps the contract and takes preprocessed input.
        const std::string plain = dir.filePath(QStringLiteral("plain.onnx")).toStdString();
        r = cli({"export", path, "-o", plain});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(r.out.find("preprocessing baked in") == std::string::npos);
        QVERIFY(slim::engine::Model::load(plain).preprocessing() == model.preprocessing());

        r = cli({"export", path, "--format", "torchscript", "--with-preprocessing", "-o",
                 dir.filePath(QStringLiteral("raw.pt")).toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(r.out.find("preprocessing baked in") != std::string::npos, r.out.c_str());
    }

    /// MODEL.ONNX, MODEL.PT and x.SLIM open as their lower-case names do, in every command.
    void extensionsMatchIgnoringCase()
    {
        QTemporaryDir dir;
        const QString onnx = dir.filePath(QStringLiteral("MODEL.ONNX"));
        const QString pt = dir.filePath(QStringLiteral("MODEL.PT"));
        const QString head = dir.filePath(QStringLiteral("HEAD.Pt"));
        const std::string slim = dir.filePath(QStringLiteral("x.SLIM")).toStdString();
        QVERIFY(QFile::copy(QStringLiteral(SLIMBENCH_FIXTURES "/onnx/fire_opset13.onnx"), onnx));
        QVERIFY(QFile::copy(QStringLiteral(SLIMBENCH_FIXTURES "/torchscript/residual_traced.pt"), pt));
        QVERIFY(QFile::copy(QStringLiteral(SLIMBENCH_FIXTURES "/torchscript/linear_head_traced.pt"), head));
        slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 4}).save(slim);

        Result r = cli({"info", onnx.toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(r.out.find("input 8x11x11") != std::string::npos, r.out.c_str());
        r = cli({"info", pt.toStdString(), "--shape", "3x12x12"});
        QVERIFY2(r.code == 0, r.err.c_str());
        r = cli({"info", slim});
        QVERIFY2(r.code == 0 && r.out.find("total: 61,706 params") != std::string::npos, r.err.c_str());
        r = cli({"import", pt.toStdString(), dir.filePath(QStringLiteral("residual.slim")).toStdString(), "--shape", "3x12x12"});
        QVERIFY2(r.code == 0, r.err.c_str());
        r = cli({"import", onnx.toStdString(), dir.filePath(QStringLiteral("fire.slim")).toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        // infer and eval size a TorchScript file from the array and the data set.
        r = cli({"infer", pt.toStdString(), "--input", SLIMBENCH_FIXTURES "/onnx/residual_input.npy", "--output",
                 dir.filePath(QStringLiteral("y.npy")).toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        r = cli({"eval", head.toStdString(), "--dataset", kFashionMnist});
        QVERIFY2(r.code == 0, r.err.c_str());
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"frobnicate"};
        QTest::newRow("unknown option") << QStringList{"info", "resnet20", "--colour"};
        QTest::newRow("bad input shape") << QStringList{"info", "resnet20", "--input", "3x32"};
        QTest::newRow("zero classes") << QStringList{"info", "resnet20", "--classes", "0"};
        QTest::newRow("infer without output") << QStringList{"infer", "resnet20", "--input", "x.npy"};
    }

    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        const Result r = cli(expand(args));
        QCOMPARE(r.code, 2);
        QVERIFY(!r.err.empty());
        QVERIFY(r.out.empty());
    }

    /// Every command refuses a value outside its option's range the same way: exit 2, one
    /// line naming the option, before doing any work.
    void outOfRangeValuesExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("option");
        const QString npy = QStringLiteral("{fixtures}/onnx/fire_input.npy");
        QTest::newRow("info --threads 0") << QStringList{"info", "lenet5", "--threads", "0"} << "--threads";
        QTest::newRow("info --classes 0") << QStringList{"info", "resnet20", "--classes", "0"} << "--classes";
        QTest::newRow("info --input 0x28x28") << QStringList{"info", "lenet5", "--input", "0x28x28"} << "--input";
        QTest::newRow("infer --threads 2000")
            << QStringList{"infer", "lenet5", "--input", npy, "--output", "{tmp}/y.npy", "--threads", "2000"} << "--threads";
        QTest::newRow("infer --classes -3")
            << QStringList{"infer", "lenet5", "--input", npy, "--output", "{tmp}/y.npy", "--classes", "-3"} << "--classes";
        QTest::newRow("train --epochs 0") << QStringList{"train", "{tmp}/recipe.json", "--epochs", "0"} << "--epochs";
        QTest::newRow("train --seed -1") << QStringList{"train", "{tmp}/recipe.json", "--seed", "-1"} << "--seed";
        QTest::newRow("train --device gpu") << QStringList{"train", "{tmp}/recipe.json", "--device", "gpu"} << "--device";
        QTest::newRow("import --threads 0")
            << QStringList{"import", "{fixtures}/onnx/fire_opset13.onnx", "{tmp}/fire.slim", "--threads", "0"} << "--threads";
        QTest::newRow("export --opset 9") << QStringList{"export", "lenet5", "--opset", "9", "-o", "{tmp}/x.onnx"} << "--opset";
        QTest::newRow("export --opset 18") << QStringList{"export", "lenet5", "--opset", "18", "-o", "{tmp}/x.onnx"} << "--opset";
        QTest::newRow("export --format tflite")
            << QStringList{"export", "lenet5", "--format", "tflite", "-o", "{tmp}/x.onnx"} << "--format";
        QTest::newRow("eval --batch 0")
            << QStringList{"eval", "lenet5", "--dataset", "/usr/share/datasets/fashion-mnist", "--batch", "0"} << "--batch";
        QTest::newRow("eval --split validation")
            << QStringList{"eval", "lenet5", "--dataset", "/usr/share/datasets/fashion-mnist", "--split", "validation"}
            << "--split";
        QTest::newRow("prune --ratio 1")
            << QStringList{"prune", "lenet5", "--method", "l1", "--ratio", "1", "-o", "{tmp}/x.slim"} << "--ratio";
        QTest::newRow("prune --ratio -0.1")
            << QStringList{"prune", "lenet5", "--method", "l1", "--ratio", "-0.1", "-o", "{tmp}/x.slim"} << "--ratio";
        QTest::newRow("prune --target-macs 0")
            << QStringList{"prune", "lenet5", "--method", "l1", "--target-macs", "0", "-o", "{tmp}/x.slim"} << "--target-macs";
        QTest::newRow("prune --target-params 1.5")
            << QStringList{"prune", "lenet5", "--method", "l1", "--target-params", "1.5", "-o", "{tmp}/x.slim"}
            << "--target-params";
        QTest::newRow("prune --method size")
            << QStringList{"prune", "lenet5", "--method", "size", "--ratio", "0.5", "-o", "{tmp}/x.slim"} << "--method";
        QTest::newRow("prune --round-to 0")
            << QStringList{"prune", "lenet5", "--method", "l1", "--ratio", "0.5", "--round-to", "0", "-o", "{tmp}/x.slim"}
            << "--round-to";
        QTest::newRow("prune --scope all")
            << QStringList{"prune", "lenet5", "--method", "l1", "--ratio", "0.5", "--scope", "all", "-o", "{tmp}/x.slim"}
            << "--scope";
        QTest::newRow("bench --batch 0") << QStringList{"bench", "lenet5", "--batch", "0"} << "--batch";
        QTest::newRow("bench --runs 0") << QStringList{"bench", "lenet5", "--runs", "0"} << "--runs";
        QTest::newRow("bench --layers 0") << QStringList{"bench", "lenet5", "--layers", "0"} << "--layers";
        QTest::newRow("eval --threads x")
            << QStringList{"eval", "lenet5", "--dataset", "/usr/share/datasets/fashion-mnist", "--threads", "x"} << "--threads";
    }

    void outOfRangeValuesExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, option);
        QTemporaryDir dir;
        const Result r = cli(expand(args, dir.path()));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.rfind("slimbench-cli: " + option.toStdString() + ": ", 0) == 0, r.err.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        QVERIFY(r.out.empty());
        QVERIFY(QDir(dir.path()).isEmpty()); // nothing written
    }

    /// info reports the energy estimate per layer and in total (the sum of the layers), and
    /// --bits scales it.
    void infoReportsEnergy()
    {
        const nlohmann::json full = infoJson("resnet20", {"--input", "3x32x32"});
        double sum = 0;
        for (const nlohmann::json& layer : full["layers"])
            sum += layer["energy_pj"].get<double>();
        const double total = full["total"]["energy_pj"].get<double>();
        QVERIFY(total > 0);
        QVERIFY(std::abs(sum - total) <= 1e-9 * total);
        const nlohmann::json& parts = full["total"]["energy_breakdown_pj"];
        QVERIFY(std::abs(parts["compute"].get<double>() - 4.6 * full["total"]["macs"].get<double>()) < 1e-6 * total);
        QVERIFY(std::abs(parts["weights"].get<double>() - 640.0 * full["total"]["params"].get<double>()) < 1e-6 * total);
        const nlohmann::json eight = infoJson("resnet20", {"--input", "3x32x32", "--bits", "8"});
        QCOMPARE(eight["total"]["energy_bits"].get<int>(), 8);
        QVERIFY(eight["total"]["energy_pj"].get<double>() < total / 4);
        const Result text = cli({"info", "resnet20", "--input", "3x32x32"});
        QVERIFY2(text.out.find("energy estimate at 32 bits: ") != std::string::npos, text.out.c_str());
        QCOMPARE(cli({"info", "resnet20", "--bits", "40"}).code, 2);
    }

    /// decompose writes the factored model with the MACs it reports, and refuses what it cannot do.
    void decomposeFactorsLayers()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("r20-lowrank.slim")).toStdString();
        Result r = cli({"decompose", "resnet20", "--input", "3x16x16", "--energy", "0.3", "-o", path, "--json"});
        QCOMPARE(r.code, 0);
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QVERIFY(!report["layers"].empty());
        QVERIFY(report["after"]["macs"].get<std::int64_t>() < report["before"]["macs"].get<std::int64_t>());
        for (const nlohmann::json& layer : report["layers"])
            QVERIFY(layer["macs_after"].get<std::int64_t>() < layer["macs_before"].get<std::int64_t>());
        const nlohmann::json info = infoJson(path);
        QCOMPARE(info["total"]["macs"], report["after"]["macs"]);
        QCOMPARE(info["total"]["params"], report["after"]["params"]);

        r = cli({"decompose", "resnet20", "--input", "3x16x16", "--target-macs", "0.7", "-o", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("energy kept per factorization") != std::string::npos, r.out.c_str());
        QVERIFY(infoJson(path)["total"]["macs"].get<double>() <= 0.7 * infoJson("resnet20", {"--input", "3x16x16"})["total"]["macs"].get<double>());

        QCOMPARE(cli({"decompose", "resnet20", "--energy", "0", "-o", path}).code, 2);
        QCOMPARE(cli({"decompose", "resnet20", "--energy", "0.5", "--target-macs", "0.5", "-o", path}).code, 2);
        QCOMPARE(cli({"decompose", "resnet20", "--method", "cp", "-o", path}).code, 2);
        r = cli({"decompose", "resnet20", "--protect", "nothing", "-o", dir.filePath("x.slim").toStdString()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("'nothing'") != std::string::npos, r.err.c_str());
        QVERIFY(!QFileInfo::exists(dir.filePath("x.slim")));
    }

    /// quantize calibrates on the data set, reports per-layer SQNR, size and top-1, and refuses
    /// impossible settings before any work.
    void quantizeCalibratesAndReports()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("lenet-q8.slim")).toStdString();
        const std::string lenet = SLIMBENCH_RESOURCES "/baselines/lenet5-fashion-mnist.slim";
        Result r = cli({"quantize", lenet, "--bits", "8", "--calib", kFashionMnist, "--calib-batches", "2", "--batch", "32",
                        "--dataset", kFashionMnist, "--json", "-o", path});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QCOMPARE(report["weight_bits"].get<int>(), 8);
        QCOMPARE(report["calibration_batches"].get<int>(), 2);
        QVERIFY(report["size_bytes"].get<double>() < 0.3 * report["float_bytes"].get<double>());
        QVERIFY(!report["layers"].empty());
        bool sawActivation = false;
        for (const nlohmann::json& layer : report["layers"]) {
            QVERIFY2(layer["sqnr_db"].is_null() || layer["sqnr_db"].get<double>() > 20, layer.dump().c_str());
            sawActivation = sawActivation || layer["kind"] == "activation";
        }
        QVERIFY(sawActivation);
        const double before = report["top1"]["float"].get<double>();
        const double after = report["top1"]["quantized"].get<double>();
        QVERIFY2(before > 0.8 && std::abs(before - after) < 0.01, report["top1"].dump().c_str());
        // the written model is the quantized one: info says so
        QVERIFY2(infoJson(path)["quantization"].get<std::string>().find("W8A8") == 0, infoJson(path).dump().c_str());

        const std::string bad = dir.filePath(QStringLiteral("bad.slim")).toStdString();
        QCOMPARE(cli({"quantize", lenet, "--bits", "1", "--calib", kFashionMnist, "-o", bad}).code, 2);
        QCOMPARE(cli({"quantize", lenet, "--bits", "17", "--calib", kFashionMnist, "-o", bad}).code, 2);
        QCOMPARE(cli({"quantize", lenet, "--observer", "median", "--calib", kFashionMnist, "-o", bad}).code, 2);
        QCOMPARE(cli({"quantize", lenet, "--layer-bits", "conv1", "--calib", kFashionMnist, "-o", bad}).code, 2);
        r = cli({"quantize", lenet, "-o", bad});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("--calib") != std::string::npos, r.err.c_str());
        r = cli({"quantize", lenet, "--layer-bits", "nosuch=4", "--calib", kFashionMnist, "-o", bad});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("'nosuch'") != std::string::npos, r.err.c_str());
        r = cli({"quantize", path, "--calib", kFashionMnist, "--calib-batches", "1", "-o", bad});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("quantized already") != std::string::npos, r.err.c_str());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(bad)));
    }

    /// export --format rknn writes the bundle and, with --python, converts it (against the stub
    /// toolkit under tests/fixtures) and summarises the accuracy analysis.
    void exportsAnRknnBundle()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath(QStringLiteral("rk")).toStdString();
        qputenv("PYTHONPATH", SLIMBENCH_FIXTURES "/rknn_stub");
        Result r = cli({"export", SLIMBENCH_RESOURCES "/baselines/resnet20-fashion-mnist.slim", "--format", "rknn", "-o", folder,
                        "--target", "rk3566", "--calib", kFashionMnist, "--calib-count", "5", "--python", "/usr/bin/python3"});
        qunsetenv("PYTHONPATH");
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("wrote the RKNN bundle for rk3566") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("5 calibration images") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("lowest cosine 0.99612 at [Gemm] output") != std::string::npos, r.out.c_str());
        QVERIFY(QFileInfo::exists(QString::fromStdString(folder + "/model.rknn")));

        // Without the toolkit nothing is written; options of other formats are refused.
        const std::string other = dir.filePath(QStringLiteral("rk2")).toStdString();
        r = cli({"export", "lenet5", "--format", "rknn", "-o", other, "--no-quantize", "--python", "/usr/bin/python3"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("cannot import rknn.api") != std::string::npos, r.err.c_str());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(other)));
        QCOMPARE(cli({"export", "lenet5", "--format", "rknn", "-o", other}).code, 1); // quantizing needs --calib
        QCOMPARE(cli({"export", "lenet5", "--format", "onnx", "--calib", kFashionMnist, "-o", other + ".onnx"}).code, 2);
        QCOMPARE(cli({"export", "lenet5", "--format", "rknn", "--target", "rk9999", "--no-quantize", "-o", other}).code, 2);
    }

    /// bench times the runs it was asked for and reports consistent figures; beside a baseline
    /// it reports both models and the speed-ups; --layers covers every node of the folded graph.
    void benchMeasuresLatency()
    {
        Result r = cli({"bench", "resnet20", "--input", "3x16x16", "--runs", "4", "--warmup", "1", "--json"});
        QCOMPARE(r.code, 0);
        nlohmann::json report = nlohmann::json::parse(r.out);
        QCOMPARE(report["runs"].get<int>(), 4);
        QCOMPARE(report["batch"].get<int>(), 1);
        QVERIFY(report["folded"].get<bool>());
        const double median = report["median_ms"].get<double>();
        QVERIFY(median > 0 && report["p90_ms"].get<double>() >= median && report["min_ms"].get<double>() <= median);
        QVERIFY(std::abs(report["images_per_s"].get<double>() - 1000 / median) < 1e-6 * 1000 / median);
        QVERIFY(!report.contains("baseline"));

        r = cli({"bench", "resnet20", "--baseline", "resnet56", "--input", "3x16x16", "--batch", "2", "--runs", "3",
                 "--warmup", "0", "--no-fold", "--layers", "3", "--json"});
        QCOMPARE(r.code, 0);
        report = nlohmann::json::parse(r.out);
        QVERIFY(!report["folded"].get<bool>());
        QCOMPARE(report["baseline"]["model"].get<std::string>(), std::string("resnet56"));
        const double macSpeedup = report["baseline"]["macs"].get<double>() / report["macs"].get<double>();
        QVERIFY(std::abs(report["mac_speedup"].get<double>() - macSpeedup) < 1e-9);
        QVERIFY(std::abs(report["measured_speedup"].get<double>()
                         - report["baseline"]["median_ms"].get<double>() / report["median_ms"].get<double>()) < 1e-9);
        // Unfolded: one entry per node of the model as built, BatchNorms included.
        const nlohmann::json info = infoJson("resnet20", {"--input", "3x16x16"});
        QCOMPARE(report["layers"].size(), info["layers"].size());
        QVERIFY(std::any_of(report["layers"].begin(), report["layers"].end(),
                            [](const nlohmann::json& layer) { return layer["op"] == "BatchNorm2d"; }));

        r = cli({"bench", "resnet20", "--input", "3x16x16", "--runs", "2", "--layers", "2"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("slowest layers of resnet20") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("images/s") != std::string::npos, r.out.c_str());
    }

    /// The issue's acceptance: ResNet-56 pruned to half width by L1 halves every group and
    /// reports the params and MACs of a ResNet-56 built at half width; the file written is that model.
    void pruneHalvesResNet56()
    {
        QTemporaryDir dir;
        const std::string output = dir.filePath(QStringLiteral("r56.slim")).toStdString();
        const Result r = cli({"prune", "resnet56", "--input", "3x32x32", "--method", "l1", "--ratio", "0.5", "-o", output, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        const auto [fullParams, fullMacs] = cifarResNetCost(9, 16, 10);
        const auto [halfParams, halfMacs] = cifarResNetCost(9, 8, 10);
        QCOMPARE(fullParams, std::int64_t{855770}); // the formula is the zoo's model (info says so too)
        QCOMPARE(report.at("before").at("params").get<std::int64_t>(), fullParams);
        QCOMPARE(report.at("before").at("macs").get<std::int64_t>(), fullMacs);
        QCOMPARE(report.at("after").at("params").get<std::int64_t>(), halfParams);
        QCOMPARE(report.at("after").at("macs").get<std::int64_t>(), halfMacs);
        QVERIFY(report.at("groups").size() > 0);
        for (const auto& group : report.at("groups")) {
            QCOMPARE(group.at("kept").get<std::int64_t>() * 2, group.at("channels").get<std::int64_t>());
            QVERIFY(!group.at("members").empty());
        }
        std::vector<std::string> skipped;
        for (const auto& skip : report.at("skipped"))
            skipped.push_back(skip.at("group").get<std::string>());
        QCOMPARE(skipped, (std::vector<std::string>{"input", "fc"}));
        for (const char* phase : {"groups", "scores", "prune"})
            QVERIFY(report.at("elapsed_ms").at(phase).get<double>() >= 0);

        const slim::engine::Model written = slim::engine::Model::load(output);
        QCOMPARE(written.cost().params, halfParams);
        QCOMPARE(written.cost().macs, halfMacs);
        QCOMPARE(written.metadata().at("pruning"), std::string("structural"));

        // The text report: the per-group table and the totals.
        const Result text = cli({"prune", "resnet56", "--input", "3x32x32", "--method", "l1", "--ratio", "0.5", "-o", output});
        QVERIFY2(text.code == 0, text.err.c_str());
        QVERIFY2(text.out.find("layer3.8.conv1") != std::string::npos, text.out.c_str());
        QVERIFY2(text.out.find("params: 855,770 -> " + slim::app::cli::withThousands(halfParams)) != std::string::npos, text.out.c_str());
        QVERIFY2(text.out.find("wrote " + output) != std::string::npos, text.out.c_str());
    }

    /// --override sets one group's ratio outside the uniform one.
    void pruneOverride()
    {
        QTemporaryDir dir;
        const std::string output = dir.filePath(QStringLiteral("out.slim")).toStdString();
        const Result r = cli({"prune", "resnet20", "--input", "3x32x32", "--method", "l2", "--ratio", "0.5", "--override",
                              "layer1.0.conv1=0", "--override", "layer2.0.conv1=0.75", "-o", output, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        int seen = 0;
        for (const auto& group : report.at("groups")) {
            const std::int64_t channels = group.at("channels").get<std::int64_t>();
            const std::string name = group.at("name").get<std::string>();
            const std::int64_t expected = name == "layer1.0.conv1" ? channels : name == "layer2.0.conv1" ? channels / 4 : channels / 2;
            QCOMPARE(group.at("kept").get<std::int64_t>(), expected);
            seen += int(name == "layer1.0.conv1" || name == "layer2.0.conv1");
        }
        QCOMPARE(seen, 2);
    }

    /// A MACs budget is met, widths honour --round-to, and protected layers keep their channels.
    void pruneBudgetRoundToAndProtect()
    {
        QTemporaryDir dir;
        const std::string output = dir.filePath(QStringLiteral("r20.slim")).toStdString();
        const Result r = cli({"prune", "resnet20", "--method", "fpgm", "--target-macs", "0.6", "--round-to", "4",
                              "--protect", "layer2.0.conv1", "-o", output, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QVERIFY(report.at("budget_met").get<bool>());
        QVERIFY(report.at("after").at("macs").get<double>() <= 0.6 * report.at("before").at("macs").get<double>());
        bool protectedSeen = false;
        for (const auto& group : report.at("groups")) {
            const std::int64_t kept = group.at("kept").get<std::int64_t>();
            QVERIFY(kept % 4 == 0 || kept == group.at("channels").get<std::int64_t>());
            QVERIFY(group.at("name") != "layer2.0.conv1");
        }
        for (const auto& skip : report.at("skipped"))
            protectedSeen = protectedSeen || (skip.at("group") == "layer2.0.conv1" && skip.at("reason").get<std::string>().find("protected") != std::string::npos);
        QVERIFY2(protectedSeen, r.out.c_str());
    }

    /// Every refusal: a clear one-line message, the documented exit code, nothing written.
    void pruneRefusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QStringList base{"prune", "lenet5", "-o", "{tmp}/out.slim"};
        QTest::newRow("no target") << base + QStringList{"--method", "l1"} << 2 << "give exactly one of --ratio";
        QTest::newRow("two targets") << base + QStringList{"--method", "l1", "--ratio", "0.3", "--target-macs", "0.5"} << 2
                                     << "give exactly one of --ratio";
        QTest::newRow("taylor without data") << base + QStringList{"--method", "taylor", "--ratio", "0.3"} << 2
                                             << "--method taylor scores channels on data: give --dataset";
        QTest::newRow("recalibrate without data") << base + QStringList{"--method", "l1", "--ratio", "0.3", "--recalibrate", "4"}
                                                  << 2 << "--recalibrate runs on data: give --dataset";
        QTest::newRow("magnitude with a MACs target") << base + QStringList{"--method", "magnitude", "--target-macs", "0.5"} << 2
                                                      << "--method magnitude masks a share of the weights: give --ratio";
        QTest::newRow("output is the input")
            << QStringList{"prune", "{tmp}/lenet.slim", "-o", "{tmp}/lenet.slim", "--method", "l1", "--ratio", "0.3"} << 2
            << "is the model being pruned";
        QTest::newRow("output folder missing")
            << QStringList{"prune", "lenet5", "-o", "{tmp}/missing/out.slim", "--method", "l1", "--ratio", "0.3"} << 1
            << "does not exist";
        QTest::newRow("unknown protected layer")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--protect", "conv9"} << 1 << "cannot protect 'conv9'";
        QTest::newRow("override without a ratio")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--override", "conv1"} << 2 << "--override takes GROUP=RATIO";
        QTest::newRow("override ratio not a number")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--override", "conv1=half"} << 2 << "--override takes GROUP=RATIO";
        QTest::newRow("override ratio with spaces")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--override", "conv1= 0.5"} << 2 << "--override takes GROUP=RATIO";
        QTest::newRow("override ratio of 1")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--override", "conv1=1"} << 2 << "the ratio must be in [0, 1)";
        QTest::newRow("override twice")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--override", "conv1=0.5", "--override", "conv1=0.25"} << 2
            << "names group 'conv1' twice";
        QTest::newRow("override of an unknown group")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--override", "conv9=0.5"} << 1 << "override 'conv9'";
        QTest::newRow("nothing prunable")
            << base + QStringList{"--method", "l1", "--ratio", "0.3", "--protect", "conv1", "--protect", "conv2", "--protect", "fc1",
                                  "--protect", "fc2"}
            << 1 << "nothing in lenet5 can be pruned (conv1: protected; conv2: protected; fc1: protected)";
        QTest::newRow("images do not fit")
            << QStringList{"prune", "{tmp}/lenet.slim", "-o", "{tmp}/out.slim", "--method", "l1", "--ratio", "0.3", "--dataset", "{tmp}/cifar"}
            << 1 << "the model takes 1×28×28 inputs but";
        QTest::newRow("classes do not fit")
            << QStringList{"prune", "resnet20", "--classes", "10", "-o", "{tmp}/out.slim", "--method", "l1", "--ratio", "0.3", "--dataset", "{tmp}/cifar"}
            << 1 << "the model has 10 outputs but";
    }

    void pruneRefusals()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        QTemporaryDir dir;
        saveNormalisedLeNet(dir.filePath(QStringLiteral("lenet.slim")).toStdString());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("cifar")));
        writeCifar100(dir.filePath(QStringLiteral("cifar")), 8, QStringLiteral("train.bin"));
        writeCifar100(dir.filePath(QStringLiteral("cifar")), 8);
        const Result r = cli(expand(args, dir.path()));
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.find(message.toStdString()) != std::string::npos, r.err.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        QVERIFY(r.out.empty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.slim"))));
    }

    /// With a data set the report has top-1 before, right after, and after BatchNorm
    /// recalibration on the batches asked for (Taylor scoring on the data), and recalibration
    /// changes the written model. That it changes only the statistics is tst_prunedata's check.
    void pruneOnDataReportsTop1AndRecalibrates()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("cifar"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("cifar")));
        writeCifar100(data, 48, QStringLiteral("train.bin"));
        writeCifar100(data, 24);
        const std::string recalibrated = dir.filePath(QStringLiteral("recalibrated.slim")).toStdString();
        const std::string plain = dir.filePath(QStringLiteral("plain.slim")).toStdString();
        const std::vector<std::string> common{"prune", "resnet20", "--method", "taylor", "--ratio", "0.5",
                                              "--dataset", data.toStdString(), "--batch", "16", "--taylor-batches", "2", "--json"};
        std::vector<std::string> args = common;
        args.insert(args.end(), {"--recalibrate", "2", "-o", recalibrated});
        const Result r = cli(args);
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        for (const char* key : {"before", "pruned", "recalibrated"})
            QVERIFY2(report.at("top1").at(key).is_number(), key);
        QCOMPARE(report.at("evaluation_samples").get<std::int64_t>(), std::int64_t{24});
        QCOMPARE(report.at("recalibration_batches").get<std::int64_t>(), std::int64_t{2});

        args = common;
        args.insert(args.end(), {"-o", plain});
        const Result without = cli(args);
        QVERIFY2(without.code == 0, without.err.c_str());
        const nlohmann::json plainReport = nlohmann::json::parse(without.out);
        QVERIFY(!plainReport.at("top1").contains("recalibrated"));
        QVERIFY(!plainReport.contains("recalibration_batches"));

        const slim::engine::Model a = slim::engine::Model::load(recalibrated);
        const slim::engine::Model b = slim::engine::Model::load(plain);
        QCOMPARE(a.cost().params, b.cost().params);
        slim::engine::io::NpyArray input{{1, 3, 32, 32}, std::vector<float>(3 * 32 * 32, 0.5f)};
        QVERIFY(a.infer(input).data != b.infer(input).data);

        // The text report says the same in words.
        args = common;
        args.pop_back(); // --json
        args.insert(args.end(), {"--recalibrate", "2", "-o", recalibrated});
        const Result text = cli(args);
        QVERIFY2(text.code == 0, text.err.c_str());
        QVERIFY2(text.out.find("after recalibrating BatchNorm on 2 batches (24 test images)") != std::string::npos, text.out.c_str());
    }

    /// --method magnitude masks weights instead of removing channels: every conv and Linear
    /// ends at the ratio, the report counts non-zero params and MACs, and the written model
    /// says it is masked.
    void pruneMagnitudeMasks()
    {
        QTemporaryDir dir;
        const std::string output = dir.filePath(QStringLiteral("masked.slim")).toStdString();
        const Result r = cli({"prune", "resnet20", "--method", "magnitude", "--ratio", "0.6", "-o", output, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QCOMPARE(report.at("pruning").get<std::string>(), std::string("masked"));
        QVERIFY(report.at("groups").empty());
        QVERIFY(report.at("layers").size() > 0);
        for (const auto& layer : report.at("layers")) {
            const double sparsity = layer.at("sparsity").get<double>();
            QVERIFY2(sparsity > 0.55 && sparsity <= 0.6 + 1e-9, layer.dump().c_str());
        }
        const slim::engine::Model written = slim::engine::Model::load(output);
        QCOMPARE(written.pruningState(), std::string("masked"));
        QCOMPARE(report.at("after").at("params").get<std::int64_t>(), written.cost().nonzeroParams);
        QCOMPARE(report.at("after").at("macs").get<std::int64_t>(), written.cost().nonzeroMacs);
        QCOMPARE(report.at("before").at("params").get<std::int64_t>(), written.cost().params); // the shape stays
        QVERIFY(written.cost().nonzeroMacs < written.cost().macs / 2);
    }

    /// A model imported from TorchScript written by torchvision itself prunes, runs `infer`
    /// and exports to a verified ONNX file, all from the command line.
    void prunesTorchvisionImports_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("mobilenetv2") << "tv_mobilenetv2";
        QTest::newRow("shufflenetv2") << "tv_shufflenetv2";
        QTest::newRow("regnet") << "tv_regnet";
    }

    void prunesTorchvisionImports()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const std::vector<std::string> files = expand({"{fixtures}/torchscript/" + name + "_traced.pt", "{tmp}/pruned.slim",
                                                       "{fixtures}/torchscript/" + name + "_input.npy", "{tmp}/y.npy",
                                                       "{tmp}/pruned.onnx"},
                                                      dir.path());
        Result r = cli({"prune", files[0], "--shape", "3x32x32", "--method", "l2", "--ratio", "0.5", "-o", files[1], "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QVERIFY(report.at("after").at("macs").get<double>() < 0.5 * report.at("before").at("macs").get<double>());
        r = cli({"infer", files[1], "--input", files[2], "--output", files[3]});
        QVERIFY2(r.code == 0, r.err.c_str());
        const slim::engine::io::NpyArray logits = slim::engine::io::readNpy(files[3]);
        QCOMPARE(logits.shape, (std::vector<std::int64_t>{1, 10}));
        QVERIFY(std::all_of(logits.data.begin(), logits.data.end(), [](float v) { return std::isfinite(v); }));
        r = cli({"export", files[1], "-o", files[4]});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(r.out.find("OpenCV DNN vs Slimbench") != std::string::npos, r.out.c_str());
        QVERIFY(QFileInfo(QString::fromStdString(files[4])).size() > 0);
    }

    /// --threads is accepted by every command and in force while it runs.
    void threadsApplyToEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("info") << QStringList{"info", "lenet5", "--threads", "3"} << 0;
        QTest::newRow("infer") << QStringList{"infer", "{fixtures}/onnx/fire_opset13.onnx", "--input",
                                              "{fixtures}/onnx/fire_input.npy", "--output", "{tmp}/y.npy", "--threads", "3"}
                               << 0;
        // The recipe does not exist: the options are accepted, the file is not.
        QTest::newRow("train") << QStringList{"train", "{tmp}/missing.json", "--threads", "3"} << 1;
        QTest::newRow("import") << QStringList{"import", "{fixtures}/onnx/fire_opset13.onnx", "{tmp}/fire.slim", "--threads", "3"}
                                << 0;
        QTest::newRow("export") << QStringList{"export", "lenet5", "--input", "1x28x28", "-o", "{tmp}/lenet.onnx", "--threads", "3"}
                                << 0;
        QTest::newRow("eval") << QStringList{"eval", "lenet5", "--dataset", "{tmp}/no-such-data", "--threads", "3"} << 1;
    }

    void threadsApplyToEveryCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QTemporaryDir dir;
        const int before = slim::engine::threadCount();
        slim::engine::setThreadCount(1);
        const Result r = cli(expand(args, dir.path()));
        const int during = slim::engine::threadCount();
        slim::engine::setThreadCount(before);
        QVERIFY2(r.code == code, r.err.c_str());
        QCOMPARE(during, 3);
    }

    void helpPerCommand_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("option"); // one of the command's own options
        QTest::newRow("info") << "info" << "--json";
        QTest::newRow("infer") << "infer" << "--output";
        QTest::newRow("train") << "train" << "--epochs";
        QTest::newRow("import") << "import" << "--input";
        QTest::newRow("export") << "export" << "--opset";
        QTest::newRow("eval") << "eval" << "--dataset";
    }

    void helpPerCommand()
    {
        QFETCH(QString, command);
        QFETCH(QString, option);
        const Result r = cli({command.toStdString(), "--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.empty());
        QVERIFY2(r.out.find("slimbench-cli " + command.toStdString()) != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find(option.toStdString()) != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("--threads") != std::string::npos, r.out.c_str());
        QCOMPARE(cli({"help", command.toStdString()}).out, r.out);
    }

    void failuresExitWithOneAndOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("unknown model") << QStringList{"info", "resnet99"} << "neither a model file nor a zoo model";
        QTest::newRow("impossible input") << QStringList{"info", "lenet5", "--input", "1x4x4"} << "cannot take";
        QTest::newRow("missing npy") << QStringList{"infer", "lenet5", "--input", "/nonexistent/x.npy", "--output", "/tmp/y.npy"}
                                     << "no such file";
    }

    void failuresExitWithOneAndOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        std::vector<std::string> list;
        for (const QString& arg : args)
            list.push_back(arg.toStdString());
        const Result r = cli(list);
        QCOMPARE(r.code, 1);
        QVERIFY2(QString::fromStdString(r.err).contains(needle), r.err.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
    }

    /// A LibTorch error carries a backtrace in its message: stderr gets one line, the whole
    /// text only with --verbose. Evaluating a 10-class model on 100 classes is one such error
    /// today (ATen's cross-entropy refuses the labels).
    void libraryErrorsAreOneLine()
    {
        QTemporaryDir dir;
        writeCifar100(dir.path(), 4);
        const std::string model = dir.filePath(QStringLiteral("ten.slim")).toStdString();
        slim::engine::Model::fromZoo({"resnet20", 3, 32, 32, 10, 0}).save(model);
        Result r = cli({"eval", model, "--dataset", dir.path().toStdString()});
        QCOMPARE(r.code, 1);
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        QVERIFY2(r.err.rfind("slimbench-cli: Target 99 is out of bounds", 0) == 0, r.err.c_str());
        QVERIFY2(r.err.find("frame #") == std::string::npos, r.err.c_str());
        r = cli({"eval", model, "--dataset", dir.path().toStdString(), "--verbose"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("frame #") != std::string::npos, r.err.c_str());
    }

    void binaryExitCodes()
    {
        QProcess process;
        process.start(SLIMBENCH_CLI, {"info", "no-such-model"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        process.start(SLIMBENCH_CLI, {});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        process.start(SLIMBENCH_CLI, {"info", "lenet5", "--input", "1x28x28"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("total: 61,706 params"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
