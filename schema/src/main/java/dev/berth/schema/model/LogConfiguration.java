package dev.berth.schema.model;

import java.util.Map;

/** A Docker log driver and its options. */
public record LogConfiguration(String logDriver, Map<String, String> options) {
    public LogConfiguration {
        options = Immutable.map(options);
    }
}
