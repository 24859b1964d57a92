package dev.berth.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.planner.placement.ClusterReport;
import dev.berth.planner.placement.ClusterReport.HostView;
import dev.berth.planner.placement.ClusterReport.Usage;

/** The cluster report as a versioned document, described by {@code schema/json/cluster-v1.schema.json}. */
public final class ClusterJsonRenderer implements ClusterRenderer {

    @Override
    public String render(ClusterReport report) {
        ObjectNode root = JsonOutput.document(report.stack());
        ArrayNode clusters = root.putArray("clusters");
        for (ClusterReport.ClusterView cluster : report.clusters()) {
            ObjectNode node = clusters.addObject().put("name", cluster.name());
            ArrayNode hosts = node.putArray("hosts");
            cluster.hosts().forEach(host -> host(host, hosts.addObject()));
        }
        return JsonOutput.write(root);
    }

    private static void host(HostView host, ObjectNode node) {
        node.put("name", host.name())
                .put("endpoint", host.endpoint())
                .put("reachable", host.reachable())
                .put("error", host.error());
        usage(host.cpu(), node.putObject("cpu"));
        usage(host.memory(), node.putObject("memory"));
        node.put("tasks", host.tasks());
        ObjectNode attributes = node.putObject("attributes");
        host.attributes().forEach(attributes::put);
    }

    private static void usage(Usage usage, ObjectNode node) {
        node.put("capacity", usage.capacity())
                .put("reserved", usage.reserved())
                .put("used", usage.used())
                .put("free", usage.free());
    }
}
