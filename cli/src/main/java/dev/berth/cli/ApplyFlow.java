package dev.berth.cli;

import dev.berth.applier.apply.ApplyOptions;
import dev.berth.applier.apply.ApplyUseCase;
import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.docker.DockerClients;
import dev.berth.cli.progress.ProgressFormat;
import dev.berth.cli.render.PlanTextRenderer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * What apply and rollback show and ask around the apply use case: the plan in text, the
 * confirmation, the failures, and the exit code. The sequence itself is {@link ApplyUseCase}'s.
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

    /**
     * @param command  the verb for the lock and the prompt ("apply", "rollback")
     * @param stack    the stack as loaded: names the hosts and the lock
     * @param files    what the stack's environment files give, read from the stack as loaded
     * @param planning makes the plan from what the hosts run
     */
    int run(String command, Stack stack, EnvironmentFiles files, Function<ObservedState, ApplyUseCase.Planned> planning) {
        try (DockerClients clients = new DockerClients()) {
            ApplyUseCase apply = Engines.useCase(clients, format.listener(out, Terminal.interactive(), colors),
                    concurrencyPerHost, files, err);
            ApplyUseCase.Report report = Engines.userErrors(() -> apply.apply(command, stack, planning, options,
                    new ApplyUseCase.Review() {
                        @Override
                        public void show(Plan plan) {
                            if (format == ProgressFormat.text) {
                                out.print(new PlanTextRenderer(colors).render(plan));
                                out.flush();
                            }
                        }

                        @Override
                        public boolean confirm(Plan plan) {
                            Confirmation.require(yes, () -> "\nDo you want to " + command + " these changes to stack "
                                    + stack.stack() + "?", command, out);
                            return true;
                        }
                    }));
            if (report.status() == ApplyUseCase.Report.Status.blocked) {
                throw new UserError("the plan cannot be applied (see the problems above); nothing was changed");
            }
            if (report.result() != null && format == ProgressFormat.text) {
                for (Outcome failure : report.result().failures()) {
                    err.println("berth: error: " + failure.address() + ": " + failure.reason());
                }
                err.flush();
            }
            return report.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }
}
