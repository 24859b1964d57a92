package dev.berth.cli;

import dev.berth.applier.agent.AgentEndpoint;
import dev.berth.applier.agent.AgentMetrics;
import dev.berth.applier.agent.AgentSettings;
import dev.berth.applier.agent.StackAgent;
import dev.berth.applier.apply.ApplyUseCase;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.observe.ApplyRecords;
import dev.berth.applier.task.DockerTaskRuntime;
import dev.berth.cli.progress.ProgressFormat;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs the service scheduler in the foreground until it is stopped. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Keep stacks running as their last apply recorded them on the hosts: replace tasks that "
                + "stop or turn unhealthy, replace the tasks of a host that stays away, and back off a service "
                + "that keeps failing. Needs no stack file: the record on any host names the rest.",
                "One agent per stack acts (the others wait and take over when it dies); it never acts while "
                        + "an apply, rollback or destroy holds the stack's lock. Runs until stopped (SIGTERM, "
                        + "Ctrl-C).",
                "With --install it runs instead as a container on up to two of the stack's hosts, from an image "
                        + "made of this berth package, and keeps running there without this machine."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped; --install, --uninstall: done; --status: every host answered",
                "1:error (bad arguments, no stack to watch, a host did not answer: --install and --uninstall "
                        + "then change nothing)"})
