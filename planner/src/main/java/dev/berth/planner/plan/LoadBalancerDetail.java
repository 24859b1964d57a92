package dev.berth.planner.plan;

/**
 * Where a load balancer's container runs. This version of berth plans load balancers but does not
 * run them; apply reports their changes as skipped.
 */
public record LoadBalancerDetail(String cluster, String host) implements ChangeDetail {
}
