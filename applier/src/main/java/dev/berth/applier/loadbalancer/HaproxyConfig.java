package dev.berth.applier.loadbalancer;

import dev.berth.planner.plan.LoadBalancerDetail.Backend;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LoadBalancer.Action;
import dev.berth.schema.model.LoadBalancer.Condition;
import dev.berth.schema.model.LoadBalancer.Listener;
import dev.berth.schema.model.LoadBalancer.Rule;
import dev.berth.schema.model.LoadBalancer.TargetHealthCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HAProxy configuration of a load balancer, from its canonical spec, in the ALB's terms: a
 * frontend per listener whose rules pick a backend in priority order; a backend per service (one
 * for HTTP, one for TCP when a tcp listener forwards to it) whose servers are the service's tasks,
 * named by task id, checked as the target health check says, and retried elsewhere on a failed
 * connection; a backend per fixed response. Only the server lines change while it runs (berth
 * keeps them in step with the runtime API, so a restarted container has the same targets).
 * <p>
 * On a reload the old worker does not close idle keep-alive connections under their clients: it
 * answers each one's next request with {@code Connection: close} ({@code idle-close-on-response}),
 * so no client sends on a connection just being closed (bounded by {@code hard-stop-after}).
 */
public final class HaproxyConfig {
    static final String DIRECTORY = "/usr/local/etc/haproxy";
    static final String FILE = DIRECTORY + "/haproxy.cfg";
    static final String SPEC_HASH_FILE = DIRECTORY + "/berth-spec-hash";
    static final String STATE_FILE = "/var/lib/haproxy/server-state";
    static final String ADMIN_SOCKET = "/run/haproxy/admin.sock";
    /** Marks where the servers of a backend begin; every line after it, up to the next section, is a server. */
    static final String SERVERS = "    # servers: kept in step with the tasks by berth";
    private static final String INDENT = "    ";
    private static final String DEFAULT_SERVER = "default-server ";
    /** {@code srv_admin_state}'s bit for {@code set server ... state maint}. */
    private static final int FORCED_MAINTENANCE = 0x01;

    private HaproxyConfig() {
    }

    /** A target as a server line: {@code server <taskId> <address>:<port>}. */
    public record Server(String backend, String name, String address, int port) {
        String line() {
            return INDENT + "server " + name + " " + address + ":" + port;
        }
    }

    static String certificate(int port) {
        return DIRECTORY + "/certs/" + port + ".pem";
    }

    /** Backend names: {@code http-web}, {@code tcp-db}, {@code fixed-404}. */
    static String backend(String mode, String service) {
        return mode + "-" + service;
    }

    /** The service a backend holds the tasks of; null for a fixed response's. */
    public static String service(String backend) {
        return backend.startsWith("http-") ? backend.substring(5) : backend.startsWith("tcp-") ? backend.substring(4)
                : null;
    }

    /** The backends a service's tasks are servers of: one per mode a listener forwards to it in (http by default). */
    static List<String> backendsOf(LoadBalancer spec, String service) {
        Set<String> modes = new TreeSet<>();
        for (Listener listener : spec.listeners()) {
            List<Action> actions = new ArrayList<>(listener.rules().stream().map(Rule::action).toList());
            actions.add(listener.defaultAction());
            if (actions.stream().anyMatch(a -> a.type() == Action.Type.forward && service.equals(a.service()))) {
                modes.add(mode(listener));
            }
        }
        if (modes.isEmpty()) {
            modes.add("http");
        }
        return modes.stream().map(mode -> backend(mode, service)).toList();
    }

