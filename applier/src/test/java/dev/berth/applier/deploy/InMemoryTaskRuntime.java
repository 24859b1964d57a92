package dev.berth.applier.deploy;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.task.TaskResult;
import dev.berth.applier.task.TaskRuntime;
import dev.berth.applier.task.TaskSpec;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Tasks as a map instead of containers, for testing the deployment engine's rules alone; the
 * real-engine tests beside it check the same rules against Docker. It records, after every
 * change, how many tasks run and how many are healthy, so a test can assert the bounds held at
 * every moment, not only at the end.
 */
final class InMemoryTaskRuntime implements TaskRuntime {
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Predicate<TaskSpec> becomesHealthy;
    private final Set<String> lostHosts = ConcurrentHashMap.newKeySet();
    private final List<int[]> timeline = new ArrayList<>();
    private final List<String> launches = new ArrayList<>();
    private String loseAfterFirstLaunchOn;
    private Consumer<String> beforeStop = taskId -> {
    };

    /** A task that is there and, once judged, healthy or not. */
    private record Task(String host, boolean healthy) {
    }

    /** @param becomesHealthy which launched tasks pass their health check */
    InMemoryTaskRuntime(Predicate<TaskSpec> becomesHealthy) {
        this.becomesHealthy = becomesHealthy;
    }

    /** A task that ran before the deployment, healthy. */
    synchronized InMemoryTaskRuntime running(String taskId, String host) {
        tasks.put(taskId, new Task(host, true));
        return this;
    }

    /** The host stops answering right after the first task launched on it. */
    synchronized InMemoryTaskRuntime loseHostAfterItsFirstLaunch(String host) {
        loseAfterFirstLaunchOn = host;
        return this;
    }

    /** Told of each task about to stop, such as a load balancer that must have drained it. */
    synchronized void beforeStop(Consumer<String> listener) {
        beforeStop = listener;
    }

    @Override
    public synchronized TaskResult launch(TaskSpec task) {
        answer(task.host());
        launches.add(task.taskId());
        tasks.put(task.taskId(), new Task(task.host().name(), false));
        snapshot();
        if (task.host().name().equals(loseAfterFirstLaunchOn)) {
            lostHosts.add(loseAfterFirstLaunchOn);
        }
        return TaskResult.ok(task.taskId());
    }

    @Override
    public synchronized TaskResult awaitHealthy(TaskSpec task, Duration timeout) {
        answer(task.host());
        if (!becomesHealthy.test(task)) {
            return TaskResult.failed(task.taskId(), "essential container app exited (code 1)");
        }
        tasks.put(task.taskId(), new Task(task.host().name(), true));
        snapshot();
        return TaskResult.ok(task.taskId());
    }

    @Override
    public void stop(ClusterHost host, String stack, String taskId) {
        // Outside this runtime's lock: the listener takes its own, and asks this runtime under it.
        Consumer<String> listener;
        synchronized (this) {
            answer(host);
            listener = beforeStop;
        }
        listener.accept(taskId);
        synchronized (this) {
            tasks.remove(taskId);
            snapshot();
        }
    }

    synchronized Set<String> taskIds() {
        return Set.copyOf(tasks.keySet());
    }

    synchronized boolean healthy(String taskId) {
        Task task = tasks.get(taskId);
        return task != null && task.healthy();
    }

    synchronized List<String> launches() {
        return List.copyOf(launches);
    }

    synchronized int maxRunning() {
        return timeline.stream().mapToInt(t -> t[0]).max().orElse(tasks.size());
    }

    synchronized int minHealthy() {
        return timeline.stream().mapToInt(t -> t[1]).min().orElse(tasks.size());
    }

    /** A lost host fails like an engine that went away: the connection is refused. */
    private void answer(ClusterHost host) {
        if (lostHosts.contains(host.name())) {
            throw new IllegalStateException("engine " + host.name(), new ConnectException("Connection refused"));
        }
    }

    private void snapshot() {
        timeline.add(new int[]{tasks.size(), (int) tasks.values().stream().filter(Task::healthy).count()});
    }
}
