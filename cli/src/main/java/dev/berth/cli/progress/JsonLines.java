package dev.berth.cli.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import java.io.PrintWriter;

/**
 * One JSON object per event and line: {@code {"at","type","address","message","counts":{desired,
 * running,healthy,step}}}; {@code address} and {@code counts} are null when not about a service.
 */
final class JsonLines implements ApplyListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;

    JsonLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void on(ApplyEvent event) {
        ObjectNode line = JSON.createObjectNode()
                .put("at", event.at().toString())
                .put("type", event.type().name())
                .put("address", event.address())
                .put("message", event.message());
        if (event.counts() == null) {
            line.putNull("counts");
        } else {
            line.putObject("counts")
                    .put("desired", event.counts().desired())
                    .put("running", event.counts().running())
                    .put("healthy", event.counts().healthy())
                    .put("step", event.counts().step());
        }
        out.println(line);
        out.flush();
    }
}
