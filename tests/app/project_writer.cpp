// A training job that records into a project, for tst_project's crash test: it adds a
// baseline, then trains LeNet-5 a few steps at a time, writing every metric sample to the
// run's series as it arrives and each result as a new version. After each version it prints
// "version <id>" and flushes, so the test knows what must survive a kill -9.
//
//   project_writer PROJECT_FOLDER [ROUNDS [KILL_POINT]]
//
// KILL_POINT makes it kill itself (SIGKILL) in round 2 at a chosen moment, so the crash test
// reaches each window of a version's life for sure: "after-checkpoint" (the checkpoint is on
// disk, its row not yet committed) or "mid-series" (three curve points of the run written).

#include "jobs/trainjob.h"
#include "model.h"
#include "project.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>

using namespace slim;

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: project_writer PROJECT_FOLDER [ROUNDS]\n");
        return 2;
    }
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 1000;
    const char* killPoint = argc > 3 ? argv[3] : "";
    const auto killHere = [killPoint](int round, const char* point) {
        if (round == 2 && std::strcmp(killPoint, point) == 0)
            std::raise(SIGKILL);
    };
    try {
        const std::unique_ptr<app::Project> project = app::Project::create(QString::fromLocal8Bit(argv[1]));
        engine::Model model = engine::Model::fromZoo(engine::zooSpecFor("lenet5", {1, 28, 28}, 10));
        app::ProjectVersion baseline;
        baseline.name = QStringLiteral("baseline");
        baseline.method = QStringLiteral("baseline");
        qint64 parent = project->addVersion(baseline, [&](const QString& path) { model.save(path.toStdString()); });
        std::printf("version %lld\n", static_cast<long long>(parent));
        std::fflush(stdout);

        engine::TrainRecipe recipe;
        recipe.dataset = "/usr/share/datasets/fashion-mnist";
        recipe.validation = "none";
        recipe.epochs = 1;
        recipe.batchSize = 32;
        recipe.maxStepsPerEpoch = 4;
        recipe.learningRate = 0.01;
        recipe.schedule = "constant";
        recipe.threads = 1;
        recipe.output.clear();
        recipe.metrics.clear();
        for (int round = 1; round <= rounds; ++round) {
            recipe.seed = static_cast<std::uint64_t>(round);
            const qint64 runId = project->startRun(QStringLiteral("Train round %1").arg(round), {}, parent);
            engine::JobContext context;
            int points = 0;
            context.reportMetric = [&](const engine::MetricSample& sample) {
                // Each sample in its own transaction, as the workbench's live curves arrive.
                project->appendSeries(runId, {{QString::fromStdString(sample.series), sample.step, sample.value, sample.epoch}});
                if (++points == 3)
                    killHere(round, "mid-series");
            };
            const engine::TrainJobResult result = engine::runTrainJob(recipe, context, &model, false);
            model = result.model;
            project->appendLog(runId, QStringLiteral("round %1 done").arg(round));
            app::ProjectVersion version;
            version.parentId = parent;
            version.name = QStringLiteral("round %1").arg(round);
            version.method = QStringLiteral("train");
            const qint64 id = project->addVersion(version, [&](const QString& path) {
                model.save(path.toStdString());
                killHere(round, "after-checkpoint");
            });
            project->finishRun(runId, QStringLiteral("finished"), id);
            parent = id;
            std::printf("version %lld\n", static_cast<long long>(id));
            std::fflush(stdout);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "project_writer: %s\n", error.what());
        return 1;
    }
    return 0;
}
