package dev.berth.planner.observed;

/**
 * A task's port as one load balancer container knows it (an HAProxy server).
 *
 * @param service  the service whose backend it is in
 * @param taskId   the server's name: the task's id
 * @param status   as the load balancer sees it: UP, DOWN, DRAIN, MAINT, or a transition ("DOWN 1/2")
 * @param check    the last check's result ("L7OK", "L7STS 503", "L4CON"), empty before the first
 * @param sessions connections open to it now
 * @param requests requests it has been sent since the load balancer started
 */
public record ObservedTarget(String service, String taskId, String address, int port, String status, String check,
                             int sessions, long requests) {
    public boolean up() {
        return "UP".equals(status);
    }
}
