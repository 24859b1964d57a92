package dev.berth.schema.model;

/** An environment entry ({@code name}/{@code value}, as ECS writes it). */
public record KeyValuePair(String name, String value) {
}
