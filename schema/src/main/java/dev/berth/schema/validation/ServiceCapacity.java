package dev.berth.schema.validation;

import dev.berth.schema.model.Service;

import java.util.Objects;

/** How many tasks of a service may run at once, with the defaults ECS applies. */
record ServiceCapacity(int tasks, String tasksSource, int maximumPercent, boolean maximumPercentDefaulted) {
    static final int DEFAULT_DESIRED_COUNT = 1;
    static final int DEFAULT_MAXIMUM_PERCENT = 200;
    static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;

    /** Auto scaling may raise the count up to maxCapacity, so that bound is what must fit. */
    static ServiceCapacity of(Service service) {
        var scaling = service.autoScaling();
        boolean scaled = scaling != null && scaling.maxCapacity() != null;
        int tasks = scaled ? scaling.maxCapacity() : desiredCount(service);
        var deployment = service.deploymentConfiguration();
        Integer maximum = deployment == null ? null : deployment.maximumPercent();
        return new ServiceCapacity(tasks, scaled ? "autoScaling maxCapacity" : "desiredCount",
                Objects.requireNonNullElse(maximum, DEFAULT_MAXIMUM_PERCENT), maximum == null);
    }

    static int desiredCount(Service service) {
        return Objects.requireNonNullElse(service.desiredCount(), DEFAULT_DESIRED_COUNT);
    }

    /** Old and new tasks together during a rolling deployment (ECS rounds maximumPercent down). */
    long peakTasks() {
        // In long: a desiredCount near Integer.MAX_VALUE times 200 percent must not wrap.
        return Math.max(tasks, (long) tasks * maximumPercent / 100);
    }

    String explainPeak() {
        return "(" + tasksSource + " " + tasks + ", maximumPercent " + maximumPercent
                + (maximumPercentDefaulted ? " by default)" : ")");
    }
}
