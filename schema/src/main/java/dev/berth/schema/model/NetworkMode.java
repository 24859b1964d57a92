package dev.berth.schema.model;

/** ECS network modes; {@code awsvpc} gives each task its own network namespace and address. */
public enum NetworkMode { bridge, host, none, awsvpc }
