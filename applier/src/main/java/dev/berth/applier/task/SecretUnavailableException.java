package dev.berth.applier.task;

/** A secret could not be resolved. The message names the secret and its source, never a value. */
public final class SecretUnavailableException extends RuntimeException {
    SecretUnavailableException(String message) {
        super(message);
    }
}
