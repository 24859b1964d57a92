package dev.berth.schema.model;

import java.util.Map;

/**
 * One Docker host of a cluster.
 *
 * @param endpoint   {@code unix://}, {@code tcp://} or {@code ssh://} Docker endpoint
 * @param attributes user attributes for placement ({@code attribute:zone})
 * @param reserved   capacity kept back from tasks on this host (null: none)
 * @param address    where other hosts reach its published ports (null: the tcp:// or ssh:// endpoint's host)
 * @param context    the Docker context whose engine this host is, when it has no endpoint (null otherwise)
 */
public record Host(String name, String endpoint, Map<String, String> attributes, Resources reserved,
                   String address, String context) {
    public Host {
        attributes = Immutable.map(attributes);
    }
}
