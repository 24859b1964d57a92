package dev.berth.applier.registry;

/** A host already records the revision number with another definition: registering would rewrite history. */
public final class RevisionConflictException extends RuntimeException {
    RevisionConflictException(String message) {
        super(message);
    }
}
