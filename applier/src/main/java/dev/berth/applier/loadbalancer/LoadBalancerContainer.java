package dev.berth.applier.loadbalancer;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.ContainerExec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One running HAProxy container of a load balancer, reached through the Engine API only: its files
 * are written with an archive upload, its admin socket is spoken to by {@code socat} in a
 * {@code docker exec}, so a remote {@code tcp://} host works exactly like the local one.
 */
public final class LoadBalancerContainer {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);

    private final DockerClient client;
    private final String id;

    public LoadBalancerContainer(DockerClient client, String id) {
        this.client = client;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * One server of a backend as {@code show stat} reports it.
     *
     * @param address its address and port ({@code 10.0.0.3:32768})
     */
    public record Stat(String backend, String server, String address, String status, String check, int sessions,
                       long requests) {
    }

    /** What the observer reads: the configuration it runs, and every server of it. */
    public record Snapshot(String specHash, List<Stat> stats) {
    }

    /**
     * Sends commands to the admin socket, several separated by {@code ;} on one line, which HAProxy
     * runs one after the other.
     *
     * @throws IllegalStateException when the socket cannot be reached
     */
    public String send(String commands) {
        ContainerExec.Result result = ContainerExec.run(client, id, List.of("sh", "-c",
                "printf '%s\\n' \"$1\" | socat -t 5 stdio unix-connect:" + HaproxyConfig.ADMIN_SOCKET, "sh", commands),
                COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException("the admin socket of load balancer container " + id + " did not answer: "
                    + result.stderr().strip());
        }
        return result.stdout();
    }

    public Snapshot snapshot() {
        ContainerExec.Result result = ContainerExec.run(client, id, List.of("sh", "-c",
                "cat " + HaproxyConfig.SPEC_HASH_FILE + "; echo; echo 'show stat' | socat -t 5 stdio unix-connect:"
                        + HaproxyConfig.ADMIN_SOCKET), COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException("load balancer container " + id + " could not be read: "
                    + result.stderr().strip());
        }
        String out = result.stdout();
        int newline = out.indexOf('\n');
        return new Snapshot(newline < 0 ? out.strip() : out.substring(0, newline).strip(),
                stats(newline < 0 ? "" : out.substring(newline + 1)));
    }

    public List<Stat> stats() {
        return stats(send("show stat"));
    }

    /** The CSV of {@code show stat}, by its header's column names; servers only. */
    static List<Stat> stats(String csv) {
        List<Stat> stats = new ArrayList<>();
        Map<String, Integer> column = new HashMap<>();
        for (String line : csv.split("\n")) {
            if (line.startsWith("# ")) {
                String[] names = line.substring(2).split(",");
                for (int i = 0; i < names.length; i++) {
                    column.put(names[i], i);
                }
                continue;
            }
            String[] f = line.split(",", -1);
            if (column.isEmpty() || f.length < column.size() - 1) {
                continue;
            }
            String server = f[column.get("svname")];
            if (server.equals("FRONTEND") || server.equals("BACKEND")) {
                continue;
            }
            String check = (f[column.get("check_status")] + " " + f[column.get("check_code")]).strip();
            // HTTP servers count requests (several per session with keep-alive); TCP ones count sessions.
            String requests = column.containsKey("req_tot") ? f[column.get("req_tot")] : "";
            String address = column.containsKey("addr") ? f[column.get("addr")] : "";
            stats.add(new Stat(f[column.get("pxname")], server, address, f[column.get("status")], check,
                    (int) number(f[column.get("scur")]), requests.isEmpty() ? number(f[column.get("stot")]) : number(requests)));
        }
        return stats;
    }

    /** Writes files into the container (a tar uploaded through the Engine API), private ones readable by root only. */
    public void write(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey().substring(1));
                entry.setSize(file.getValue().length);
                entry.setMode(file.getKey().endsWith(".pem") ? 0600 : 0644);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("packing files for load balancer container " + id, e);
        }
        client.copyArchiveToContainerCmd(id).withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(bytes.toByteArray())).exec();
    }

    public String read(String path) {
        ContainerExec.Result result = ContainerExec.run(client, id, List.of("cat", path), COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException("cannot read " + path + " in load balancer container " + id + ": "
                    + result.stderr().strip());
        }
        return result.stdout();
    }

    /**
     * Checks a configuration with {@code haproxy -c} before it is used, so a reload never leaves a
     * load balancer without one.
     *
     * @return HAProxy's complaint, empty when the configuration is valid
     */
    public Optional<String> check(String config) {
        String candidate = "/tmp/berth-candidate.cfg";
        write(Map.of(candidate, config.getBytes(StandardCharsets.UTF_8)));
        ContainerExec.Result result = ContainerExec.run(client, id, List.of("haproxy", "-c", "-q", "-f", candidate),
                COMMAND_TIMEOUT);
        return result.ok() ? Optional.empty() : Optional.of((result.stdout() + result.stderr()).strip());
    }

    /**
     * Takes the configuration in place: the servers' state is saved for the new worker, then the
     * master is told to reload (SIGUSR2), passing the listening sockets on, so no connection is
     * refused and open ones finish on the old worker. Returns once the new configuration answers.
     */
    public void reload(String specHash, Map<String, byte[]> files) {
        String state = send("show servers state");
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        all.put(HaproxyConfig.STATE_FILE, state.getBytes(StandardCharsets.UTF_8));
        write(all);
        client.killContainerCmd(id).withSignal("SIGUSR2").exec();
        awaitConfiguration(specHash);
    }

    /** Waits until the worker running {@code specHash} answers on the admin socket. */
    public void awaitConfiguration(String specHash) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                String info = send("show info");
                if (info.lines().anyMatch(l -> l.equalsIgnoreCase("description: " + specHash))) {
                    return;
                }
                last = "it still runs another configuration";
            } catch (IllegalStateException notYet) {
                last = notYet.getMessage();
            }
            pause(POLL);
        }
        throw new IllegalStateException("load balancer container " + id + " did not come up with configuration "
                + specHash + " within " + READY_TIMEOUT.toSeconds() + " s: " + last);
    }

    private static long number(String field) {
        try {
            return field.isEmpty() ? 0 : Long.parseLong(field);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Between two looks at a load balancer; shared with the runtime, which polls less often. */
    static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a load balancer", e);
        }
    }
}
