package dev.berth.schema.model;

import java.util.Map;

/**
 * One Docker host of a cluster.
 *
 * @param endpoint   {@code unix://}, {@code tcp://} or {@code ssh://} Docker endpoint
 * @param attributes user attributes for placement ({@code attribute:zone})
 * @param reserved   capacity kept back from tasks on this host (null: none)
 * @param address    where other hosts reach its published ports (null: the tcp:// endpoint's host)
 */
public record Host(String name, String endpoint, Map<String, String> attributes, Resources reserved,
                   String address) {
    public Host {
        attributes = Immutable.map(attributes);
    }
}
