package dev.berth.planner.observed;

/**
 * The ownership contract: labels on every Docker object berth creates. Objects without
 * {@code berth.stack=<stack>} are never counted as the stack's and never changed.
 */
public final class BerthLabels {
    public static final String STACK = "berth.stack";
    /** What the object is: one of the {@code KIND_*} values. */
    public static final String KIND = "berth.kind";
    public static final String SERVICE = "berth.service";
    public static final String FAMILY = "berth.family";
    public static final String REVISION = "berth.revision";
    /** Canonical content hash of the task definition the object was made from. */
    public static final String SPEC_HASH = "berth.spec-hash";
    /** Task id; all containers of one task share it. */
    public static final String TASK = "berth.task";
    /** The container definition name within the task. */
    public static final String CONTAINER = "berth.container";
    /**
     * {@code false} on a container the task does not need to keep running (ECS's essential: false),
     * so an init step that finished does not make its task count as stopped.
     */
    public static final String ESSENTIAL = "berth.essential";
    /** Comma-separated names of environment variables that hold secrets, never read back. */
    public static final String SECRET_NAMES = "berth.secret-names";
    public static final String NAMESPACE = "berth.namespace";
    /** The names a task answers to in its namespace, comma-separated (none: Service Connect's proxies do). */
    public static final String ALIASES = "berth.aliases";
    public static final String LOAD_BALANCER = "berth.load-balancer";
    public static final String CLUSTER = "berth.cluster";
    /** When a revision record was registered (ISO-8601). */
    public static final String DEPLOYED_AT = "berth.deployed-at";
    /** A revision record's canonical task definition JSON. */
    public static final String DEFINITION = "berth.definition";

    public static final String KIND_TASK = "task";
    public static final String KIND_REVISION = "revision";
    public static final String KIND_NETWORK = "network";
    public static final String KIND_LOAD_BALANCER = "load-balancer";
    public static final String KIND_LOCK = "lock";
    /** A container {@code berth agent --install} runs the stack's agent in. */
    public static final String KIND_AGENT = "agent";

    private BerthLabels() {
    }
}
