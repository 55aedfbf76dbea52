#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "data/loader.h"

using namespace slim::engine;
using namespace slim::engine::data;

namespace {
/// 50 samples of 1×6×6 whose pixels all equal their index, labels index % 10.
std::shared_ptr<ImageDataset> numbered(std::int64_t count = 50)
{
    auto data = std::make_shared<ImageDataset>();
    data->images = at::arange(count, at::kByte).view({count, 1, 1, 1}).expand({count, 1, 6, 6}).contiguous();
    data->labels = at::arange(count, at::kLong).remainder(10);
    data->classes = 10;
    data->normalization = computeNormalization(data->images);
    return data;
}

std::vector<Batch> epoch(DataLoader& loader, std::int64_t index)
{
    loader.startEpoch(index);
    std::vector<Batch> batches;
    while (auto batch = loader.next())
        batches.push_back(*batch);
    return batches;
}
} // namespace

class TestLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void epochCoversEverySampleOnce()
    {
        LoaderOptions options;
        options.batchSize = 8;
        options.transforms.normalize = false;
        DataLoader loader(numbered(), options);
        QCOMPARE(loader.batchesPerEpoch(), std::int64_t{7});
        const std::vector<Batch> batches = epoch(loader, 0);
        QCOMPARE(batches.size(), std::size_t{7});
        QCOMPARE(batches.back().images.size(0), std::int64_t{2}); // 50 = 6·8 + 2
        std::vector<at::Tensor> seen;
        for (std::size_t i = 0; i < batches.size(); ++i) {
            QCOMPARE(batches[i].index, static_cast<std::int64_t>(i));
            const at::Tensor ids = (batches[i].images.select(1, 0).select(1, 0).select(1, 0) * 255).round().to(at::kLong);
            QVERIFY(at::equal(ids.remainder(10), batches[i].labels)); // labels travel with their images
            seen.push_back(ids);
        }
        QVERIFY(at::equal(std::get<0>(at::cat(seen).sort()), at::arange(50, at::kLong)));
    }

    void sameSeedSameBatchesWhateverTheWorkers()
    {
        LoaderOptions options;
        options.batchSize = 16;
        options.seed = 11;
        options.transforms.cropPadding = 2;
        options.transforms.horizontalFlip = true;
        auto data = numbered();
        // Break the symmetry so flips and crops show: a bright left column.
        data->images.select(3, 0).fill_(255);
        DataLoader one(data, options);
        options.workers = 3;
        DataLoader three(data, options);
        for (std::int64_t e = 0; e < 2; ++e) {
            const auto a = epoch(one, e);
            const auto b = epoch(three, e);
            QCOMPARE(a.size(), b.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                QVERIFY(at::equal(a[i].images, b[i].images));
                QVERIFY(at::equal(a[i].labels, b[i].labels));
            }
        }
        const auto first = epoch(one, 0);
        const auto second = epoch(one, 1);
        QVERIFY(!at::equal(first[0].labels, second[0].labels)); // each epoch reshuffles
    }

    void transformsDoWhatTheySay()
    {
        auto data = numbered(64);
        data->images.select(3, 0).fill_(255);
        LoaderOptions options;
        options.batchSize = 64;
        options.shuffle = false;
        options.transforms.horizontalFlip = true;
        options.transforms.normalize = false;
        DataLoader loader(data, options);
        const Batch flipped = *loader.next();
        const at::Tensor leftBright = flipped.images.select(3, 0).select(2, 0).select(1, 0).eq(1.0);
        const at::Tensor rightBright = flipped.images.select(3, 5).select(2, 0).select(1, 0).eq(1.0);
        QVERIFY(at::equal(leftBright, rightBright.logical_not())); // each sample flipped or not, wholly
        const std::int64_t flips = rightBright.sum().item<std::int64_t>();
        QVERIFY(flips > 16 && flips < 48); // about half of 64

        options.augment = false;
        DataLoader evaluation(data, options);
        QCOMPARE(evaluation.next()->images.select(3, 5).eq(1.0).sum().item<std::int64_t>(), std::int64_t{0});

        options.augment = true;
        options.transforms.horizontalFlip = false;
        options.transforms.cropPadding = 3;
        // Every pixel non-zero and different (1..36), so a crop's shift shows and any zero in
        // the result can only be padding.
        auto distinct = std::make_shared<ImageDataset>(*data);
        distinct->images = at::arange(1, 37, at::kByte).view({1, 1, 6, 6}).expand({64, 1, 6, 6}).contiguous();
        DataLoader cropping(distinct, options);
        const Batch cropped = *cropping.next();
        QCOMPARE(cropped.images.sizes().vec(), (std::vector<std::int64_t>{64, 1, 6, 6}));
        // Each sample is the image zero-padded by 3 and cut at some offset: shifted content with
        // exact zeros where the padding moved in.
        const at::Tensor image = distinct->images[0].to(at::kFloat).div(255.0);
        const at::Tensor padded = at::constant_pad_nd(image, {3, 3, 3, 3}, 0.0);
        int shifted = 0;
        for (std::int64_t i = 0; i < 64; ++i) {
            bool matched = false;
            for (std::int64_t top = 0; top <= 6 && !matched; ++top) {
                for (std::int64_t left = 0; left <= 6 && !matched; ++left)
                    matched = at::equal(cropped.images[i], padded.narrow(1, top, 6).narrow(2, left, 6));
            }
            QVERIFY2(matched, qPrintable(QStringLiteral("sample %1 is not a zero-padded crop of its image").arg(i)));
            if (!at::equal(cropped.images[i], image))
                ++shifted;
        }
        QVERIFY2(shifted > 32, qPrintable(QString::number(shifted))); // 48 of 49 offsets shift the image
        QVERIFY(cropped.images.eq(0.0).any().item<bool>()); // padding moved in next to the content

        options.transforms = {};
        options.transforms.resizeHeight = 12;
        options.transforms.resizeWidth = 9;
        DataLoader resizing(data, options);
        QCOMPARE(resizing.next()->images.sizes().vec(), (std::vector<std::int64_t>{64, 1, 12, 9}));
    }

    void normalisationUsesTheDatasetStatistics()
    {
        LoaderOptions options;
        options.batchSize = 50;
        options.augment = false;
        DataLoader loader(numbered(), options);
        const Batch batch = *loader.next();
        QVERIFY(std::abs(batch.images.mean().item<double>()) < 1e-5);
        QVERIFY(std::abs(batch.images.std(false).item<double>() - 1.0) < 1e-4);
    }

    void rejectsImpossibleSettings()
    {
        LoaderOptions options;
        options.batchSize = 0;
        try {
            DataLoader loader(numbered(), options);
            QFAIL("batch size 0 must be refused");
        } catch (const Error& error) {
            QVERIFY(QString(error.what()).contains("batch size"));
        }
        try {
            DataLoader loader(std::make_shared<ImageDataset>(), LoaderOptions{});
            QFAIL("an empty data set must be refused");
        } catch (const Error& error) {
            QVERIFY(QString(error.what()).contains("empty"));
        }
    }
};

QTEST_APPLESS_MAIN(TestLoader)
#include "tst_loader.moc"
