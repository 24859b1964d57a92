package dev.berth.applier.task;

/** Ends a launch early with a reason meant for the user; the launch turns it into a failed TaskResult. */
final class TaskFailure extends RuntimeException {
    TaskFailure(String reason) {
        super(reason, null, false, false);
    }
}
