package dev.berth.applier.deploy;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.lock.LockLostException;
import dev.berth.applier.task.TaskResult;
import dev.berth.applier.task.TaskRuntime;
import dev.berth.applier.task.TaskSpec;
import dev.berth.planner.plan.LoadBalancerRegistration;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.planner.plan.ServicePlacement.HostCount;
import dev.berth.planner.plan.ServicePlacement.TaskStart;
import dev.berth.planner.plan.ServicePlacement.TaskStop;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes one service's planned change exactly as planned. Stops of tasks outside the rollout
 * (exited tasks, a removed service) come first; then each rollout step starts its new tasks at
 * once, waits until they are healthy, and stops its old tasks. A new task that fails is removed and
 * counts against the circuit breaker; below the threshold a replacement starts on the same host.
 * A host that stops answering is lost for the rest of the run: its tasks are not retried, the
 * other hosts' tasks of the batch still start, and the outcome fails naming the host.
 */
public final class ServiceDeployment {
    private final TaskRuntime runtime;
    private final TargetRegistry targets;
    private final ApplyListener listener;

    /** @param targets the load balancers new tasks register with and old ones drain from */
    public ServiceDeployment(TaskRuntime runtime, TargetRegistry targets, ApplyListener listener) {
        this.runtime = runtime;
        this.targets = targets;
        this.listener = listener;
    }

    /** Runs the change; an engine failure while stopping ends it as failed rather than throwing. */
    public Outcome deploy(PlannedChange change, DeploymentTarget target) {
        return new Run(change, target).execute();
    }

    private final class Run {
        private final PlannedChange change;
        private final DeploymentTarget target;
        private final Deque<TaskStart> starts;
        private final Deque<TaskStop> stops;
        private final List<Rollout.Step> steps;
        private final CapacityGuard guard;
        private final int runningBefore;
        private final int desired;
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger healthy = new AtomicInteger();
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger stopped = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicReference<String> lastFailure = new AtomicReference<>();
        private volatile String step;
        private final Map<String, String> lostHosts = new ConcurrentSkipListMap<>();
        private final Set<String> failedHosts = new ConcurrentSkipListSet<>();
        private final List<LoadBalancerRegistration> registrations;

        Run(PlannedChange change, DeploymentTarget target) {
            this.change = change;
            this.target = target;
            ServiceDetail detail = change.service();
            this.registrations = detail.loadBalancers();
            this.starts = new ArrayDeque<>(detail.placement().starts());
            this.stops = new ArrayDeque<>(detail.placement().stops());
            Rollout rollout = detail.rollout();
            this.steps = rollout == null ? List.of() : rollout.steps();
            List<HostCount> hosts = detail.placement().hosts();
            this.runningBefore = hosts.stream().mapToInt(HostCount::before).sum();
            this.desired = hosts.stream().mapToInt(HostCount::after).sum();
            this.guard = rollout == null ? null
                    : new CapacityGuard(desired, rollout.minimumHealthyPercent(), rollout.maximumPercent());
            this.step = steps.isEmpty() ? null : "0/" + steps.size();
            running.set(runningBefore);
            healthy.set(runningBefore);
        }

        Outcome execute() {
            emit(ApplyEvent.Type.started, change.reasons().stream().map(Reason::message)
                    .collect(Collectors.joining("; ")));
            try {
                stopUnbatched();
                for (int i = 0; i < steps.size(); i++) {
                    Rollout.Step batch = steps.get(i);
                    step = (i + 1) + "/" + steps.size();
                    guard.checkStart(running.get(), batch.start());
                    emit(ApplyEvent.Type.progress, "step " + step + ": start " + batch.start() + ", then stop "
                            + batch.stop());
                    if (!startHealthy(take(starts, batch.start()))) {
                        if (!lostHosts.isEmpty()) {
                            return fail(lostHostsReason());
                        }
                        return fail(target.newTasks().launch().label() + " failed on "
                                + String.join(", ", failedHosts) + ": " + failures.get()
                                + " tasks did not become healthy (" + lastFailure.get() + ")");
                    }
                    guard.checkStop(healthy.get(), batch.stop());
                    stopAll(take(stops, batch.stop()), true);
                }
            } catch (CapacityGuard.CapacityViolation e) {
                return fail("step " + step + " refused: " + e.getMessage());
            } catch (StopFailed e) {
                return fail(e.getMessage());
            } catch (HostLost e) {
                return fail(lostHostsReason());
            } catch (LockLostException e) {
                return fail(e.getMessage());
            }
            emit(ApplyEvent.Type.completed, "done: " + started.get() + " started, " + stopped.get() + " stopped");
            return Outcome.succeeded(change.address(), started.get(), stopped.get());
        }

