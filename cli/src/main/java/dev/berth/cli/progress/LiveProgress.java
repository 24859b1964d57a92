package dev.berth.cli.progress;

import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A live view for a terminal: one line per address showing its latest state, redrawn in place;
 * failures and rollbacks are also printed above the view so they stay on screen afterwards.
 */
final class LiveProgress implements ApplyListener {
    private static final String UP = "\u001b[%dA";
    private static final String CLEAR_LINE = "\u001b[2K\r";
    private final PrintWriter out;
    private final boolean color;
    private final Map<String, ApplyEvent> latest = new LinkedHashMap<>();
    private int drawnLines;

    LiveProgress(PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
    }

    @Override
    public synchronized void on(ApplyEvent event) {
        erase();
        if (event.type() == ApplyEvent.Type.failed || event.type() == ApplyEvent.Type.rolledBack
                || event.type() == ApplyEvent.Type.taskFailed || event.address() == null) {
            out.println(paint(event, (event.address() == null ? "" : event.address() + ": ") + event.message()));
        }
        if (event.address() != null) {
            latest.put(event.address(), event);
        }
        draw();
        out.flush();
    }

    private void erase() {
        if (drawnLines > 0) {
            out.print(String.format(UP, drawnLines));
            for (int i = 0; i < drawnLines; i++) {
                out.print(CLEAR_LINE + "\n");
            }
            out.print(String.format(UP, drawnLines));
        }
    }

    private void draw() {
        int width = latest.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (ApplyEvent event : latest.values()) {
            String counts = event.counts() == null ? "" : "  " + Counts.describe(event.counts());
            out.println(CLEAR_LINE + paint(event, String.format("%-" + width + "s  %s%s", event.address(),
                    event.message(), counts)));
        }
        drawnLines = latest.size();
    }

    private String paint(ApplyEvent event, String text) {
        if (!color) {
            return text;
        }
        String code = switch (event.type()) {
            case completed -> "32";
            case failed, taskFailed -> "31";
            case rolledBack -> "33";
            default -> null;
        };
        return code == null ? text : "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
