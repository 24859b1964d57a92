package dev.berth.applier.testing;

import dev.berth.applier.docker.DockerEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The local engine behind a socket that holds back the requests a test names, as a loaded engine
 * or a slow link does: such a request reaches the engine, and is carried out, only after the
 * delay, whatever the client has given up on meanwhile.
 */
public final class SlowEngine implements AutoCloseable {
    private final Path socket;
    private final Path engine;
    private final Predicate<String> slow;
    private final Duration delay;
    private final ServerSocketChannel server;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private int held;

    public SlowEngine(Path dir, Predicate<String> slow, Duration delay) {
        DockerEndpoint local = DockerEndpoint.defaultEndpoint(Map.copyOf(System.getenv()));
        if (!"unix".equals(local.uri().getScheme())) {
            throw new IllegalStateException("SlowEngine needs the local engine on a unix socket, not " + local);
        }
        this.engine = Path.of(local.uri().getPath());
        this.socket = dir.resolve("slow-engine.sock");
        this.slow = slow;
        this.delay = delay;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("slow-engine-accept").start(this::accept);
    }

    public DockerEndpoint endpoint() {
        return DockerEndpoint.parse("unix://" + socket, Map.of());
    }

    /** Waits until the engine has answered every request held back (the client may be gone). */
    public synchronized void awaitHeld() throws InterruptedException {
        while (held > 0) {
            wait();
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                Connection connection = new Connection(server.accept(),
                        SocketChannel.open(UnixDomainSocketAddress.of(engine)));
                connections.add(connection);
                Thread.ofVirtual().start(connection::requests);
                Thread.ofVirtual().start(connection::responses);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private synchronized void hold(int change) {
        held += change;
        notifyAll();
    }

    /**
     * One client connection. A client that gives up closes its side; the engine's side stays open
     * until the engine answers, so that a request passed on late is carried out, as one already
     * on the wire would be.
     */
    private final class Connection {
        private final SocketChannel client;
        private final SocketChannel upstream;
        private boolean awaitingAnswer;

        Connection(SocketChannel client, SocketChannel upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void requests() {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (client.read(buffer) >= 0) {
                    buffer.flip();
                    if (slow.test(StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString())) {
                        synchronized (this) {
                            awaitingAnswer = true;
                        }
                        hold(1);
                        Thread.sleep(delay);
                    }
                    while (buffer.hasRemaining()) {
                        upstream.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException | InterruptedException closed) {
                // The engine went away; responses() ends too.
            }
        }

        void responses() {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try (client; upstream) {
                while (upstream.read(buffer) >= 0) {
                    answered();
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        client.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException clientGone) {
                // Closing the engine's side now: the answer it waited for has come.
            } finally {
                answered();
                connections.remove(this);
            }
        }

        private void answered() {
            synchronized (this) {
                if (!awaitingAnswer) {
                    return;
                }
                awaitingAnswer = false;
            }
            hold(-1);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Connection connection : connections) {
            connection.client.close();
            connection.upstream.close();
        }
    }
}
