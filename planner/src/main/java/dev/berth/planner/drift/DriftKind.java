package dev.berth.planner.drift;

/** The closed set of drift findings; JSON and annotations carry these names. */
public enum DriftKind {
    /** A service runs fewer tasks than it should on the hosts berth could reach. */
    TASK_MISSING,
    /** A task's essential container is not running. */
    TASK_STOPPED,
    /** A task's essential container reports unhealthy. */
    TASK_UNHEALTHY,
    /** More tasks run than the service wants, or tasks of a service the stack does not declare. */
    EXTRA_TASK,
    /** A running task was made from another task definition than the stack's. */
    UNEXPECTED_SPEC,
    /** A task made from the right definition whose container or labels were changed by hand. */
    CONFIG_EDITED,
    /** A host that answered lacks a network of the stack's cluster or namespace. */
    NETWORK_MISSING,
    /** A network of a cluster or namespace the stack no longer declares. */
    EXTRA_NETWORK,
    /** A load balancer's container is gone, stopped or not berth's image on one of its hosts. */
    LOAD_BALANCER_MISSING,
    /** A load balancer's container runs another configuration than the stack's. */
    LOAD_BALANCER_CHANGED,
    /** A load balancer's targets differ from the tasks that run (a task it lacks, or one that is gone). */
    TARGETS_OUT_OF_SYNC,
    /** A load balancer the stack no longer declares, or on a host it no longer names. */
    EXTRA_LOAD_BALANCER,
    /** A host of a cluster did not answer, so what runs on it is unknown. */
    HOST_UNREACHABLE
}
