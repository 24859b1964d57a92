package dev.berth.cli;

import dev.berth.applier.agent.install.AgentImage;
import dev.berth.applier.agent.install.AgentInstallException;
import dev.berth.applier.agent.install.AgentStatus;
import dev.berth.applier.agent.install.BerthPackage;
import dev.berth.applier.agent.install.InstalledAgents;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.observe.ApplyRecords;
import dev.berth.cli.render.AgentStatusRenderer;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Stack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code berth agent --install}, {@code --uninstall} and {@code --status}: the CLI's side of
 * {@link InstalledAgents}, which finds the stack, says what happened and picks the exit code.
 */
final class AgentInstallation {
    private final DockerClients clients;
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;

    AgentInstallation(DockerClients clients, Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.clients = clients;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** @param flags the agent's own flags, passed to the installed agent as they are */
    int install(String stackArgument, List<DockerEndpoint> given, List<String> flags) {
        Stack stack = stack(stackArgument, given, true);
        if (stack.taskDefinitions().values().stream().anyMatch(EnvironmentFiles::uses)) {
            // Its tasks would start without the files' variables, and their changes would go unseen.
            throw new UserError("cannot install the agent of stack " + stack.stack() + ": it reads environmentFiles, "
                    + "which the agent does not read (berth apply does); nothing was changed");
        }
        BerthPackage berth = BerthPackage.running(version()).orElseThrow(() -> new UserError(
                "berth agent --install makes the agent's image from the berth package it runs from (its runtime "
                        + "and jar), and this berth runs on the Java at " + System.getProperty("java.home")
                        + ": build the package with scripts/package and run its bin/berth"));
        long started = System.nanoTime();
        AgentImage image = AgentImage.of(berth);
        List<InstalledAgents.Installed> installed = refusals(() -> new InstalledAgents(clients, env).install(stack,
                image, flags, notice -> {
                    err.println("berth: " + notice);
                    err.flush();
                }));
        for (InstalledAgents.Installed agent : installed) {
            out.println(agent.host() + ": " + agent.container() + " " + switch (agent.change()) {
                case installed -> "installed";
                case replaced -> "replaced (its image, flags or environment changed)";
                case started -> "started (it was stopped)";
                case unchanged -> "unchanged";
                case removed -> "removed (no longer on one of the stack's first " + InstalledAgents.HOSTS + " hosts)";
            } + (agent.imageSent() ? ", image " + image.name() + " sent" : ""));
        }
        long running = installed.stream().filter(a -> a.change() != InstalledAgents.Installed.Change.removed).count();
        out.println("The agent of stack " + stack.stack() + " runs on " + running + " host"
                + (running == 1 ? "" : "s") + " (" + image.name() + ", "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms); berth agent --status "
                + stack.stack() + " shows which leads.");
        out.flush();
        return ExitCodes.OK;
    }

    int uninstall(String stackArgument, List<DockerEndpoint> given) {
        Stack stack = stack(stackArgument, given, false);
        List<InstalledAgents.Removed> removed = refusals(() -> new InstalledAgents(clients, env).uninstall(stack));
        removed.forEach(agent -> out.println(agent.host() + ": removed " + agent.container()));
        out.println(removed.isEmpty() ? "No agent of stack " + stack.stack() + " is installed."
                : "The agent of stack " + stack.stack() + " is uninstalled.");
        out.flush();
        return ExitCodes.OK;
    }

    int status(String stackArgument, List<DockerEndpoint> given, boolean json) {
        Stack stack = stack(stackArgument, given, false);
        AgentStatus status = new InstalledAgents(clients, env).status(stack);
        AgentStatusRenderer renderer = new AgentStatusRenderer(ZoneId.systemDefault());
        out.print(json ? renderer.json(status) : renderer.text(status));
        out.flush();
        return status.unreachable().isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    /**
     * The stack as its last apply recorded it, from a stack file's hosts or the given engines.
     * Without a record a stack file still names the hosts to look at, where agents may be left.
     *
     * @param recorded whether only a recorded stack will do (the agent enforces the record)
     */
    private Stack stack(String argument, List<DockerEndpoint> given, boolean recorded) {
        Optional<Stack> file = AgentCommand.stackFile(argument, env);
        String name = file.map(Stack::stack).orElse(argument);
        List<DockerEndpoint> engines = file.map(s -> AgentCommand.engines(s, env)).orElse(given);
        Optional<ApplyRecords.Applied> applied = ApplyRecords.applied(name, clients, engines);
        if (applied.isPresent()) {
            return applied.get().stack();
        }
        if (file.isPresent() && !recorded) {
            return file.get();
        }
        List<String> silent = new ArrayList<>();
        for (DockerEndpoint engine : engines) {
            try {
                clients.client(engine).pingCmd().exec();
            } catch (RuntimeException unreachable) {
                silent.add(engine + " did not answer (" + EngineFailures.describe(unreachable) + ")");
            }
        }
        if (!silent.isEmpty()) {
            throw new UserError("cannot look for stack " + name + ": " + String.join("; ", silent));
        }
        throw new UserError(file.isPresent()
                ? "stack " + name + " has no apply recorded on its hosts " + engines + ": apply it first (the agent "
                        + "keeps the stack as its last apply recorded it)"
                : "no apply of stack " + name + " is recorded on " + engines + ": apply it first, or give its stack "
                        + "file (or --endpoint) to say where it runs");
    }

    private static <T> T refusals(Supplier<T> step) {
        try {
            return step.get();
        } catch (AgentInstallException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private static String version() {
        try {
            return BerthCommand.Version.number();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
