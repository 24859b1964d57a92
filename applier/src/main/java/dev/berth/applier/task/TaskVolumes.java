package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.EngineJson;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.model.Volume;
import dev.berth.schema.model.Volume.DockerVolumeConfiguration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named volumes of a task: a task-scoped volume is created per task, labelled with the task, and
 * removed with it; a shared volume is one per host, created when missing if autoprovisioned, never removed here.
 */
final class TaskVolumes {
    private TaskVolumes() {
    }

    /** What a mount of {@code volume} binds: the host path, or the name of the Docker volume. */
    static String source(TaskSpec task, Volume volume) {
        if (volume.host() != null) {
            return volume.host().sourcePath();
        }
        return volume.dockerVolumeConfiguration().scope() == DockerVolumeConfiguration.Scope.task
                ? TaskObjectNames.taskVolume(task.stack(), task.taskId(), volume.name())
                : volume.name();
    }

    /** Creates the task's volumes and any missing autoprovisioned shared ones, before its containers. */
    static void prepare(DockerClient client, TaskSpec task) {
        for (Volume volume : task.definition().volumes()) {
            DockerVolumeConfiguration config = volume.dockerVolumeConfiguration();
            if (volume.host() != null || config == null) {
                continue;
            }
            if (config.scope() == DockerVolumeConfiguration.Scope.task) {
                Map<String, String> labels = new LinkedHashMap<>(config.labels());
                labels.putAll(TaskLabels.task(task));
                create(client, source(task, volume), config, labels);
            } else if (!exists(client, volume.name())) {
                if (!config.autoprovision()) {
                    throw new TaskFailure("shared volume " + volume.name() + " does not exist on host "
                            + task.host().name() + " and autoprovision is off");
                }
                Map<String, String> labels = new LinkedHashMap<>(config.labels());
                labels.put(BerthLabels.STACK, task.stack());
                labels.put(BerthLabels.CLUSTER, task.host().cluster());
                create(client, volume.name(), config, labels);
            }
        }
    }

    /** Removes the task-scoped volumes of the task, found by label; volumes already gone are fine. */
    static void remove(DockerClient client, String stack, String taskId) {
        EngineJson engine = EngineJson.of(client);
        engine.listVolumes(List.of(BerthLabels.STACK + "=" + stack, BerthLabels.TASK + "=" + taskId,
                BerthLabels.KIND + "=" + BerthLabels.KIND_TASK)).forEach(volume -> engine.removeVolume(volume.name()));
    }

    private static void create(DockerClient client, String name, DockerVolumeConfiguration config,
                               Map<String, String> labels) {
        // Creating an existing volume of the same driver succeeds in Docker, which keeps a retried launch idempotent.
        EngineJson.of(client).createVolume(name, config.driver(), config.driverOpts(), labels);
    }

    private static boolean exists(DockerClient client, String name) {
        return EngineJson.of(client).inspectVolume(name).isPresent();
    }
}
