package dev.berth.planner.placement;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.schema.model.Host;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attributes placement matches and spreads on: the user's, plus built-ins berth learns from
 * the engine, as ECS adds {@code ecs.os-type} and friends. Built-ins win over a user attribute of
 * the same name, since they state facts about the host. {@code instanceId} is the host name, so
 * {@code instanceId} in a cluster query and {@code spread(instanceId)} see hosts as ECS sees
 * container instances.
 */
public final class HostAttributes {
    public static final String OS = "berth.os";
    public static final String ARCH = "berth.arch";
    public static final String HOST = "berth.host";
    public static final String ENGINE_VERSION = "berth.engine-version";
    public static final String INSTANCE_ID = "instanceId";

    private HostAttributes() {
    }

    /**
     * Sorted by name. An unreachable host has only the user's and the name-based ones.
     *
     * @param declared the host as the stack declares it, or null when it is not declared
     */
    public static SortedMap<String, String> of(ObservedHost observed, Host declared) {
        SortedMap<String, String> attributes = new TreeMap<>(declared == null ? Map.of() : declared.attributes());
        attributes.put(HOST, observed.name());
        attributes.put(INSTANCE_ID, observed.name());
        ObservedHost.HostInfo info = observed.info();
        if (info != null) {
            putIfKnown(attributes, OS, info.os());
            putIfKnown(attributes, ARCH, info.architecture());
            putIfKnown(attributes, ENGINE_VERSION, info.engineVersion());
        }
        return Collections.unmodifiableSortedMap(attributes);
    }

    private static void putIfKnown(SortedMap<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
