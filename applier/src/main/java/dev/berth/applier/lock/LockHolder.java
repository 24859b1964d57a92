package dev.berth.applier.lock;

import dev.berth.planner.observed.BerthLabels;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a stack lock: the process that took it, kept in the lock container's labels so that
 * every machine can say who to ask and this machine can tell whether that process still runs.
 *
 * @param processStart when the holding process started, to tell a live holder from a reused pid;
 *                     null when the platform does not say
 * @param since        when the lock was taken
 * @param command      the berth command that took it ({@code apply}, {@code destroy}, ...)
 */
public record LockHolder(String user, String machine, long pid, Instant processStart, Instant since,
                         String command) {
    static final String USER = "berth.lock.user";
    static final String MACHINE = "berth.lock.machine";
    static final String PID = "berth.lock.pid";
    static final String PROCESS_START = "berth.lock.process-start";
    static final String SINCE = "berth.lock.since";
    static final String COMMAND = "berth.lock.command";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** This JVM, about to run {@code command}. */
    public static LockHolder thisProcess(String command, Clock clock) {
        ProcessHandle self = ProcessHandle.current();
        return new LockHolder(System.getProperty("user.name"), machineName(), self.pid(),
                self.info().startInstant().orElse(null), clock.instant(), command);
    }

    /** The name other processes on this machine see too; two machines with one name look like one. */
    static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "unknown-machine";
        }
    }

    Map<String, String> labels(String stack) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BerthLabels.STACK, stack);
        labels.put(BerthLabels.KIND, BerthLabels.KIND_LOCK);
        labels.put(USER, user);
        labels.put(MACHINE, machine);
        labels.put(PID, Long.toString(pid));
        if (processStart != null) {
            labels.put(PROCESS_START, processStart.toString());
        }
        labels.put(SINCE, since.toString());
        labels.put(COMMAND, command);
        return labels;
    }

    /** The holder a lock container's labels name; unreadable fields become unknown rather than failing. */
    static LockHolder fromLabels(Map<String, String> labels) {
        return new LockHolder(labels.getOrDefault(USER, "unknown"), labels.getOrDefault(MACHINE, "unknown"),
                number(labels.get(PID)), instant(labels.get(PROCESS_START)).orElse(null),
                instant(labels.get(SINCE)).orElse(Instant.EPOCH), labels.getOrDefault(COMMAND, "unknown"));
    }

    /**
     * Whether this holder is a process of this machine that no longer runs: gone, or its pid now
     * belongs to a process started at another time. Empty when the holder is alive or elsewhere.
     *
     * @return why the lock is stale, as "no longer running" or "pid reused by another process"
     */
    Optional<String> staleOnThisMachine() {
        if (!machine.equals(machineName())) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.of("no longer running");
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (processStart != null && started.isPresent() && !started.get().equals(processStart)) {
            return Optional.of("pid reused by another process");
        }
        return Optional.empty();
    }

    /**
     * Whether this holder is this very process (a long-running one, or a command run in a test's
     * JVM), which knows which of its locks it still holds.
     */
    boolean isThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return machine.equals(machineName()) && pid == self.pid()
                && (processStart == null || self.info().startInstant().map(processStart::equals).orElse(true));
    }

    /** {@code alice@ci-runner-3 since 12:03:04 (pid 4242, berth apply)}, the date added when not today. */
    public String describe(ZoneId zone, LocalDate today) {
        ZonedDateTime local = since.atZone(zone);
        String when = local.toLocalDate().equals(today) ? TIME.format(local) : DATE_TIME.format(local);
        return user + "@" + machine + " since " + when + " (pid " + pid + ", berth " + command + ")";
    }

    public String describe() {
        return describe(ZoneId.systemDefault(), LocalDate.now());
    }

    private static long number(String label) {
        try {
            return label == null ? 0 : Long.parseLong(label.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<Instant> instant(String label) {
        try {
            return label == null ? Optional.empty() : Optional.of(Instant.parse(label));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
