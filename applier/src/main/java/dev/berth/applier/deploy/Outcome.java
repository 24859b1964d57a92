package dev.berth.applier.deploy;

import dev.berth.planner.plan.Address;

/**
 * How one address's change ended.
 *
 * @param reason  why it did not simply succeed, in words for the user; null when it did
 * @param started new tasks that became healthy and were kept
 * @param stopped tasks stopped as planned (failed new tasks are not counted: they are in the reason)
 */
public record Outcome(Address address, Status status, String reason, int started, int stopped) {

    public enum Status {
        succeeded,
        failed,
        /** The change failed and the address went back to what ran before the apply. */
        rolledBack,
        /** Not executed by this apply (load balancers, or deletes withheld by --atomic). */
        skipped
    }

    public static Outcome succeeded(Address address, int started, int stopped) {
        return new Outcome(address, Status.succeeded, null, started, stopped);
    }

    public static Outcome failed(Address address, String reason, int started, int stopped) {
        return new Outcome(address, Status.failed, reason, started, stopped);
    }

    public static Outcome skipped(Address address, String reason) {
        return new Outcome(address, Status.skipped, reason, 0, 0);
    }

    /** This outcome turned into a rollback: the reason says what failed and what it went back to. */
    public Outcome rolledBack(String how, Outcome rollback) {
        return new Outcome(address, Status.rolledBack, reason + "; " + how, started + rollback.started,
                stopped + rollback.stopped);
    }

    /** This outcome, failed after all because its rollback failed too. */
    public Outcome rollbackFailed(Outcome rollback) {
        return new Outcome(address, Status.failed, reason + "; rollback failed: " + rollback.reason,
                started + rollback.started, stopped + rollback.stopped);
    }

    public boolean ok() {
        return status == Status.succeeded || status == Status.skipped;
    }

    /** "service web: web:3 failed: ...", as the CLI prints it. */
    public String describe() {
        String subject = address.kind() + " " + address.name();
        return reason == null ? subject + ": " + status : subject + ": " + reason;
    }
}