        /**
         * Exited tasks, and for a change without a rollout (a removed service) every task. The plan
         * puts them before the rollout's stops; the tasks among them that still ran are those the
         * counts say stop but no rollout step stops.
         */
        private void stopUnbatched() {
            int batchedStops = steps.stream().mapToInt(Rollout.Step::stop).sum();
            int runningStops = runningBefore + starts.size() - desired;
            stopAll(take(stops, stops.size() - batchedStops), false);
            running.addAndGet(batchedStops - runningStops);
            healthy.set(running.get());
        }

        private Outcome fail(String reason) {
            emit(ApplyEvent.Type.failed, reason);
            return Outcome.failed(change.address(), reason, started.get(), stopped.get());
        }

        /** Starts the tasks at once; false when the circuit breaker tripped. */
        private boolean startHealthy(List<TaskStart> batch) {
            return Fanout.map(batch, this::startHealthy).stream().allMatch(Boolean::booleanValue);
        }

        private boolean startHealthy(TaskStart start) {
            try {
                return startHealthyOn(start);
            } catch (HostLost e) {
                emit(ApplyEvent.Type.taskFailed, start.taskId() + " on " + e.host + ": " + e.host
                        + " does not answer (" + e.reason + ")");
                return false;
            }
        }

        private String lostHostsReason() {
            return lostHosts.entrySet().stream().map(e -> e.getKey() + " does not answer (" + e.getValue() + ")")
                    .collect(Collectors.joining("; ")) + ": " + change.address().name() + "'s part on "
                    + String.join(", ", lostHosts.keySet()) + " failed (" + started.get() + " started, "
                    + stopped.get() + " stopped on the other hosts); the next apply plans from what then answers";
        }

        private boolean startHealthyOn(TaskStart start) {
            ClusterHost host = target.host(start.host());
            NewTasks newTasks = target.newTasks();
            String taskId = start.taskId();
            while (!target.breaker().tripped(failures.get())) {
                TaskSpec spec = newTasks.spec(taskId, host);
                running.incrementAndGet();
                emit(ApplyEvent.Type.progress, "starting " + taskId + " on " + host.name());
                TaskResult result = launchHealthy(spec, newTasks);
                if (result.ok() && !registrations.isEmpty()) {
                    emit(ApplyEvent.Type.progress, taskId + " is healthy; registering it with " + loadBalancers());
                    result = register(spec);
                }
                if (result.ok()) {
                    healthy.incrementAndGet();
                    started.incrementAndGet();
                    emit(ApplyEvent.Type.progress, taskId + " is healthy" + (registrations.isEmpty() ? ""
                            : " on " + loadBalancers()));
                    return true;
                }
                forget(host, taskId);
                stop(host, taskId);
                running.decrementAndGet();
                failures.incrementAndGet();
                failedHosts.add(host.name());
                lastFailure.set(result.reason());
                emit(ApplyEvent.Type.taskFailed, taskId + " on " + host.name() + ": " + result.reason());
                taskId = newTasks.replacementId(start.taskId(), taskId);
            }
            return false;
        }

        private TaskResult launchHealthy(TaskSpec spec, NewTasks newTasks) {
            try {
                TaskResult launched = runtime.launch(spec);
                return launched.ok() ? runtime.awaitHealthy(spec, newTasks.healthTimeout()) : launched;
            } catch (LockLostException lost) {
                throw lost;
            } catch (RuntimeException e) {
                if (EngineFailures.unreachable(e)) {
                    throw lost(spec.host(), e);
                }
                return TaskResult.failed(spec.taskId(), EngineFailures.describe(e));
            }
        }

