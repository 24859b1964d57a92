package dev.berth.schema.model;

/**
 * Registry credentials for one container's image. {@code credentialsParameter} is {@code env:VAR} or
 * {@code file:PATH}, like a secret's {@code valueFrom}, holding {@code {"username": ..., "password": ...}};
 * it is read when berth pulls and its value is never part of the model.
 */
public record RepositoryCredentials(String credentialsParameter) {
}
