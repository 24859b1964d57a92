package dev.berth.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.applier.agent.install.AgentStatus;
import dev.berth.applier.lock.LockHolder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** {@code berth agent --status}: the installed agents of a stack and which agent leads it. */
public final class AgentStatusRenderer {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String LEADER_MARKER = "*";

    private final ZoneId zone;

    public AgentStatusRenderer(ZoneId zone) {
        this.zone = zone;
    }

    public String text(AgentStatus status) {
        StringBuilder out = new StringBuilder();
        if (status.agents().isEmpty()) {
            out.append("No agent of stack ").append(status.stack()).append(" is installed")
                    .append(status.unreachable().isEmpty() ? "" : " on the hosts that answered")
                    .append(" (berth agent --install ").append(status.stack()).append(").\n");
        } else {
            out.append("Installed agents of stack ").append(status.stack()).append(":\n\n");
            TextTable table = new TextTable("", "HOST", "CONTAINER", "STATE", "SINCE", "RESTARTS", "IMAGE");
            status.agents().forEach(a -> table.row(a.leads() ? LEADER_MARKER : "", a.host(), a.container(),
                    a.state(), a.since() == null ? null : LOCAL.format(a.since().atZone(zone)),
                    Integer.toString(a.restartCount()), a.image()));
            out.append(table.render("")).append("\n");
        }
        out.append(leader(status)).append("\n");
        status.unreachable().forEach((host, reason) -> out.append(host).append(": did not answer (").append(reason)
                .append(")\n"));
        return out.toString();
    }

    private String leader(AgentStatus status) {
        LockHolder holder = status.leader();
        if (holder == null) {
            return "No agent leads stack " + status.stack() + " now.";
        }
        String who = holder.describe(zone, LocalDate.now(zone));
        AgentStatus.Agent leading = status.leading();
        return leading != null
                ? LEADER_MARKER + " leads: the agent on " + leading.host() + ", " + who
                : "Leads: " + who + ", an agent that is not one of these containers";
    }

    /** Times in ISO-8601 UTC, for tools; a leader that is none of the containers has no host. */
    public String json(AgentStatus status) {
        ObjectNode root = JsonOutput.document(status.stack());
        ArrayNode agents = root.putArray("agents");
        status.agents().forEach(a -> agents.addObject()
                .put("host", a.host())
                .put("endpoint", a.endpoint())
                .put("container", a.container())
                .put("state", a.state())
                .put("since", time(a.since()))
                .put("restartCount", a.restartCount())
                .put("image", a.image())
                .put("leads", a.leads()));
        LockHolder holder = status.leader();
        if (holder == null) {
            root.putNull("leader");
        } else {
            AgentStatus.Agent leading = status.leading();
            root.putObject("leader")
                    .put("host", leading == null ? null : leading.host())
                    .put("user", holder.user())
                    .put("machine", holder.machine())
                    .put("pid", holder.pid())
                    .put("since", time(holder.since()));
        }
        ObjectNode unreachable = root.putObject("unreachableHosts");
        status.unreachable().forEach(unreachable::put);
        return JsonOutput.write(root);
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
