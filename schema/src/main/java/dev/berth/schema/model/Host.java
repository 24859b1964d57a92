package dev.berth.schema.model;

import java.util.Map;

/**
 * One Docker host of a cluster.
 *
 * @param endpoint   {@code unix://} or {@code tcp://} Docker endpoint
 * @param attributes user attributes for placement ({@code attribute:zone})
 * @param reserved   capacity kept back from tasks on this host (null: none)
 */
public record Host(String name, String endpoint, Map<String, String> attributes, Resources reserved) {
    public Host {
        attributes = Immutable.map(attributes);
    }
}
