package dev.berth.schema.canonical;

import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.RuntimePlatform;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;

import java.util.List;

/**
 * The one place where each default of the desired-state model is defined. The canonicalizer fills
 * them; the planner, the applier and the JSON Schema descriptions refer to them. Values follow ECS
 * (or AWS target groups for load balancers) unless a comment says otherwise.
 */
public final class Defaults {

    private Defaults() {
    }

    // Task definition
    public static final List<TaskDefinition.Compatibility> REQUIRES_COMPATIBILITIES =
            List.of(TaskDefinition.Compatibility.EC2);
    public static final NetworkMode NETWORK_MODE = NetworkMode.bridge;
    public static final RuntimePlatform.OperatingSystemFamily OPERATING_SYSTEM_FAMILY =
            RuntimePlatform.OperatingSystemFamily.LINUX;
    public static final RuntimePlatform.CpuArchitecture CPU_ARCHITECTURE = RuntimePlatform.CpuArchitecture.X86_64;

    // Container definition
    public static final boolean ESSENTIAL = true;
    public static final int STOP_TIMEOUT_SECONDS = 30;
    public static final boolean READONLY_ROOT_FILESYSTEM = false;
    public static final boolean PRIVILEGED = false;
    public static final boolean INIT_PROCESS_ENABLED = false;
    /** What a device may be used for when its permissions are not given: everything, as {@code docker run --device}. */
    public static final List<LinuxParameters.Device.Permission> DEVICE_PERMISSIONS =
            List.of(LinuxParameters.Device.Permission.values());
    public static final int RESTART_ATTEMPT_PERIOD_SECONDS = 300;
    public static final boolean MOUNT_READ_ONLY = false;
    public static final PortMapping.Protocol PORT_PROTOCOL = PortMapping.Protocol.tcp;
    /** Host port 0 asks Docker for a dynamic port. */
    public static final int DYNAMIC_HOST_PORT = 0;
    public static final String IMAGE_TAG = "latest";

    // Container health check (seconds)
    public static final int HEALTH_CHECK_INTERVAL = 30;
    public static final int HEALTH_CHECK_TIMEOUT = 5;
    public static final int HEALTH_CHECK_RETRIES = 3;
    public static final int HEALTH_CHECK_START_PERIOD = 0;

    // Volume
    public static final Volume.DockerVolumeConfiguration.Scope VOLUME_SCOPE = Volume.DockerVolumeConfiguration.Scope.task;
    public static final String VOLUME_DRIVER = "local";
    /**
     * ECS defaults to false, but berth runs on plain Docker hosts where {@code docker run -v name:/path}
     * creates a missing named volume; users expect that, and nothing else would create the volume.
     */
    public static final boolean VOLUME_AUTOPROVISION = true;

    // Service
    public static final int DESIRED_COUNT = 1;
    public static final int MINIMUM_HEALTHY_PERCENT = 100;
    public static final int MAXIMUM_PERCENT = 200;
    public static final boolean CIRCUIT_BREAKER_ENABLE = false;
    public static final boolean CIRCUIT_BREAKER_ROLLBACK = false;
    public static final int HEALTH_CHECK_GRACE_PERIOD_SECONDS = 0;
    /** The preferred launch type when a task definition is compatible with it. */
    public static final TaskDefinition.Compatibility LAUNCH_TYPE = TaskDefinition.Compatibility.EC2;

    // Auto scaling
    public static final int SCALE_OUT_COOLDOWN_SECONDS = 300;
    public static final int SCALE_IN_COOLDOWN_SECONDS = 300;
    public static final boolean DISABLE_SCALE_IN = false;
    public static final int STEP_SCALING_COOLDOWN_SECONDS = 300;
    /** One period: the alarm is its latest datapoint; datapointsToAlarm defaults to this count. */
    public static final int EVALUATION_PERIODS = 1;
    public static final String SCHEDULE_TIMEZONE = "UTC";

    // Load balancer (AWS target group defaults)
    public static final LoadBalancer.Listener.Protocol LISTENER_PROTOCOL = LoadBalancer.Listener.Protocol.http;
    public static final String TARGET_HEALTH_CHECK_PATH = "/";
    public static final int TARGET_HEALTH_CHECK_INTERVAL = 30;
    public static final int TARGET_HEALTH_CHECK_TIMEOUT = 5;
    public static final int TARGET_HEALTHY_THRESHOLD = 5;
    public static final int TARGET_UNHEALTHY_THRESHOLD = 2;
    public static final String TARGET_HEALTH_CHECK_MATCHER = "200";
    public static final int DEREGISTRATION_DELAY_SECONDS = 300;
    public static final LoadBalancer.Algorithm ALGORITHM = LoadBalancer.Algorithm.round_robin;
    public static final int SLOW_START_SECONDS = 0;
    public static final int FIXED_RESPONSE_STATUS = 404;

    // Host
    public static final int RESERVED_CPU = 0;
    public static final int RESERVED_MEMORY = 0;

    // Variable
    public static final boolean VARIABLE_REQUIRED = false;

    /**
     * The host port of a mapping that declares none: dynamic in bridge mode; in host and awsvpc
     * modes the container shares (or owns) the network namespace, so the ports coincide. Null
     * for {@code none}, where nothing is published.
     */
    public static Integer hostPort(NetworkMode networkMode, Integer containerPort) {
        return switch (networkMode) {
            case bridge -> DYNAMIC_HOST_PORT;
            case host, awsvpc -> containerPort;
            case none -> null;
        };
    }
}
