package dev.berth.applier.events;

/** Receives apply events; called from many threads, so implementations synchronize. */
@FunctionalInterface
public interface ApplyListener {
    void on(ApplyEvent event);
}