public final class AgentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STACK", arity = "0..*",
            description = "A stack's name as recorded on the --endpoint engines, or a stack file or directory "
                    + "(only its name and hosts are read). None: every stack recorded on the endpoints.")
    List<String> stacks = new ArrayList<>();

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "An engine to find stack records on (repeatable; default: DOCKER_HOST, else the local "
                    + "socket).")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "Longest wait between two full observations; engine events wake it sooner "
                    + "(default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--lost-host-grace", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long a host may not answer before its tasks are replaced on the others "
                    + "(default: ${DEFAULT-VALUE}).")
    int lostHostGrace;

    @Option(names = "--restart-delay", defaultValue = "10", paramLabel = "SECONDS",
            description = "Wait before replacing a failing service's tasks a second time in a row; it doubles "
                    + "each further time (default: ${DEFAULT-VALUE}).")
    int restartDelay;

    @Option(names = "--restart-delay-max", defaultValue = "300", paramLabel = "SECONDS",
            description = "The longest such wait; a service that runs this long without failing starts afresh "
                    + "(default: ${DEFAULT-VALUE}).")
    int restartDelayMax;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9799", paramLabel = "HOST:PORT",
            description = "Where to serve /metrics (Prometheus text format), /healthz and a status page at / "
                    + "(default: ${DEFAULT-VALUE}; port 0 picks a free one; 'off' serves nothing).")
    String listen;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Events: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: one timestamped line per "
                    + "event; json: one JSON object per event and line). With --status: the report as text or "
                    + "a JSON document.")
    ProgressFormat format;

    @CommandLine.ArgGroup(exclusive = true, heading = "%nInstalled on the stack's hosts (one STACK):%n")
    Installation installation;

    /** Instead of running here: the agent as containers on the stack's hosts. */
    static final class Installation {
        @Option(names = "--install", required = true,
                description = "Run the agent of STACK as a container (restart policy unless-stopped, the host's "
                        + "network and process ids) on the first two of its hosts, from an image made of this "
                        + "berth package and loaded without a registry; the flags above are passed to it. "
                        + "Again: replaces a container whose image, flags or environment changed, else nothing.")
        boolean install;

        @Option(names = "--uninstall", required = true,
                description = "Stop and remove the agent containers of STACK, and their image once unused.")
        boolean uninstall;

        @Option(names = "--status", required = true,
                description = "Show the agent containers of STACK (host, state, since, restarts, image) and which "
                        + "agent leads it; --format json for a document.")
        boolean status;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        AgentSettings settings = settings();
        Map<String, String> env = System.getenv();
        if (installation != null) {
            return installed(env);
        }
        AgentMetrics metrics = new AgentMetrics();
        ApplyListener printed = format.listener(spec.commandLine().getOut(), false, false);
        // The status page lists what the agent said, as it said it.
        ApplyListener listener = event -> {
            printed.on(event);
            metrics.on(event);
        };
        ApplyUseCase.Settings applySettings = new ApplyUseCase.Settings(env,
                DockerTaskRuntime.DEFAULT_PERMITS_PER_HOST, Engines.lease(env), EnvironmentFiles.NONE);
        InetSocketAddress address = address();
        try (DockerClients clients = new DockerClients()) {
            Map<String, List<DockerEndpoint>> watched = watched(clients, env);
            AgentEndpoint endpoint = serve(address, metrics, List.copyOf(watched.keySet()), settings, listener);
            List<StackAgent> agents = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            watched.forEach((stack, seeds) -> {
                StackAgent agent = new StackAgent(stack, seeds, clients, settings, applySettings, listener, metrics,
                        Clock.systemUTC());
                agents.add(agent);
                threads.add(Thread.ofVirtual().name("berth-agent-" + stack).start(agent::run));
            });
            Thread stopping = new Thread(() -> agents.forEach(StackAgent::stop), "berth-agent-stop");
            Runtime.getRuntime().addShutdownHook(stopping);
            for (Thread thread : threads) {
                thread.join();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            return ExitCodes.OK;
        }
    }

    /** The --listen address, or null for off. */
    private InetSocketAddress address() {
        if (listen.equals("off")) {
            return null;
        }
        int colon = listen.lastIndexOf(':');
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(listen.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen " + listen
                    + " is not HOST:PORT (for example 127.0.0.1:9799) or off");
        }
    }

    /** The endpoint, or null when off or the address is taken: the agent's work does not depend on it. */
    private static AgentEndpoint serve(InetSocketAddress address, AgentMetrics metrics, List<String> stacks,
                                       AgentSettings settings, ApplyListener listener) {
        if (address == null) {
            return null;
        }
        try {
            // A round takes longer than the interval when it repairs: allow a few, and a slow deployment.
            AgentEndpoint endpoint = new AgentEndpoint(address, metrics, stacks,
                    settings.interval().multipliedBy(3).plusMinutes(5), Clock.systemUTC());
            InetSocketAddress bound = endpoint.address();
            listener.on(new ApplyEvent(Instant.now(), ApplyEvent.Type.info, null, "serving http://"
                    + bound.getHostString() + ":" + bound.getPort() + "/metrics, /healthz and a status page at /",
                    null));
            return endpoint;
        } catch (IOException e) {
            listener.on(new ApplyEvent(Instant.now(), ApplyEvent.Type.info, null,
                    "not serving /metrics, /healthz or the status page on " + address + ": " + e.getMessage(), null));
            return null;
        }
    }

    private AgentSettings settings() {
        if (interval < 1 || lostHostGrace < 0 || restartDelay < 0 || restartDelayMax < restartDelay) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be at least 1 s, "
                    + "--lost-host-grace and --restart-delay at least 0, and --restart-delay-max at least "
                    + "--restart-delay");
        }
        return new AgentSettings(Duration.ofSeconds(interval), Duration.ofSeconds(lostHostGrace),
                Duration.ofSeconds(restartDelay), Duration.ofSeconds(restartDelayMax));
    }

    /** --install, --uninstall or --status; the agent's flags are checked as for a run here. */
    private int installed(Map<String, String> env) {
        if (stacks.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--install, --uninstall and --status take one STACK");
        }
        address();
        try (DockerClients clients = new DockerClients()) {
            AgentInstallation agents = new AgentInstallation(clients, env, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            String stack = stacks.getFirst();
            if (installation.status) {
                return agents.status(stack, given(env), format == ProgressFormat.json);
            }
            if (installation.uninstall) {
                return agents.uninstall(stack, given(env));
            }
            return agents.install(stack, given(env), List.of("--interval", Integer.toString(interval),
                    "--lost-host-grace", Integer.toString(lostHostGrace), "--restart-delay",
                    Integer.toString(restartDelay), "--restart-delay-max", Integer.toString(restartDelayMax),
                    "--listen", listen, "--format", format.name()));
        }
    }

    /** The stack in a stack file, when {@code argument} names one; empty for a stack's name. */
    static Optional<Stack> stackFile(String argument, Map<String, String> env) {
        Path path = Path.of(argument);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        LoadedStack loaded = StackLoader.load(path, VariableInputs.fromEnvironment(Map.of(), List.of(), env));
        if (!loaded.valid()) {
            throw new UserError(argument + " is not a valid stack; run berth validate " + argument);
        }
        LoadedStack resolved = HostEndpoints.check(loaded, env);
        if (!resolved.valid()) {
            throw UserError.preformatted(DiagnosticFormat.text.format(resolved.errors()));
        }
        return Optional.of(loaded.canonical());
    }

    /** The engines of the stack's hosts, each once: where its record is looked for. */
    static List<DockerEndpoint> engines(Stack stack, Map<String, String> env) {
        return List.copyOf(ClusterHosts.byEngine(new ClusterHosts(env).of(stack)).keySet());
    }

    /** Each stack to watch, with the engines its record is looked for on. */
    private Map<String, List<DockerEndpoint>> watched(DockerClients clients, Map<String, String> env) {
        List<DockerEndpoint> given = given(env);
        Map<String, List<DockerEndpoint>> watched = new LinkedHashMap<>();
        for (String stack : stacks) {
            Optional<Stack> file = stackFile(stack, env);
            if (file.isPresent()) {
                watched.put(file.get().stack(), engines(file.get(), env));
            } else {
                watched.put(stack, given);
            }
        }
        if (stacks.isEmpty()) {
            for (DockerEndpoint engine : given) {
                try {
                    ApplyRecords.stacks(clients.client(engine)).forEach(name -> watched.put(name, given));
                } catch (RuntimeException unreachable) {
                    throw new UserError("cannot list the stacks recorded on " + engine + ": "
                            + EngineFailures.describe(unreachable));
                }
            }
            if (watched.isEmpty()) {
                throw new UserError("no stack is recorded on " + given + ": apply one, or name it");
            }
        }
        return watched;
    }

    /** The --endpoint engines: DOCKER_HOST, else the local socket, when none is given. */
    private List<DockerEndpoint> given(Map<String, String> env) {
        List<DockerEndpoint> given = new ArrayList<>();
        for (String endpoint : endpoints) {
            try {
                given.add(DockerEndpoint.parse(endpoint, env));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--endpoint " + endpoint + ": "
                        + e.getMessage());
            }
        }
        if (given.isEmpty()) {
            given.add(DockerEndpoint.defaultEndpoint(env));
        }
        return given;
    }
}
