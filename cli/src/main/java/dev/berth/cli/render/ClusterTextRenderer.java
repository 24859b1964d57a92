package dev.berth.cli.render;

import dev.berth.planner.placement.ClusterReport;
import dev.berth.planner.placement.ClusterReport.HostView;
import dev.berth.planner.placement.ClusterReport.Usage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cluster report for people: per cluster a table of hosts (CPU units and MiB as capacity,
 * reserved, used by the stack's tasks, free), then each host's attributes, the names memberOf
 * and spread use.
 */
public final class ClusterTextRenderer implements ClusterRenderer {
    private static final List<String> HEADER = List.of("HOST", "ENDPOINT", "STATE", "CPU", "RESERVED", "USED", "FREE",
            "MEMORY", "RESERVED", "USED", "FREE", "TASKS");

    private final Ansi ansi;

    public ClusterTextRenderer(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public String render(ClusterReport report) {
        StringBuilder out = new StringBuilder();
        if (report.clusters().isEmpty()) {
            return "Stack " + report.stack() + " has no hosts.\n";
        }
        for (ClusterReport.ClusterView cluster : report.clusters()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(ansi.paint(Ansi.Style.BOLD, "cluster " + cluster.name())).append(" (CPU in units of 1/1024 "
                    + "CPU, memory in MiB)\n");
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADER);
            cluster.hosts().forEach(host -> rows.add(row(host)));
            table(rows, out);
            for (HostView host : cluster.hosts()) {
                out.append("  ").append(host.name()).append(": ");
                if (!host.reachable()) {
                    out.append("unreachable (").append(host.error() == null ? "no reason given" : host.error())
                            .append("); ");
                }
                out.append(host.attributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> row(HostView host) {
        List<String> row = new ArrayList<>(List.of(host.name(), host.endpoint(),
                host.reachable() ? "ok" : "unreachable"));
        if (host.reachable()) {
            row.addAll(usage(host.cpu()));
            row.addAll(usage(host.memory()));
            row.add(String.valueOf(host.tasks()));
        } else {
            row.addAll(Collections.nCopies(9, "-"));
        }
        return row;
    }

    private static List<String> usage(Usage usage) {
        return List.of(String.valueOf(usage.capacity()), String.valueOf(usage.reserved()),
                String.valueOf(usage.used()), String.valueOf(usage.free()));
    }

    /** Text columns left-aligned, number columns right-aligned, two spaces apart. */
    private static void table(List<List<String>> rows, StringBuilder out) {
        int[] widths = new int[HEADER.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i < 3 ? cell + pad : pad + cell).append(i < row.size() - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
