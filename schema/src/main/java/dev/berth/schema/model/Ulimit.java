package dev.berth.schema.model;

/**
 * A resource limit ({@code nofile}, {@code nproc}, ...). Long, as Docker's are: a memlock limit of
 * 64 GiB in bytes is beyond an int.
 */
public record Ulimit(String name, Long softLimit, Long hardLimit) {
}
