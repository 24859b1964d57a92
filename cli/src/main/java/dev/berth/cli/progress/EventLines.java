package dev.berth.cli.progress;

import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One plain line per event with a UTC timestamp, for CI logs: nothing is redrawn, so the log reads
 * top to bottom, e.g. {@code 2026-11-24T12:03:04.512Z service.web  progress  started task web-2-ab12cd on local [1/3 running, 0 healthy]}.
 */
final class EventLines implements ApplyListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final PrintWriter out;

    EventLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void on(ApplyEvent event) {
        StringBuilder line = new StringBuilder(TIME.format(event.at())).append(' ')
                .append(event.address() == null ? "apply" : event.address()).append("  ")
                .append(event.type()).append("  ").append(event.message());
        if (event.counts() != null) {
            line.append(" [").append(Counts.describe(event.counts())).append(']');
        }
        out.println(line);
        out.flush();
    }
}
