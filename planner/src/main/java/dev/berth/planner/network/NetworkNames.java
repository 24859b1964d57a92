package dev.berth.planner.network;

/**
 * The names of the Docker networks of a stack: {@code berth-<stack>} for the stack network every
 * bridge task joins, {@code berth-<stack>-<namespace>} for each namespace's.
 */
public final class NetworkNames {
    private static final String PREFIX = "berth-";

    private NetworkNames() {
    }

    public static String stack(String stack) {
        return PREFIX + stack;
    }

    public static String namespace(String stack, String namespace) {
        return PREFIX + stack + "-" + namespace;
    }
}
