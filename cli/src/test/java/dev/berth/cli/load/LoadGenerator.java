package dev.berth.cli.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP GETs at a fixed rate over keep-alive connections, for as long as it runs (bounded by a
 * deadline), counting every request that fails: a status other than 2xx, a connection refused or
 * reset, a timeout. A request whose connection the server closed before any byte of the response
 * (an idle keep-alive connection closed under it) is sent again once on a new connection, as HTTP
 * clients do for idempotent requests (RFC 9112, 9.3.1), and counted as retried, not failed.
 * Sends only to the address it is given; tests give loopback or the test hosts' own addresses.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final String path;
    private final int connections;
    private final long intervalNanos;
    private final long deadline;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicLong firstFailure = new AtomicLong();
    private final AtomicLong lastFailure = new AtomicLong();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
    private final long[] latencies;
    private final AtomicInteger recorded = new AtomicInteger();

    /**
     * @param rate        requests per second, over all connections
     * @param connections keep-alive connections, each sending its share in turn
     * @param limit       how long it may run at most; it stops by itself then
     */
    public LoadGenerator(String host, int port, String path, int rate, int connections, Duration limit) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.connections = connections;
        this.intervalNanos = 1_000_000_000L * connections / rate;
        this.deadline = System.nanoTime() + limit.toNanos();
        this.latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) rate * limit.toSeconds() + 1000)];
    }

    /** What a run sent and how it went. */
    public record Report(int sent, int failed, int retried, Map<String, Integer> failures, Duration failingFor,
                         double p50Millis, double p99Millis, Map<String, Integer> answeredBy) {
        /** Counts, latencies and failures, without who answered. */
        public String summary() {
            return "%d sent, %d failed, %d retried on a closed idle connection, p50 %.2f ms, p99 %.2f ms%s".formatted(
                    sent, failed, retried, p50Millis, p99Millis, failures.isEmpty() ? "" : ", failures " + failures
                            + " over " + failingFor.toMillis() + " ms");
        }

        @Override
        public String toString() {
            return summary() + (answeredBy.isEmpty() ? "" : ", answered by " + answeredBy);
        }
    }

    public LoadGenerator start() {
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            long offset = intervalNanos * i / connections;
            threads.add(Thread.ofPlatform().daemon().name("load-" + i).start(() -> connection(start + offset)));
        }
        return this;
    }

    /** Stops sending, waits for the requests under way, and reports. */
    public Report stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TIMEOUT.plusSeconds(1).toMillis());
        }
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        Map<String, Integer> reasons = new TreeMap<>();
        failures.forEach((reason, count) -> reasons.put(reason, count.get()));
        Map<String, Integer> by = new TreeMap<>();
        answeredBy.forEach((body, count) -> by.put(body, count.get()));
        Duration failing = failed.get() == 0 ? Duration.ZERO : Duration.ofNanos(lastFailure.get() - firstFailure.get());
        return new Report(sent.get(), failed.get(), retried.get(), reasons, failing, percentile(sorted, 0.50),
                percentile(sorted, 0.99), by);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void connection(long first) {
        Connection connection = null;
        long next = first;
        while (running.get() && System.nanoTime() < deadline) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            next += intervalNanos;
            sent.incrementAndGet();
            long began = System.nanoTime();
            try {
                if (connection == null) {
                    connection = new Connection(host, port);
                }
                Response response;
                try {
                    response = connection.get(path);
                } catch (ClosedBeforeResponse idleClosed) {
                    retried.incrementAndGet();
                    connection.close();
                    connection = new Connection(host, port);
                    response = connection.get(path);
                }
                if (response.status() / 100 != 2) {
                    fail("HTTP " + response.status());
                } else {
                    record(System.nanoTime() - began);
                    answeredBy.computeIfAbsent(response.body().strip(), b -> new AtomicInteger()).incrementAndGet();
                }
                if (!response.keepAlive()) {
                    connection.close();
                    connection = null;
                }
            } catch (IOException e) {
                fail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                if (connection != null) {
                    connection.close();
                }
                connection = null;
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    private void fail(String reason) {
        long now = System.nanoTime();
        if (failed.getAndIncrement() == 0) {
            firstFailure.set(now);
        }
        lastFailure.set(now);
        failures.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    }

    private void record(long nanos) {
        int i = recorded.getAndIncrement();
        if (i < latencies.length) {
            latencies[i] = nanos;
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1_000_000.0;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Response(int status, boolean keepAlive, String body) {
    }

    /** The server closed the connection before a byte of the response came: the request may go again. */
    private static final class ClosedBeforeResponse extends IOException {
        ClosedBeforeResponse() {
            super("closed before the response");
        }
    }

    /** One keep-alive HTTP/1.1 connection. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String hostHeader;
        /** Responses read on it: a reused connection the server closed fails before any byte comes back. */
        private int served;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            hostHeader = host + ":" + port;
        }

        Response get(String path) throws IOException {
            String status;
            try {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                status = line(true);
            } catch (ClosedBeforeResponse closed) {
                throw closed;
            } catch (SocketTimeoutException slow) {
                throw slow;
            } catch (IOException e) {
                if (served > 0) {
                    throw new ClosedBeforeResponse();
                }
                throw e;
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            int length = -1;
            boolean close = status.startsWith("HTTP/1.0");
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).strip());
                } else if (lower.startsWith("connection:")) {
                    close = lower.contains("close");
                }
            }
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            served++;
            return new Response(code, !close && length >= 0, new String(body, StandardCharsets.UTF_8));
        }

        /** @param first whether this is the status line: nothing at all there means the idle connection was closed */
        private String line(boolean first) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    return line.toString(StandardCharsets.US_ASCII).stripTrailing();
                }
                line.write(c);
            }
            if (first && line.size() == 0 && served > 0) {
                throw new ClosedBeforeResponse();
            }
            throw new IOException("connection closed in the middle of a response");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a broken connection: nothing left to do with it.
            }
        }
    }

    /** {@code LoadGenerator HOST PORT PATH RATE CONNECTIONS SECONDS}: runs for SECONDS and prints the report. */
    public static void main(String[] args) throws InterruptedException {
        LoadGenerator load = new LoadGenerator(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Duration.ofSeconds(Long.parseLong(args[5]) + 10)).start();
        Thread.sleep(Duration.ofSeconds(Long.parseLong(args[5])));
        System.out.println(load.stop());
    }
}
