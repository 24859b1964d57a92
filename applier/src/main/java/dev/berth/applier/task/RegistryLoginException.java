package dev.berth.applier.task;

/** A registry login could not be had. The message names where it was looked for, never a credential. */
public final class RegistryLoginException extends RuntimeException {
    RegistryLoginException(String message) {
        super(message);
    }
}
