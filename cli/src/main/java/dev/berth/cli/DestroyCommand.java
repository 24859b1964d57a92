package dev.berth.cli;

import dev.berth.applier.apply.ApplyUseCase;
import dev.berth.applier.destroy.DestroyReport;
import dev.berth.applier.destroy.HostRemoval;
import dev.berth.applier.docker.DockerClients;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Removes everything a stack runs, as {@code terraform destroy} does; its volumes only when asked. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Remove everything the stack runs on its hosts: its installed agents (berth agent "
                + "--install), task containers (each stopped within its stopTimeout first), load balancers and "
                + "networks. Only objects labelled berth.stack=STACK are "
                + "touched, never anything found by name.",
                "Volumes, and with them the task definition history (berth history), are kept unless --volumes "
                + "is given. Holds the stack's lock while it works. Hosts that do not answer are reported and "
                + "keep what they have: run destroy again when they answer."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the stack is gone from every host",
                "1:error: invalid stack, locked, not confirmed, or a host did not answer or an object could not "
                        + "be removed (the rest was removed)"})
public final class DestroyCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--volumes", description = "Also remove the stack's volumes, including its task definition "
            + "revision records: the history is gone and the next apply starts again at revision 1.")
    boolean volumes;

    @Option(names = "--yes", description = "Destroy without asking.")
    boolean yes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Stack canonical = stack.loadValid(err).canonical();
        DestroyReport report;
        try (DockerClients clients = new DockerClients()) {
            ApplyUseCase destroy = Engines.useCase(clients, err);
            report = Engines.userErrors(() -> destroy.destroy(canonical, volumes, observed -> {
                Confirmation.require(yes, () -> question(canonical.stack(), observed), "destroy", out);
                return true;
            }));
        }
        print(report, out);
        out.flush();
        return report.complete() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    /** "Destroy stack shop on 1 host (3 tasks, 2 networks)?", from what runs now. */
    private String question(String name, ObservedState observed) {
        List<String> content = new ArrayList<>(List.of(count(observed.tasks().size(), "task"),
                count(observed.networks().size(), "network")));
        if (!observed.loadBalancers().isEmpty()) {
            content.add(count(observed.loadBalancers().size(), "load balancer"));
        }
        String what = volumes ? ", with its volumes and its task definition history" : "";
        return "Destroy stack " + name + " on " + count(observed.hosts().size(), "host") + " ("
                + String.join(", ", content) + ")" + what + "?";
    }

    private void print(DestroyReport report, PrintWriter out) {
        for (HostRemoval host : report.hosts()) {
            List<String> removed = new ArrayList<>();
            // Only stacks with an installed agent say so: most have none.
            if (!host.agents().isEmpty()) {
                removed.add(count(host.agents().size(), "agent"));
            }
            removed.addAll(List.of(count(host.tasks().size(), "task container"),
                    count(host.loadBalancers().size(), "load balancer"), count(host.networks().size(), "network")));
            out.println(host.host() + ": removed " + String.join(", ", removed)
                    + (volumes ? ", " + count(host.volumes().size(), "volume") + ", "
                    + count(host.revisionRecords().size(), "revision record") : ""));
            host.failures().forEach(failure -> out.println("  could not remove " + failure));
        }
        report.unreachable().forEach((host, reason) ->
                out.println(host + ": did not answer (" + reason + "); what the stack has there is still there"));
        if (volumes && report.hosts().stream().anyMatch(h -> !h.revisionRecords().isEmpty())) {
            out.println("The task definition history of stack " + report.stack() + " is gone: the next apply "
                    + "registers revision 1 again.");
        }
        out.println(report.complete() ? "Stack " + report.stack() + " destroyed."
                : "Stack " + report.stack() + " partly destroyed: run berth destroy again once every host answers.");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
