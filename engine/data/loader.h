#pragma once

#include "data/dataset.h"
#include "data/transforms.h"
#include "core/job.h"

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace slim::engine::data {

struct Batch {
    at::Tensor images;  ///< float N×C×H×W, transformed
    at::Tensor labels;  ///< int64 N
    std::int64_t index = 0;  ///< within the epoch
};

struct LoaderOptions {
    std::int64_t batchSize = 128;
    bool shuffle = true;
    bool augment = true;       ///< apply the random transforms (training); off for evaluation
    bool dropLast = false;
    std::uint64_t seed = 0;
    int workers = 1;           ///< background threads preparing batches
    int prefetch = 4;          ///< batches prepared ahead of the consumer
    TransformSpec transforms;
};

/// Options for a pass that computes something from training images (quantization
/// calibration, BatchNorm recalibration, Taylor scores): a fixed shuffled order from `seed`, no
/// augmentation, the images as a model with input contract `contract` takes them.
LoaderOptions passOptions(std::int64_t batchSize, std::uint64_t seed, const Preprocessing& contract);

/// Serves an epoch's batches in order while background threads prepare the next ones.
/// The order and every random choice depend only on (seed, epoch, batch index), never on
/// thread timing, so runs repeat exactly. One consumer thread; destroying the loader stops
/// its workers.
class DataLoader {
public:
    DataLoader(std::shared_ptr<const ImageDataset> dataset, LoaderOptions options);
    ~DataLoader();
    DataLoader(const DataLoader&) = delete;
    DataLoader& operator=(const DataLoader&) = delete;

    /// Starts epoch `epoch` (0-based), abandoning any batches of the previous one.
    void startEpoch(std::int64_t epoch);
    /// The next batch of the epoch, waiting for it if needed; nullopt when the epoch is done.
    /// Starts epoch 0 if no epoch was started.
    std::optional<Batch> next();

    std::int64_t batchesPerEpoch() const;
    const ImageDataset& dataset() const { return *m_dataset; }
    const LoaderOptions& options() const { return m_options; }

private:
    void stopWorkers();
    void work();
    Batch makeBatch(std::int64_t index) const;

    std::shared_ptr<const ImageDataset> m_dataset;
    LoaderOptions m_options;
    at::Tensor m_order;           ///< sample order of the current epoch
    std::int64_t m_epoch = 0;
    bool m_started = false;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::int64_t, Batch> m_ready;
    std::int64_t m_nextToMake = 0;
    std::int64_t m_nextToServe = 0;
    bool m_stopping = false;
    std::optional<std::string> m_failure;
    std::vector<std::thread> m_workers;
};

/// Runs `use` on each of the first `batches` batches of epoch 0 of `loader` (fewer when the
/// epoch ends first), checking for cancel before each (JobCancelled) and reporting progress as
/// `phase`. Returns how many batches it used. Throws Error(InvalidArgument) naming `purpose`
/// ("recalibration") for batches < 1 or when the loader gave no batch.
std::int64_t forEachBatch(DataLoader& loader, std::int64_t batches, const JobContext& context, const std::string& purpose,
                          const std::string& phase, const std::function<void(const Batch&)>& use);

} // namespace slim::engine::data