    /** @param servers the targets each backend starts with */
    public static String render(String name, String specHash, LoadBalancer spec, List<Backend> backends,
                                List<Server> servers) {
        StringBuilder out = new StringBuilder();
        out.append("# berth: load balancer ").append(name).append(", configuration ").append(specHash).append('\n');
        out.append("""
                global
                    master-worker
                    stats socket %s mode 600 level admin expose-fd listeners
                    stats timeout 30s
                    server-state-file %s
                    hard-stop-after 60s
                    description %s

                defaults
                    timeout connect 5s
                    timeout client 60s
                    timeout server 60s
                    timeout http-request 10s
                    retries 3
                    option redispatch 1
                    option idle-close-on-response
                    load-server-state-from-file global
                """.formatted(ADMIN_SOCKET, STATE_FILE, specHash));
        Set<String> fixed = new TreeSet<>();
        for (Listener listener : spec.listeners()) {
            frontend(listener, fixed, out);
        }
        for (Backend backend : backends) {
            for (String name2 : backendsOf(spec, backend.service())) {
                out.append('\n').append("backend ").append(name2).append('\n');
                serviceBackend(spec, name2.startsWith("tcp-"), out);
                out.append(SERVERS).append('\n');
                servers.stream().filter(s -> s.backend().equals(name2)).forEach(s -> out.append(s.line()).append('\n'));
            }
        }
        for (String status : fixed) {
            out.append('\n').append("backend fixed-").append(status).append('\n')
                    .append(INDENT).append("mode http\n")
                    .append(INDENT).append("http-request return status ").append(status).append('\n');
        }
        return out.toString();
    }

    /** The same configuration with each backend's servers replaced by {@code servers}. */
    static String withServers(String config, List<Server> servers) {
        StringBuilder out = new StringBuilder();
        String backend = null;
        boolean inServers = false;
        for (String line : config.split("\n", -1)) {
            if (!line.startsWith(" ") && !line.isEmpty()) {
                backend = line.startsWith("backend ") ? line.substring("backend ".length()).strip() : null;
                inServers = false;
            }
            if (inServers && line.startsWith(INDENT + "server ")) {
                continue;
            }
            out.append(line).append('\n');
            if (line.equals(SERVERS) && backend != null) {
                inServers = true;
                String current = backend;
                servers.stream().filter(s -> s.backend().equals(current)).forEach(s -> out.append(s.line()).append('\n'));
            }
        }
        return out.substring(0, out.length() - 1);
    }

    private static void frontend(Listener listener, Set<String> fixed, StringBuilder out) {
        String mode = mode(listener);
        out.append('\n').append("frontend listener-").append(listener.port()).append('\n');
        out.append(INDENT).append("mode ").append(mode).append('\n');
        out.append(INDENT).append("bind :").append(listener.port());
        if (listener.protocol() == Listener.Protocol.https) {
            out.append(" ssl crt ").append(certificate(listener.port()));
        }
        out.append('\n');
        if (mode.equals("http")) {
            out.append(INDENT).append("option forwardfor\n");
        }
        for (Rule rule : listener.rules()) {
            List<String> acls = new ArrayList<>();
            for (int i = 0; i < rule.conditions().size(); i++) {
                String acl = "rule-" + rule.priority() + "-" + i;
                acls.add(acl);
                out.append(INDENT).append("acl ").append(acl).append(' ').append(match(rule.conditions().get(i)))
                        .append('\n');
            }
            out.append(INDENT).append("use_backend ").append(target(rule.action(), mode, fixed)).append(" if ")
                    .append(String.join(" ", acls)).append('\n');
        }
        out.append(INDENT).append("default_backend ").append(target(listener.defaultAction(), mode, fixed)).append('\n');
    }

    private static String target(Action action, String mode, Set<String> fixed) {
        if (action.type() == Action.Type.fixed_response) {
            fixed.add(String.valueOf(action.statusCode()));
            return "fixed-" + action.statusCode();
        }
        return backend(mode, action.service());
    }

