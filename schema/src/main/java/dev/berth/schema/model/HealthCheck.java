package dev.berth.schema.model;

import java.util.List;

/**
 * A container health check, as Docker runs it. Times are seconds. {@code command} starts with
 * {@code CMD} or {@code CMD-SHELL}.
 */
public record HealthCheck(List<String> command, Integer interval, Integer timeout, Integer retries,
                          Integer startPeriod) {
    public HealthCheck {
        command = Immutable.list(command);
    }
}
