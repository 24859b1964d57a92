package dev.berth.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.applier.status.ServiceHistory;
import dev.berth.schema.canonical.ContentHash;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** {@code berth history}: a service's task definition revisions, the running ones marked. */
public final class HistoryRenderer {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String RUNNING_MARKER = "*";

    private final ZoneId zone;

    public HistoryRenderer(ZoneId zone) {
        this.zone = zone;
    }

    public String text(ServiceHistory history) {
        StringBuilder out = new StringBuilder("Service " + history.service() + " of stack " + history.stack()
                + ", task definition family " + history.family() + ":\n\n");
        if (history.revisions().isEmpty()) {
            return out.append("No revision registered yet: berth apply registers the first.\n").toString();
        }
        TextTable table = new TextTable("", "REVISION", "SPEC HASH", "DEPLOYED AT", "RUNNING");
        history.revisions().forEach(r -> table.row(r.running() > 0 ? RUNNING_MARKER : "",
                history.family() + ":" + r.revision(), shortHash(r.specHash()),
                LOCAL.format(r.deployedAt().atZone(zone)), r.running() > 0 ? r.running() + (r.running() == 1 ? " task" : " tasks") : "-"));
        return out.append(table.render("")).append("\n").append(RUNNING_MARKER)
                .append(" running now; deployed-at in local time (").append(zone.getId()).append(")\n").toString();
    }

    /** Times in ISO-8601 UTC and full hashes, for tools. */
    public String json(ServiceHistory history) {
        ObjectNode root = JsonOutput.document(history.stack());
        root.put("service", history.service()).put("family", history.family());
        ArrayNode revisions = root.putArray("revisions");
        history.revisions().forEach(r -> revisions.addObject()
                .put("revision", r.revision())
                .put("specHash", r.specHash())
                .put("deployedAt", r.deployedAt().toString())
                .put("runningTasks", r.running()));
        return JsonOutput.write(root);
    }

    /** Labels are editable by hand, so a hash that is not one is shown as it is. */
    private static String shortHash(String hash) {
        try {
            return ContentHash.shortForm(hash);
        } catch (IllegalArgumentException notAHash) {
            return hash;
        }
    }
}
