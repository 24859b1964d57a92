package dev.berth.planner.reconcile;

/** "1 task", "3 tasks": counts in reasons read as English. */
final class Counting {
    private Counting() {
    }

    static String of(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
