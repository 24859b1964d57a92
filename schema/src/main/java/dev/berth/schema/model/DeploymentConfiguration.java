package dev.berth.schema.model;

/** How a rolling deployment may use capacity, and when it gives up. */
public record DeploymentConfiguration(Integer minimumHealthyPercent, Integer maximumPercent,
                                      DeploymentCircuitBreaker deploymentCircuitBreaker) {

    public record DeploymentCircuitBreaker(Boolean enable, Boolean rollback) {
    }
}
