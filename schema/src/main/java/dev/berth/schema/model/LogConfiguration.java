package dev.berth.schema.model;

import java.util.List;
import java.util.Map;

/**
 * A Docker log driver and its options.
 *
 * @param secretOptions driver options whose values are resolved at apply time, like container
 *                      secrets; the model holds their {@code valueFrom} only
 */
public record LogConfiguration(String logDriver, Map<String, String> options, List<Secret> secretOptions) {
    public LogConfiguration {
        options = Immutable.map(options);
        secretOptions = Immutable.list(secretOptions);
    }
}
