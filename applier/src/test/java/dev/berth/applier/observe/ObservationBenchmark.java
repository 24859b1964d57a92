package dev.berth.applier.observe;

import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures observing a stack of {@value #TASKS} two-container tasks on the local engine. A manual
 * measurement, not a test: run its main with the applier test classpath.
 */
public final class ObservationBenchmark {
    private static final int TASKS = 30;
    private static final int RUNS = 10;

    public static void main(String[] args) {
        try (DockerClients clients = new DockerClients();
             LabelledObjects objects = new LabelledObjects(clients.client(DockerEndpoint.defaultEndpoint(System.getenv())))) {
            try (ExecutorService creators = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int task = 0; task < TASKS; task++) {
                    for (String container : List.of("app", "sidecar")) {
                        Map<String, String> labels = objects.stackLabels(BerthLabels.SERVICE, "web",
                                BerthLabels.FAMILY, "web", BerthLabels.REVISION, "1", BerthLabels.TASK, "task-" + task,
                                BerthLabels.CONTAINER, container);
                        creators.submit(() -> objects.runContainer(labels, c -> c));
                    }
                }
            }
            Stack stack = new Stack(1, objects.stack(), null, Map.of("main", new Cluster(List.of())), null, null, null, null);
            StackObserver observer = new StackObserver(clients, new ClusterHosts(System.getenv()));

            long coldStart = System.nanoTime();
            ObservedState first = observer.observe(stack);
            double coldMillis = (System.nanoTime() - coldStart) / 1e6;
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                long started = System.nanoTime();
                observer.observe(stack);
                millis.add((System.nanoTime() - started) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf("%d tasks, %d containers; first observation %.1f ms; %d runs: median %.1f ms, min %.1f, max %.1f%n",
                    first.tasks().size(), first.tasks().stream().mapToInt(t -> t.containers().size()).sum(), coldMillis,
                    RUNS, (millis.get(RUNS / 2 - 1) + millis.get(RUNS / 2)) / 2, millis.getFirst(), millis.getLast());
        }
    }
}
