package dev.berth.cli.progress;

import dev.berth.applier.events.ApplyEvent.ServiceCounts;

/** "2/3 running, 1 healthy, step 2/4": one wording of service counts for both text views. */
final class Counts {
    private Counts() {
    }

    static String describe(ServiceCounts counts) {
        return counts.running() + "/" + counts.desired() + " running, " + counts.healthy() + " healthy"
                + (counts.step() == null ? "" : ", step " + counts.step());
    }
}
