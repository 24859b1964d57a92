package dev.berth.planner.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closed set of reasons a plan gives: for a change, for stopping one task, as a warning, or as
 * a problem that blocks the plan. The names are stable (tools and tests match on them; the README
 * lists them); each carries the template its words are written from, whose placeholders name the
 * parameters a {@link Reason} must have. Placeholders: {@code {p}} a value (a list joined with
 * ", "), {@code {p;}} a list joined with "; ", {@code {p&}} a list as "a, b and c", {@code {p#noun}}
 * a count with its noun ("1 task", "3 tasks").
 */
public enum ReasonCode {
    // Why a service changes.
    SERVICE_NEW(Use.change, "new service: start {tasks#task} of {revision}"),
    IMAGE_CHANGED(Use.change, "image changed: rolling replacement of {tasks#task}"),
    DEFINITION_CHANGED(Use.change, "{changed&} changed: rolling replacement of {tasks#task}"),
    ENVIRONMENT_FILES_CHANGED(Use.change, "environment files changed ({variables;}): rolling replacement of "
            + "{tasks#task}"),
    TASKS_EDITED(Use.change, "{tasks#task} edited by hand ({edit}): rolling replacement of {tasks#task}"),
    NAMES_CHANGED(Use.change, "{tasks#task} answer to {from} in the namespace, the service to {to}: rolling"
            + " replacement of {tasks#task}"),
    COUNT_INCREASED(Use.change, "desiredCount {from} -> {to}: start {tasks#task}"),
    COUNT_DECREASED(Use.change, "desiredCount {from} -> {to}: stop {tasks#task}"),
    STOPPED_REPLACED(Use.change, "{tasks#task} stopped: start {replacements#replacement}"),
    STOPPED_REMOVED(Use.change, "remove {tasks#stopped task}"),
    UNHEALTHY_REPLACED(Use.change, "{tasks#task} unhealthy: start {replacements#replacement}"),
    UNHEALTHY_REMOVED(Use.change, "remove {tasks#unhealthy task}"),
    LOST_REPLACED(Use.change, "{tasks#task} lost on unreachable hosts: start {tasks#replacement}"),
    SERVICE_REMOVED(Use.change, "not in the stack: stop {tasks#task}"),
    SERVICE_REMOVED_UNREACHABLE(Use.change, "not in the stack; its tasks are on hosts that did not answer"),
    // Networks, revisions and load balancers.
    NETWORK_MISSING(Use.change, "create network {network} on {hosts}"),
    NETWORK_UNDECLARED(Use.change, "not in the stack: remove network {network} from {hosts}"),
    REVISION_NEW(Use.change, "register {revision} on {hosts}"),
    REVISION_NEXT(Use.change, "register {revision} (latest is {latest}) on {hosts}"),
    REVISION_NO_HOST(Use.change, "register {revision} on the next apply that reaches a host of its clusters: none"
            + " answered"),
    LOAD_BALANCER_NEW(Use.change, "new load balancer on {hosts}: listeners {listeners}"),
    LOAD_BALANCER_MISSING(Use.change, "its container is gone from {hosts}: create it there"),
    LOAD_BALANCER_CHANGED(Use.change, "configuration changed: reload it on {hosts}, keeping every connection"),
    LOAD_BALANCER_EDITED(Use.change, "its container on {hosts} is not berth's haproxy image: recreate it there"),
    LOAD_BALANCER_STOPPED(Use.change, "its container is not running on {hosts}: recreate it there"),
    LOAD_BALANCER_MOVED(Use.change, "no longer runs on {hosts}: remove it there"),
    LOAD_BALANCER_UNDECLARED(Use.change, "not in the stack: remove it from {hosts}"),
    TARGETS_REGISTERED(Use.change, "register {targets#target} it lacks: {tasks}"),
    TARGETS_DEREGISTERED(Use.change, "deregister {targets#target} whose tasks are gone: {tasks}"),

    // Why one task stops.
    TASK_STOPPED(Use.taskStop, "stopped: {containers}"),
    TASK_UNHEALTHY(Use.taskStop, "unhealthy: {containers}"),
    TASK_OUTDATED(Use.taskStop, "outdated: runs {revision}"),
    TASK_EDITED(Use.taskStop, "edited by hand: {edit}"),
    TASK_ENVIRONMENT_FILES_CHANGED(Use.taskStop, "environment files changed: {variables;}"),
    TASK_RENAMED(Use.taskStop, "answers to {from} in the namespace, not {to}"),
    TASK_SCALED_IN(Use.taskStop, "scale-in"),
    TASK_OF_REMOVED_SERVICE(Use.taskStop, "service removed"),

    // Warnings: what the plan leaves alone.
    HOST_UNREACHABLE(Use.warning, "host {host} of cluster {cluster} did not answer ({error}): nothing on it is changed"),
    LOST_KEPT(Use.warning, "service \"{service}\": {tasks#task} lost on {hosts} (unreachable); run with "
            + "--replace-lost to start replacements elsewhere (lost: {lost})"),
    LOST_REPLACING(Use.warning, "service \"{service}\": {tasks#task} lost on {hosts} (unreachable): start "
            + "{replacements#replacement} on {on} (lost: {lost})"),
    LOST_ALREADY_REPLACED(Use.warning, "service \"{service}\": {tasks#task} lost on {hosts} (unreachable): already "
            + "replaced (desiredCount {desiredCount} runs on the other hosts); any still running there are scaled in "
            + "when {hosts} answers again (lost: {lost})"),
    LOST_NO_ROOM(Use.warning, "service \"{service}\": {tasks#task} lost on {hosts} (unreachable); no replacement "
            + "fits on the other hosts (lost: {lost})"),
    LOST_REPLACEMENTS_UNPLACEABLE(Use.warning, "{replacements#replacement} of lost tasks of service {service} "
            + "cannot be placed: {rejections;}"),
    REMOVED_TASKS_UNREACHABLE(Use.warning, "service \"{service}\": {tasks#task} on unreachable hosts cannot be "
            + "stopped now: {lost}"),

    // Problems: the plan cannot be applied.
    TASK_DEFINITION_UNDECLARED(Use.problem, "service \"{service}\" runs task definition {family}, which the stack "
            + "does not declare"),
    PINNED_REVISION_MISSING(Use.problem, "service \"{service}\" pins {revision}, but {recorded}"),
    PLACEMENT_QUERY_INVALID(Use.problem, "service \"{service}\": placement constraint memberOf({expression}) is not "
            + "a valid cluster query"),
    PLACEMENT_STRATEGY_UNKNOWN(Use.problem, "service \"{service}\": placement strategy {strategy} is not one berth "
            + "knows"),
    TASKS_UNPLACEABLE(Use.problem, "{tasks#task} of service {service} cannot be placed: {rejections;}"),
    COUNT_SET_BY_SCALING(Use.warning, "service \"{service}\": desiredCount {count}, set by auto scaling at {at}; "
            + "bounds {min}-{max} (the stack says {declared})"),
    ROLLOUT_STALLED(Use.problem, "service \"{service}\": minimumHealthyPercent {minimumHealthyPercent} and "
            + "maximumPercent {maximumPercent} leave no room to {pending} with desiredCount {desired} (at most "
            + "{maxRunning} running, at least {minHealthy} healthy)");

    /** Where a code appears in a plan. */
    public enum Use { change, taskStop, warning, problem }

    private final Use use;
    private final String template;
    private final Set<String> parameters;

    ReasonCode(Use use, String template) {
        this.use = use;
        this.template = template;
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = Placeholder.PATTERN.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        this.parameters = Set.copyOf(names);
    }

    public Use use() {
        return use;
    }

    /** The sentence with its placeholders, as the README documents it. */
    public String template() {
        return template;
    }

    /** The parameters a reason of this code must carry. */
    public Set<String> parameters() {
        return parameters;
    }

    static Pattern placeholder() {
        return Placeholder.PATTERN;
    }

    /** Apart, because enum constants are built before the enum's own static fields. */
    private static final class Placeholder {
        static final Pattern PATTERN = Pattern.compile("\\{([a-zA-Z]+)([;&]|#[^}]+)?}");
    }

    /** Codes of one use, in declaration order. */
    public static List<ReasonCode> of(Use use) {
        return java.util.Arrays.stream(values()).filter(c -> c.use == use).toList();
    }
}
