package dev.berth.schema.model;

/** A resource limit ({@code nofile}, {@code nproc}, ...). */
public record Ulimit(String name, Integer softLimit, Integer hardLimit) {
}