    private static void serviceBackend(LoadBalancer spec, boolean tcp, StringBuilder out) {
        TargetHealthCheck check = spec.healthCheck();
        out.append(INDENT).append("mode ").append(tcp ? "tcp" : "http").append('\n');
        out.append(INDENT).append("balance ").append(spec.algorithm() == LoadBalancer.Algorithm.least_outstanding_requests
                ? "leastconn" : "roundrobin").append('\n');
        if (!tcp) {
            out.append(INDENT).append("option httpchk GET ").append(check.path()).append('\n');
            out.append(INDENT).append("http-check expect status ").append(check.matcher()).append('\n');
            out.append(INDENT).append("retry-on conn-failure empty-response response-timeout\n");
        }
        out.append(INDENT).append("timeout check ").append(check.timeout()).append("s\n");
        out.append(INDENT).append(DEFAULT_SERVER).append("check inter ").append(check.interval()).append("s fall ")
                .append(check.unhealthyThreshold()).append(" rise ").append(check.healthyThreshold());
        if (spec.slowStart() != null && spec.slowStart() > 0) {
            out.append(" slowstart ").append(spec.slowStart()).append('s');
        }
        // What a server of the file has by default: one added at runtime keeps no idle connection
        // otherwise, and opens a new one to its task for every request.
        out.append(" pool-max-conn -1 pool-purge-delay 5s\n");
    }

    /**
     * The options of a backend's {@code default-server} line in {@code config}: a server added
     * through the runtime API takes nothing from that line, so it is given them one by one.
     */
    static String serverOptions(String config, String backend) {
        boolean in = false;
        for (String line : config.split("\n")) {
            if (!line.startsWith(" ") && !line.isEmpty()) {
                in = line.equals("backend " + backend);
            } else if (in && line.startsWith(INDENT + DEFAULT_SERVER)) {
                return line.substring(INDENT.length() + DEFAULT_SERVER.length()).strip();
            }
        }
        throw new IllegalStateException("backend " + backend + " has no default-server line");
    }

    private static String mode(Listener listener) {
        return listener.protocol() == Listener.Protocol.tcp ? "tcp" : "http";
    }

    /** An ALB condition as an HAProxy match: any of its values, each a glob made a regular expression. */
    private static String match(Condition condition) {
        String fetch = condition.field() == Condition.Field.path_pattern ? "path -m reg" : "hdr(host),field(1,:) -m reg -i";
        List<String> patterns = condition.values().stream().map(v -> "'" + regex(v) + "'").toList();
        return fetch + " " + String.join(" ", patterns);
    }

    /**
     * {@code *} any characters, {@code ?} one, everything else itself. The result goes between single
     * quotes, where HAProxy reads nothing specially, so a quote is written as the escape {@code \x27}.
     */
    static String regex(String glob) {
        StringBuilder regex = new StringBuilder("^");
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '\'' -> regex.append("\\x27");
                default -> {
                    if ("\\.[]{}()^$|+".indexOf(c) >= 0) {
                        regex.append('\\');
                    }
                    regex.append(c);
                }
            }
        }
        return regex.append('$').toString();
    }

    /** Servers as {@code show servers state} reports them, by backend and server name. */
    static Map<String, Server> fromState(String state) {
        Map<String, Server> servers = new LinkedHashMap<>();
        for (String line : state.split("\n")) {
            String[] f = line.strip().split(" ");
            // be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ... srv_port (19th)
            if (f.length < 19 || f[0].startsWith("#") || !f[0].chars().allMatch(Character::isDigit)) {
                continue;
            }
            // Put in maintenance by berth (0x01) means on its way out: it is not written back.
            if ((Integer.parseInt(f[6]) & FORCED_MAINTENANCE) == 0) {
                servers.put(f[1] + "/" + f[3], new Server(f[1], f[3], f[4], Integer.parseInt(f[18])));
            }
        }
        return servers;
    }

    /** The backend names this configuration declares, for finding a service's. */
    static Set<String> backends(String config) {
        Set<String> names = new LinkedHashSet<>();
        config.lines().filter(l -> l.startsWith("backend ")).forEach(l -> names.add(l.substring(8).strip()));
        return names;
    }
}
