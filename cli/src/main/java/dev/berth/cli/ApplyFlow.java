package dev.berth.cli;

import dev.berth.applier.apply.ApplyOptions;
import dev.berth.applier.apply.ApplyResult;
import dev.berth.applier.apply.PlanExecutor;
import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.lock.StackLock;
import dev.berth.applier.observe.StackObserver;
import dev.berth.applier.observe.TaskRecords;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.schema.model.Service;
import java.util.ArrayList;
import java.util.List;
import dev.berth.applier.registry.RevisionRegistry;
import dev.berth.applier.task.DockerTaskRuntime;
import dev.berth.applier.task.ImagePreflight;
import dev.berth.applier.task.SecretResolver;
import dev.berth.applier.network.StackNetworks;
import dev.berth.cli.progress.ProgressFormat;
import dev.berth.cli.render.PlanFormat;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.planfile.SavedPlan;
import dev.berth.planner.planfile.StalePlanException;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * What apply and rollback share: take the stack's lock, observe, plan (or check a saved plan is
 * still fresh), show the plan, ask for confirmation, execute with live progress, and report.
 */
final class ApplyFlow {
    private final PrintWriter out;
    private final PrintWriter err;
    private final ProgressFormat format;
    private final boolean colors;
    private final boolean yes;
    private final ApplyOptions options;
    private final int concurrencyPerHost;

    ApplyFlow(PrintWriter out, PrintWriter err, ProgressFormat format, boolean colors, boolean yes,
              ApplyOptions options, int concurrencyPerHost) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.colors = colors;
        this.yes = yes;
        this.options = options;
        this.concurrencyPerHost = concurrencyPerHost;
    }

    /** A plan and the desired stack it leads to (for rollback, the stack with a revision pinned). */
    record Planned(Stack stack, Plan plan) {
    }

    /**
     * @param command the verb for the lock and the prompt ("apply", "rollback")
     * @param stack   the stack as loaded: names the hosts and the lock
     * @param saved   a plan saved with {@code plan --out}, applied exactly; null to plan now
     * @param planFor makes the plan from what the hosts run (ignored with a saved plan)
     */
    int run(String command, Stack stack, SavedPlan saved, Function<ObservedState, Planned> planFor) {
        ClusterHosts clusterHosts = new ClusterHosts(System.getenv());
        try (DockerClients clients = new DockerClients();
             StackLock.Held lock = StackLocks.acquire(stack, clients, err, command)) {
            StackObserver observer = new StackObserver(clients, clusterHosts);
            ObservedState observed = observer.observe(stack);
            Planned planned = saved == null ? planFor.apply(observed) : new Planned(stack, fresh(saved, stack, observed));
            Plan plan = planned.plan();
            boolean people = format == ProgressFormat.text;
            if (people) {
                out.print(PlanFormat.text.renderer(colors).render(plan));
                out.flush();
            }
            if (!plan.problems().isEmpty()) {
                throw new UserError("the plan cannot be applied (see the problems above); nothing was changed");
            }
            if (!plan.hasChanges()) {
                recordTasks(planned.stack(), observed, plan, clients, clusterHosts);
                return ExitCodes.OK;
            }
            Confirmation.require(yes, () -> "\nDo you want to " + command + " these changes to stack "
                    + stack.stack() + "?", command, out);
            ApplyListener listener = format.listener(out, Terminal.interactive(), colors);
            PlanExecutor executor = new PlanExecutor(
                    new DockerTaskRuntime(clients, new SecretResolver(System.getenv()), concurrencyPerHost),
                    observer, clusterHosts,
                    new RevisionRegistry(clients, clusterHosts, Clock.systemUTC())::register,
                    new StackNetworks(clients),
                    new ImagePreflight(clients, Duration.ofMinutes(5), dockerConfigDirectory()),
                    listener);
            ApplyResult result = executor.execute(planned.stack(), observed, plan, options);
            recordTasks(planned.stack(), observer.observe(stack), plan, clients, clusterHosts);
            report(command, stack, result, listener);
            return result.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    /**
     * Where the tasks run now, for the next plan to name the tasks of a host that stops answering;
     * the tasks this plan started on hosts that no longer answer count as being there.
     */
    private void recordTasks(Stack stack, ObservedState now, Plan plan, DockerClients clients,
                             ClusterHosts clusterHosts) {
        List<ObservedTask> started = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            Service service = change.address().kind() == Address.Kind.service
                    ? stack.services().get(change.address().name()) : null;
            if (service != null && change.placement() != null) {
                change.placement().starts().forEach(s -> started.add(new ObservedTask(s.taskId(), service.cluster(),
                        s.host(), change.address().name(), service.taskDefinitionFamily(), s.revision(), null,
                        List.of())));
            }
        }
        TaskRecords.write(stack.stack(), now, started, clients, clusterHosts.of(stack), Clock.systemUTC())
                .forEach(failure -> err.println("berth: warning: task record not written on " + failure));
        err.flush();
    }

    private Plan fresh(SavedPlan saved, Stack stack, ObservedState observed) {
        try {
            saved.checkFresh(stack, observed);
            return saved.plan();
        } catch (StalePlanException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void report(String command, Stack stack, ApplyResult result, ApplyListener listener) {
        listener.on(new ApplyEvent(Instant.now(), result.succeeded() ? ApplyEvent.Type.completed
                : ApplyEvent.Type.failed, null, summary(command, stack, result), null));
        if (format == ProgressFormat.text) {
            for (Outcome failure : result.failures()) {
                err.println("berth: error: " + failure.address() + ": " + failure.reason());
            }
            err.flush();
        }
    }

    static String summary(String command, Stack stack, ApplyResult result) {
        String counts = result.started() + " task" + (result.started() == 1 ? "" : "s") + " started, "
                + result.stopped() + " stopped";
        return result.succeeded()
                ? capitalized(command) + " complete for stack " + stack.stack() + ": " + counts + "."
                : capitalized(command) + " failed for stack " + stack.stack() + ": " + result.failures().size()
                + " of " + result.outcomes().size() + " changes did not succeed (" + counts + ").";
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Where the docker CLI keeps registry credentials: $DOCKER_CONFIG, else ~/.docker. */
    private static Path dockerConfigDirectory() {
        String configured = System.getenv("DOCKER_CONFIG");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".docker");
    }
}
