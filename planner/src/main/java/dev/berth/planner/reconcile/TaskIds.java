package dev.berth.planner.reconcile;

import dev.berth.planner.Sha256;
import java.util.HashSet;
import java.util.Set;

/**
 * Ids for the tasks a plan starts: {@code <service>-<revision>-<6 hex>}, the hex hashed from the
 * stack, service, revision and the lowest ordinal whose id is not taken. The same inputs give the
 * same ids, so a saved plan starts exactly the tasks it showed.
 */
final class TaskIds {
    private final String stack;
    private final String service;
    private final int revision;
    private final Set<String> taken;
    private final Set<String> issued = new HashSet<>();
    private int ordinal;

    /** @param taken ids already on the hosts */
    TaskIds(String stack, String service, int revision, Set<String> taken) {
        this.stack = stack;
        this.service = service;
        this.revision = revision;
        this.taken = taken;
    }

    String next() {
        String id;
        do {
            ordinal++;
            id = service + "-" + revision + "-"
                    + Sha256.hex(stack + "/" + service + "/" + revision + "/" + ordinal).substring(0, 6);
        } while (taken.contains(id) || !issued.add(id));
        return id;
    }
}