        /** @param counted whether the tasks are among the running (and healthy) ones counted so far */
        private void stopAll(List<TaskStop> batch, boolean counted) {
            Fanout.map(batch, planned -> {
                ClusterHost host = target.host(planned.host());
                if (!registrations.isEmpty()) {
                    emit(ApplyEvent.Type.progress, "draining " + planned.taskId() + " from " + loadBalancers());
                    drain(host, planned.taskId());
                }
                stop(host, planned.taskId());
                forget(host, planned.taskId());
                if (counted) {
                    running.decrementAndGet();
                    healthy.decrementAndGet();
                }
                stopped.incrementAndGet();
                emit(ApplyEvent.Type.progress, "stopped " + planned.taskId() + " (" + planned.why().message() + ")");
                return true;
            });
        }

        /** A task that passed its container checks joins the load balancers; their checks decide if it is healthy. */
        private TaskResult register(TaskSpec spec) {
            try {
                return targets.register(spec, registrations, target.hosts()::get);
            } catch (LockLostException lost) {
                throw lost;
            } catch (RuntimeException e) {
                return TaskResult.failed(spec.taskId(), "registering with " + loadBalancers() + " failed: "
                        + EngineFailures.describe(e));
            }
        }

        /**
         * A load balancer that cannot be told to drain is said so, and the task stops anyway: a
         * deployment must not wait on a load balancer host that is down.
         */
        private void drain(ClusterHost host, String taskId) {
            try {
                targets.drain(host, change.address().name(), taskId, registrations, target.hosts()::get);
            } catch (LockLostException lost) {
                throw lost;
            } catch (RuntimeException e) {
                emit(ApplyEvent.Type.progress, "could not drain " + taskId + " from " + loadBalancers() + ": "
                        + EngineFailures.describe(e));
            }
        }

        private void forget(ClusterHost host, String taskId) {
            try {
                targets.forget(host, change.address().name(), taskId, registrations, target.hosts()::get);
            } catch (LockLostException lost) {
                throw lost;
            } catch (RuntimeException e) {
                emit(ApplyEvent.Type.progress, "could not remove " + taskId + " from " + loadBalancers() + ": "
                        + EngineFailures.describe(e) + "; the next apply does");
            }
        }

        private String loadBalancers() {
            return String.join(", ", registrations.stream().map(LoadBalancerRegistration::loadBalancer).distinct().toList());
        }

        private void stop(ClusterHost host, String taskId) {
            try {
                runtime.stop(host, target.stack(), taskId);
            } catch (LockLostException lost) {
                throw lost;
            } catch (RuntimeException e) {
                if (EngineFailures.unreachable(e)) {
                    throw lost(host, e);
                }
                throw new StopFailed("stopping " + taskId + " on " + host.name() + " failed: "
                        + EngineFailures.describe(e));
            }
        }

        private HostLost lost(ClusterHost host, RuntimeException failure) {
            String reason = EngineFailures.describe(failure);
            lostHosts.putIfAbsent(host.name(), reason);
            return new HostLost(host.name(), reason);
        }

        private void emit(ApplyEvent.Type type, String message) {
            listener.on(new ApplyEvent(Instant.now(), type, change.address().toString(), message,
                    new ApplyEvent.ServiceCounts(desired, running.get(), healthy.get(), step)));
        }
    }

    private static <T> List<T> take(Deque<T> queue, int count) {
        List<T> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(queue.removeFirst());
        }
        return taken;
    }

    /** A host stopped answering: nothing more can be done there in this run. */
    private static final class HostLost extends RuntimeException {
        private final String host;
        private final String reason;

        HostLost(String host, String reason) {
            super(host + " does not answer (" + reason + ")");
            this.host = host;
            this.reason = reason;
        }
    }

    /** A task could not be stopped: the deployment cannot keep to its plan. */
    private static final class StopFailed extends RuntimeException {
        StopFailed(String message) {
            super(message);
        }
    }
}
