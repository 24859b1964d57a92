package dev.berth.schema.validation;

import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.Objects;

import static dev.berth.schema.source.SourceMap.child;

/**
 * A rolling deployment can make progress, and a load balancer health check gives up on a target
 * before the next check starts (timeout below interval, as AWS requires).
 */
final class DeploymentCheck implements SemanticCheck {
    /** The AWS target group defaults, applied when only one of the two is written. */
    static final int DEFAULT_HEALTH_CHECK_INTERVAL = 30;
    static final int DEFAULT_HEALTH_CHECK_TIMEOUT = 5;

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.services().forEach((name, service) -> {
            DeploymentConfiguration deployment = service.deploymentConfiguration();
            if (deployment != null && ServiceCapacity.desiredCount(service) != 0) {
                checkRollingDeployment(name, deployment, positions, out);
            }
        });
        stack.loadBalancers().forEach((name, balancer) -> checkHealthCheck(name, balancer, positions, out));
    }

    /**
     * With maximumPercent at or below minimumHealthyPercent ECS may neither start a replacement
     * (no room above the maximum) nor stop an old task (it would fall below the minimum).
     */
    private static void checkRollingDeployment(String name, DeploymentConfiguration deployment, SourceMap positions,
                                               Diagnostics out) {
        int minimum = Objects.requireNonNullElse(deployment.minimumHealthyPercent(),
                ServiceCapacity.DEFAULT_MINIMUM_HEALTHY_PERCENT);
        int maximum = Objects.requireNonNullElse(deployment.maximumPercent(), ServiceCapacity.DEFAULT_MAXIMUM_PERCENT);
        if (maximum > minimum) {
            return;
        }
        String at = child(StackPointers.service(name), "deploymentConfiguration");
        String field = deployment.maximumPercent() != null ? "maximumPercent" : "minimumHealthyPercent";
        out.error(positions.value(child(at, field)), "service \"" + name + "\" cannot complete a rolling deployment: "
                + "maximumPercent " + maximum + " must be greater than minimumHealthyPercent " + minimum
                + ", or no task can be replaced; use for example maximumPercent 200 with minimumHealthyPercent 100 "
                + "(start new tasks first) or maximumPercent 100 with minimumHealthyPercent 50 (stop old tasks first)");
    }

    private static void checkHealthCheck(String name, LoadBalancer balancer, SourceMap positions, Diagnostics out) {
        LoadBalancer.TargetHealthCheck check = balancer.healthCheck();
        if (check == null || (check.timeout() == null && check.interval() == null)) {
            return;
        }
        int interval = Objects.requireNonNullElse(check.interval(), DEFAULT_HEALTH_CHECK_INTERVAL);
        int timeout = Objects.requireNonNullElse(check.timeout(), DEFAULT_HEALTH_CHECK_TIMEOUT);
        if (timeout < interval) {
            return;
        }
        String at = child(StackPointers.loadBalancer(name), "healthCheck");
        out.error(positions.value(child(at, check.timeout() != null ? "timeout" : "interval")), "load balancer \""
                + name + "\" health check timeout " + timeout + (check.timeout() == null ? " (the default)" : "")
                + " must be less than its interval " + interval + (check.interval() == null ? " (the default)" : "")
                + " seconds; lower the timeout or raise the interval");
    }
}
