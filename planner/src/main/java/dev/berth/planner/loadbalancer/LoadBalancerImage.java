package dev.berth.planner.loadbalancer;

/** The image every load balancer container runs: HAProxy from Debian, built offline by scripts/build-images. */
public final class LoadBalancerImage {
    public static final String NAME = "berth/haproxy:2";

    private LoadBalancerImage() {
    }
}
