package dev.berth.schema.model;

/** An /etc/hosts entry. */
public record HostEntry(String hostname, String ipAddress) {
}
