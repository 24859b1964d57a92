package dev.berth.applier.docker;

import dev.berth.schema.source.Echo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An ssh:// engine reached as the docker CLI reaches it: each connection to a private unix socket
 * (in a directory only this user can enter) is one {@code ssh HOST docker system dial-stdio} of the
 * system's ssh client, so ~/.ssh/config, the agent and known_hosts apply as they do for docker.
 * The sessions share one authenticated connection, an OpenSSH ControlMaster this tunnel starts
 * before the first one and ends when it is closed; a login costs a key exchange and a shell, half
 * a second or more, and docker-java opens several connections at once. Should berth die without
 * closing it, the master ends by itself {@link #PERSIST} after its last session.
 */
final class SshTunnel implements AutoCloseable {
    /** Extra ssh arguments (split at white space), e.g. {@code -F FILE} or {@code -i KEY}. */
    static final String OPTIONS_VARIABLE = "BERTH_SSH_OPTS";
    /** TCP connect and the ssh handshake; without it an unreachable host costs the system's minutes. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Sessions per engine: sshd's MaxSessions allows 10 on one connection by default, and a session
     * beyond it would be refused rather than wait.
     */
    static final int MAX_SESSIONS = 8;
    private static final Duration PERSIST = Duration.ofSeconds(10);
    /** After a failed login, connections fail at once for this long instead of each trying again. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final int BUFFER = 64 * 1024;

    private final DockerEndpoint endpoint;
    private final List<String> options;
    private final Path directory;
    private final Path socket;
    private final Path control;
    private final ServerSocketChannel server;
    private final Set<Process> sessions = ConcurrentHashMap.newKeySet();
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Object login = new Object();
    private volatile String failure;
    private long failedAt;
    private volatile boolean closed;

    /** @param env where {@value #OPTIONS_VARIABLE} is read */
    SshTunnel(DockerEndpoint endpoint, Map<String, String> env) {
        if (!endpoint.ssh()) {
            throw new IllegalArgumentException("not an ssh:// endpoint: " + endpoint);
        }
        this.endpoint = endpoint;
        String extra = env.getOrDefault(OPTIONS_VARIABLE, "").strip();
        this.options = extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
        try {
            directory = Files.createTempDirectory("berth-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            socket = directory.resolve("docker.sock");
            control = directory.resolve("master");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a local socket for " + endpoint, e);
        }
        Thread.ofVirtual().name("berth-ssh-accept").start(this::accept);
    }

    /** The socket docker-java connects to, as a unix:// endpoint. */
    URI socket() {
        return URI.create("unix://" + socket);
    }

    /** Why the last connection failed, in ssh's words; null while the last one worked. */
    Failure failure(Throwable cause) {
        String reason = failure;
        return reason == null ? null : new Failure(reason, cause);
    }

    private void accept() {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (IOException closedOrBroken) {
                return;
            }
            connections.add(connection);
            Thread.ofVirtual().name("berth-ssh-session").start(() -> serve(connection));
        }
    }

    private void serve(SocketChannel connection) {
        Process ssh = null;
        try {
            if (!loggedIn()) {
                return;
            }
            ssh = new ProcessBuilder(ssh("-o", "ControlMaster=no", "--", host(), "docker", "system", "dial-stdio"))
                    .start();
            sessions.add(ssh);
            Process session = ssh;
            CompletableFuture<String> said = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> said.complete(lastLine(session.getErrorStream())));
            Thread upstream = Thread.ofVirtual().start(() -> toProcess(connection, session.getOutputStream()));
            if (fromProcess(session.getInputStream(), connection)) {
                failure = null;
                connection.shutdownOutput();
                session.waitFor();
            } else {
                // Nothing came back: say why before the client sees the connection close.
                session.waitFor();
                if (session.exitValue() != 0) {
                    failure = reason(said.completeOnTimeout("", 1, TimeUnit.SECONDS).join(), session.exitValue());
                }
            }
            connection.close();
            upstream.join();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            if (ssh != null) {
                ssh.destroy();
                sessions.remove(ssh);
            }
            closeQuietly(connection);
            connections.remove(connection);
        }
    }

    /** Whether the master is up, starting it if need be; at most one login at a time. */
    private boolean loggedIn() throws IOException, InterruptedException {
        synchronized (login) {
            if (Files.exists(control)) {
                return true;
            }
            if (failure != null && System.nanoTime() - failedAt < RETRY_AFTER.toNanos()) {
                return false;
            }
            Path log = directory.resolve("master.log");
            // -N with ControlPersist: ssh logs in, forks the master into the background and exits 0,
            // or exits 255 with the reason on stderr.
            Process master;
            try {
                master = new ProcessBuilder(ssh("-o", "ControlMaster=yes",
                        "-o", "ControlPersist=" + PERSIST.toSeconds() + "s", "-N", "--", host()))
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(log.toFile()).start();
            } catch (IOException e) {
                failure = "cannot run ssh, which ssh:// endpoints need (Debian: apt-get install openssh-client): "
                        + e.getMessage();
                failedAt = System.nanoTime();
                return false;
            }
            boolean ended = master.waitFor(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            if (ended && master.exitValue() == 0 && Files.exists(control)) {
                failure = null;
                return true;
            }
            master.destroyForcibly();
            String said;
            try (InputStream in = Files.newInputStream(log)) {
                said = lastLine(in);
            }
            failure = ended ? reason(said, master.exitValue())
                    : "ssh: no login within " + (CONNECT_TIMEOUT.toSeconds() + 5) + " s";
            failedAt = System.nanoTime();
            return false;
        }
    }

    /** ssh's words, prefixed "ssh: " unless ssh did so itself (it does for connection errors). */
    private static String reason(String said, int status) {
        if (said.isBlank()) {
            return "ssh exited with status " + status;
        }
        return (said.startsWith("ssh: ") ? "" : "ssh: ") + Echo.printable(said);
    }

    /**
     * The ssh command line: berth's own options first, since ssh keeps the first value it reads of
     * each, then {@value #OPTIONS_VARIABLE}, then defaults those may change.
     */
    private List<String> ssh(String... rest) {
        List<String> command = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes",
                "-o", "ControlPath=" + control));
        command.addAll(options);
        command.addAll(List.of("-o", "ConnectTimeout=" + CONNECT_TIMEOUT.toSeconds()));
        URI uri = endpoint.uri();
        if (uri.getUserInfo() != null) {
            command.addAll(List.of("-l", uri.getUserInfo()));
        }
        if (uri.getPort() != -1) {
            command.addAll(List.of("-p", String.valueOf(uri.getPort())));
        }
        command.addAll(List.of(rest));
        return command;
    }

    /** The host as ssh takes it: an IPv6 address without the brackets a URI puts around it. */
    private String host() {
        String host = endpoint.uri().getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static void toProcess(SocketChannel from, OutputStream to) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (to) {
            while (from.read(buffer) != -1) {
                to.write(buffer.array(), 0, buffer.position());
                to.flush();
                buffer.clear();
            }
        } catch (IOException closed) {
            // Either side went away; closing ssh's stdin (above) ends the remote dial-stdio.
        }
    }

    /** Copies until ssh's output ends; whether anything came. */
    private static boolean fromProcess(InputStream from, SocketChannel to) {
        byte[] buffer = new byte[BUFFER];
        boolean any = false;
        try {
            for (int n; (n = from.read(buffer)) != -1; ) {
                any = true;
                ByteBuffer out = ByteBuffer.wrap(buffer, 0, n);
                while (out.hasRemaining()) {
                    to.write(out);
                }
            }
        } catch (IOException closed) {
            // The client closed its end; the session ends with it.
        }
        return any;
    }

    private static String lastLine(InputStream in) {
        String last = "";
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    last = line.strip();
                }
            }
        } catch (IOException gone) {
            // What was read so far is all ssh said.
        }
        return last;
    }

    /** Ends the sessions and the master, and removes the socket's directory. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        connections.forEach(SshTunnel::closeQuietly);
        for (Process session : sessions) {
            session.destroy();
            session.onExit().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> session).join();
        }
        synchronized (login) {
            if (Files.exists(control)) {
                try {
                    Process exit = new ProcessBuilder(ssh("-O", "exit", "--", host()))
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    exit.waitFor(5, TimeUnit.SECONDS);
                    // The master removes its socket as it ends: wait for that, so none outlives berth.
                    for (int i = 0; i < 100 && Files.exists(control); i++) {
                        Thread.sleep(20);
                    }
                } catch (IOException e) {
                    // No ssh to ask: the master still ends by itself after ControlPersist.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only a private temporary directory is left behind.
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing on the way out: nothing else to do with it.
        }
    }

    /** An ssh connection that did not work, in ssh's own words (its last line on stderr). */
    static final class Failure extends RuntimeException {
        Failure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
