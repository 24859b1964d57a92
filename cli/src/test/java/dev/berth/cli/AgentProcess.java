package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code berth agent --format json} in its own JVM, as a user runs it, so that it can be killed
 * with SIGKILL; its events are collected as they come.
 */
final class AgentProcess implements AutoCloseable {
    /**
     * Until an agent says whether it leads: its JVM's start, and in a fresh clone the launcher's
     * first build of the jar, which the machine's load can stretch well past half a minute.
     */
    static final Duration STARTED = Duration.ofSeconds(120);

    private final Process process;
    private final List<JsonNode> events = new ArrayList<>();
    private final Path err;

    /** @param lease the lock lease, in seconds, the agent records (BERTH_LOCK_LEASE_SECONDS) */
    AgentProcess(Path dir, int lease, String... args) throws IOException {
        this(dir, lease, Map.of(), args);
    }

    /** @param env variables added to the agent's environment */
    AgentProcess(Path dir, int lease, Map<String, String> env, String... args) throws IOException {
        err = dir.resolve("agent-" + System.nanoTime() + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "agent", "--format", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().put("BERTH_LOCK_LEASE_SECONDS", Integer.toString(lease));
        builder.environment().putAll(env);
        process = builder.start();
        Thread.ofVirtual().start(this::read);
    }

    private void read() {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode event = json.readTree(line);
                synchronized (events) {
                    events.add(event);
                    events.notifyAll();
                }
            }
        } catch (IOException ended) {
            // The process was killed.
        }
    }

    /** The first event whose message matches, waiting for it at most {@code timeout}. */
    JsonNode await(Predicate<String> message, Duration timeout) throws InterruptedException {
        return await(event -> message.test(event.path("message").asText()), null, timeout);
    }

    private JsonNode await(Predicate<JsonNode> matches, JsonNode after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                // Events are compared by identity: two rounds may say the same words.
                boolean reached = after == null;
                for (JsonNode event : events) {
                    if (reached && matches.test(event)) {
                        return event;
                    }
                    reached |= event == after;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such event within " + timeout + "; events: " + messages());
                }
                events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The first event after {@code earlier} whose message matches, waiting for it at most {@code timeout}. */
    JsonNode awaitAfter(JsonNode earlier, Predicate<String> message, Duration timeout) throws InterruptedException {
        return await(event -> message.test(event.path("message").asText()), earlier, timeout);
    }

    boolean said(Predicate<String> message) {
        synchronized (events) {
            return events.stream().anyMatch(e -> message.test(e.path("message").asText()));
        }
    }

    List<String> messages() {
        synchronized (events) {
            return events.stream().map(e -> e.path("message").asText()).toList();
        }
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as systemd stops it: the agent lets its lease go. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    String stderr() {
        try {
            return java.nio.file.Files.readString(err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
