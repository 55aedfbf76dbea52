#include "data/loader.h"

#include "core/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>

namespace slim::engine::data {

namespace {
/// A seed for (seed, epoch, batch) that differs for every triple (splitmix64 mixing).
std::uint64_t mix(std::uint64_t seed, std::uint64_t epoch, std::uint64_t batch)
{
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (epoch + 1) + 0xBF58476D1CE4E5B9ull * (batch + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
} // namespace

DataLoader::DataLoader(std::shared_ptr<const ImageDataset> dataset, LoaderOptions options)
    : m_dataset(std::move(dataset))
    , m_options(std::move(options))
{
    if (!m_dataset || m_dataset->size() == 0)
        throw Error(ErrorCode::InvalidArgument, "the data set is empty", {"dataset", "empty"});
    if (m_options.batchSize < 1)
        throw Error(ErrorCode::InvalidArgument, "batch size must be at least 1", {"batch", std::to_string(m_options.batchSize)});
    if (m_options.workers < 1)
        m_options.workers = 1;
    if (m_options.prefetch < 1)
        m_options.prefetch = 1;
    if (m_options.transforms.normalization.mean.empty())
        m_options.transforms.normalization = m_dataset->normalization;
}

DataLoader::~DataLoader()
{
    stopWorkers();
}

std::int64_t DataLoader::batchesPerEpoch() const
{
    const std::int64_t size = m_dataset->size();
    return m_options.dropLast ? size / m_options.batchSize : (size + m_options.batchSize - 1) / m_options.batchSize;
}

void DataLoader::stopWorkers()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    for (std::thread& worker : m_workers)
        worker.join();
    m_workers.clear();
}

void DataLoader::startEpoch(std::int64_t epoch)
{
    stopWorkers();
    m_started = true;
    m_epoch = epoch;
    if (m_options.shuffle) {
        at::Generator generator = at::detail::createCPUGenerator(mix(m_options.seed, static_cast<std::uint64_t>(epoch), ~0ull));
        m_order = at::randperm(m_dataset->size(), generator, at::kLong);
    } else {
        m_order = at::arange(m_dataset->size(), at::kLong);
    }
    {
        std::lock_guard lock(m_mutex);
        m_ready.clear();
        m_nextToMake = 0;
        m_nextToServe = 0;
        m_stopping = false;
        m_failure.reset();
    }
    for (int i = 0; i < m_options.workers; ++i)
        m_workers.emplace_back([this] { work(); });
}

Batch DataLoader::makeBatch(std::int64_t index) const
{
    const std::int64_t start = index * m_options.batchSize;
    const std::int64_t end = std::min(start + m_options.batchSize, m_dataset->size());
    const at::Tensor picks = m_order.slice(0, start, end);
    at::Generator generator;
    if (m_options.augment)
        generator = at::detail::createCPUGenerator(mix(m_options.seed, static_cast<std::uint64_t>(m_epoch), static_cast<std::uint64_t>(index)));
    Batch batch;
    batch.index = index;
    batch.images = applyTransforms(m_dataset->images.index_select(0, picks), m_options.transforms, generator);
    batch.labels = m_dataset->labels.index_select(0, picks);
    return batch;
}

void DataLoader::work()
{
    const std::int64_t total = batchesPerEpoch();
    while (true) {
        std::int64_t index = 0;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] {
                return m_stopping || m_nextToMake >= total || m_nextToMake < m_nextToServe + m_options.prefetch;
            });
            if (m_stopping || m_nextToMake >= total)
                return;
            index = m_nextToMake++;
        }
        try {
            Batch batch = makeBatch(index);
            std::lock_guard lock(m_mutex);
            m_ready.emplace(index, std::move(batch));
        } catch (const std::exception& error) {
            std::lock_guard lock(m_mutex);
            m_failure = error.what();
        }
        m_changed.notify_all();
    }
}

std::optional<Batch> DataLoader::next()
{
    if (!m_started)
        startEpoch(0);
    std::unique_lock lock(m_mutex);
    if (m_nextToServe >= batchesPerEpoch())
        return std::nullopt;
    m_changed.wait(lock, [&] { return m_failure.has_value() || m_ready.count(m_nextToServe) != 0; });
    if (m_failure)
        throw Error(ErrorCode::InvalidArgument, "preparing a batch failed: " + *m_failure, {"loader", *m_failure});
    Batch batch = std::move(m_ready.at(m_nextToServe));
    m_ready.erase(m_nextToServe);
    ++m_nextToServe;
    lock.unlock();
    m_changed.notify_all();
    return batch;
}

LoaderOptions passOptions(std::int64_t batchSize, std::uint64_t seed, const Preprocessing& contract)
{
    LoaderOptions options;
    options.batchSize = batchSize;
    options.shuffle = true;
    options.augment = false;
    options.seed = seed;
    applyContract(options.transforms, contract);
    return options;
}

std::int64_t forEachBatch(DataLoader& loader, std::int64_t batches, const JobContext& context, const std::string& purpose,
                          const std::string& phase, const std::function<void(const Batch&)>& use)
{
    if (batches < 1)
        throw Error(ErrorCode::InvalidArgument, purpose + " needs at least one batch", {"batches", std::to_string(batches)});
    const std::int64_t planned = std::min(batches, loader.batchesPerEpoch());
    const auto start = std::chrono::steady_clock::now();
    std::int64_t used = 0;
    loader.startEpoch(0);
    while (used < batches) {
        context.throwIfCancelled();
        const std::optional<Batch> batch = loader.next();
        if (!batch)
            break;
        use(*batch);
        ++used;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        context.progress({used, planned, phase, elapsed / static_cast<double>(used) * static_cast<double>(std::max<std::int64_t>(0, planned - used))});
    }
    if (used == 0)
        throw Error(ErrorCode::InvalidArgument, purpose + " needs data, and the data set gave no batch", {"dataset", "empty"});
    return used;
}

} // namespace slim::engine::data
