package dev.berth.cli;

import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engines of a valid stack's hosts, worked out before any host is contacted: they depend on
 * this machine (its Docker contexts, DOCKER_HOST), which validate does not read. A host whose
 * endpoint berth cannot use, or whose context is not here, is an error at that field; a
 * DOCKER_CONTEXT that names no context is one line.
 */
final class HostEndpoints {
    private HostEndpoints() {
    }

    /** The stack as loaded, or, when a host's engine cannot be found, invalid with the errors added. */
    static LoadedStack check(LoadedStack loaded, Map<String, String> env) {
        if (!loaded.valid()) {
            return loaded;
        }
        ClusterHosts resolver = new ClusterHosts(env);
        List<Diagnostic> errors = new ArrayList<>();
        for (Map.Entry<String, Cluster> cluster : loaded.source().clusters().entrySet()) {
            List<Host> hosts = cluster.getValue().hosts();
            if (hosts.isEmpty()) {
                implicit(cluster.getKey(), env);
            }
            for (int i = 0; i < hosts.size(); i++) {
                Host host = hosts.get(i);
                try {
                    resolver.endpoint(host);
                } catch (IllegalArgumentException e) {
                    String field = host.context() != null ? "context" : "endpoint";
                    errors.add(Diagnostic.error(loaded.positions().value(SourceMap.pointer("clusters", cluster.getKey(),
                            "hosts", i, field)), "host \"" + host.name() + "\": " + e.getMessage()));
                }
            }
        }
        if (errors.isEmpty()) {
            return loaded;
        }
        List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
        all.addAll(errors);
        return new LoadedStack(loaded.files(), loaded.source(), null, loaded.positions(), all);
    }

    private static void implicit(String cluster, Map<String, String> env) {
        try {
            DockerEndpoint.defaultEndpoint(env);
        } catch (IllegalArgumentException e) {
            throw new UserError("cluster \"" + cluster + "\" declares no hosts, so it runs on the engine the docker CLI "
                    + "would use: " + e.getMessage());
        }
    }
}
