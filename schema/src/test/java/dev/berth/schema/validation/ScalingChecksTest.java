package dev.berth.schema.validation;

import dev.berth.schema.model.AutoScaling.Metric;
import dev.berth.schema.model.AutoScaling.ScheduledAction;
import dev.berth.schema.model.AutoScaling.StepScaling;
import dev.berth.schema.model.AutoScaling.StepScaling.AdjustmentType;
import dev.berth.schema.model.AutoScaling.StepScaling.Comparison;
import dev.berth.schema.model.AutoScaling.StepScaling.StepAdjustment;
import dev.berth.schema.model.AutoScaling.TargetTracking;
import dev.berth.schema.model.LoadBalancer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.berth.schema.validation.Findings.assertExactly;
import static dev.berth.schema.validation.StackFixture.service;

class ScalingChecksTest {

    private static StackFixture withService(StackFixture.ServiceBuilder service) {
        StackFixture stack = StackFixture.minimal();
        stack.services.put("web", service.build());
        return stack;
    }

    @Test
    void boundsAreOrderedAndContainTheDesiredCount() {
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(5, 2)).build()),
                "/services/web/autoScaling/minCapacity :: autoScaling minCapacity 5 above maxCapacity 2");
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(2, 4)).build()),
                "/services/web :: has desiredCount 1 (the default), outside its autoScaling range minCapacity 2 to "
                        + "maxCapacity 4");
        assertExactly(Findings.of(new AutoScalingCheck(),
                        withService(service("main", "web").desiredCount(9).autoScaling(null, 4)).build()),
                "/services/web/desiredCount :: has desiredCount 9, outside its autoScaling range maxCapacity 4");
        assertExactly(Findings.of(new AutoScalingCheck(),
                withService(service("main", "web").desiredCount(2).autoScaling(1, 4)).build()));
    }

    @Test
    void scheduledActionsHaveOrderedBoundsAndParsingSchedules() {
        StackFixture stack = withService(service("main", "web").autoScaling(1, 4,
                new ScheduledAction("night", "cron(0 22 * * MON-FRY)", null, 3, 1),
                new ScheduledAction("day", "rate(1 hour)", null, 1, 3)));
        assertExactly(Findings.of(new AutoScalingCheck(), stack.build()),
                "/services/web/autoScaling/scheduled/0/minCapacity :: scheduled action \"night\" sets minCapacity 3 "
                        + "above maxCapacity 1",
                "/services/web/autoScaling/scheduled/0/schedule +18 :: scheduled action \"night\" has an invalid "
                        + "schedule: \"FRY\" is not a valid day-of-week");
    }

    private static StepScaling step(Comparison comparison, AdjustmentType type, Integer minMagnitude,
                                    StepAdjustment... steps) {
        return new StepScaling("hot", Metric.cpu, comparison, 70.0, null, null, null, type, List.of(steps),
                minMagnitude, 60);
    }

    private static StepScaling alarm(Integer period, Integer evaluationPeriods, Integer datapointsToAlarm) {
        return new StepScaling("hot", Metric.cpu, Comparison.GreaterThanThreshold, 70.0, period, evaluationPeriods,
                datapointsToAlarm, AdjustmentType.ChangeInCapacity, List.of(new StepAdjustment(0.0, null, 1)), null,
                60);
    }

    private static List<Findings.Finding> alarmFindings(StepScaling policy) {
        return Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(1, 4, List.of(),
                List.of(policy))).build());
    }

    @Test
    void anAlarmOfSeveralPeriodsHasAPeriodAtMostADayOfThemAndNoMoreDatapointsThanItJudges() {
        assertExactly(alarmFindings(alarm(60, 5, 3)));
        assertExactly(alarmFindings(alarm(null, null, null)));
        assertExactly(alarmFindings(alarm(null, 3, null)),
                "/services/web/autoScaling/stepScaling/0/evaluationPeriods :: step scaling policy \"hot\" judges 3"
                        + " evaluationPeriods but has no period; set period");
        assertExactly(alarmFindings(alarm(3600, 25, null)),
                "/services/web/autoScaling/stepScaling/0/evaluationPeriods :: judges 25 periods of 3600 s, more than"
                        + " a day; period times evaluationPeriods must be at most 86400");
        assertExactly(alarmFindings(alarm(60, 2, 3)),
                "/services/web/autoScaling/stepScaling/0/datapointsToAlarm :: needs 3 breaching datapoints of only 2"
                        + " evaluationPeriods; datapointsToAlarm must be at most evaluationPeriods");
        assertExactly(alarmFindings(alarm(60, null, 2)),
                "/services/web/autoScaling/stepScaling/0/datapointsToAlarm :: needs 2 breaching datapoints of only 1"
                        + " evaluationPeriods");
    }

    @Test
    void requestCountPerTargetNeedsALoadBalancerToCountAt() {
        List<TargetTracking> requests = List.of(new TargetTracking(Metric.requestCountPerTarget, 500.0, null, null,
                null));
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web")
                        .autoScaling(1, 4, requests, List.of())).build()),
                "/services/web/autoScaling/targetTracking/0/metric :: scales on requestCountPerTarget but registers"
                        + " with no load balancer");
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web")
                .loadBalancer("public", "app", 8080).autoScaling(1, 4, requests, List.of())).build()));
    }

    @Test
    void stepAdjustmentsBeginAtTheThresholdAndNeitherOverlapNorLeaveGaps() {
        StepAdjustment first = new StepAdjustment(0.0, 10.0, 1);
        StepAdjustment rest = new StepAdjustment(10.0, null, 3);
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(1, 4,
                List.of(), List.of(step(Comparison.GreaterThanThreshold, AdjustmentType.ChangeInCapacity, null, rest,
                        first)))).build()));
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(1, 4,
                        List.of(), List.of(step(Comparison.GreaterThanThreshold, AdjustmentType.ChangeInCapacity, null,
                                first, new StepAdjustment(15.0, null, 3))))).build()),
                "/services/web/autoScaling/stepScaling/0/stepAdjustments/1 :: step scaling policy \"hot\" has a step"
                        + " from 15.0 to unbounded that leaves a gap after the step from 0.0 to 10.0");
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(1, 4,
                        List.of(), List.of(step(Comparison.GreaterThanThreshold, AdjustmentType.ChangeInCapacity, null,
                                first, new StepAdjustment(5.0, null, 3))))).build()),
                "/services/web/autoScaling/stepScaling/0/stepAdjustments/1 :: has a step from 5.0 to unbounded that"
                        + " overlaps the step from 0.0 to 10.0");
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(1, 4,
                        List.of(), List.of(step(Comparison.LessThanThreshold, AdjustmentType.ChangeInCapacity, null,
                                new StepAdjustment(null, -10.0, -1))))).build()),
                "/services/web/autoScaling/stepScaling/0/stepAdjustments/0 :: alarms below its threshold, so its"
                        + " highest step must have metricIntervalUpperBound 0 (the threshold itself), not -10.0");
        assertExactly(Findings.of(new AutoScalingCheck(), withService(service("main", "web").autoScaling(1, 4,
                        List.of(), List.of(step(Comparison.GreaterThanThreshold, AdjustmentType.ExactCapacity, 2,
                                new StepAdjustment(0.0, null, -1))))).build()),
                "/services/web/autoScaling/stepScaling/0/minAdjustmentMagnitude :: has minAdjustmentMagnitude, which"
                        + " only PercentChangeInCapacity uses",
                "/services/web/autoScaling/stepScaling/0/stepAdjustments/0/scalingAdjustment :: sets an exact capacity"
                        + " of -1; a count is 0 or more");
    }

    @Test
    void rollingDeploymentMustHaveRoom() {
        assertExactly(Findings.of(new DeploymentCheck(), withService(service("main", "web").deployment(100, 100)).build()),
                "/services/web/deploymentConfiguration/maximumPercent :: service \"web\" cannot complete a rolling "
                        + "deployment: maximumPercent 100 must be greater than minimumHealthyPercent 100");
        assertExactly(Findings.of(new DeploymentCheck(), withService(service("main", "web").deployment(200, null)).build()),
                "/services/web/deploymentConfiguration/minimumHealthyPercent :: maximumPercent 200 must be greater "
                        + "than minimumHealthyPercent 200");
        assertExactly(Findings.of(new DeploymentCheck(),
                withService(service("main", "web").desiredCount(0).deployment(100, 100)).build()));
        assertExactly(Findings.of(new DeploymentCheck(), withService(service("main", "web").deployment(0, 100)).build()));
    }

    @Test
    void loadBalancerHealthCheckTimeoutBelowInterval() {
        StackFixture stack = StackFixture.minimal();
        stack.loadBalancers.put("edge", new LoadBalancer("main", null, List.of(), List.of(),
                new LoadBalancer.TargetHealthCheck("/", 10, 10, null, null, null), null, null, null));
        stack.loadBalancers.put("slow", new LoadBalancer("main", null, List.of(), List.of(),
                new LoadBalancer.TargetHealthCheck("/", null, 45, null, null, null), null, null, null));
        stack.loadBalancers.put("fine", new LoadBalancer("main", null, List.of(), List.of(),
                new LoadBalancer.TargetHealthCheck("/", 10, 5, null, null, null), null, null, null));
        assertExactly(Findings.of(new DeploymentCheck(), stack.build()),
                "/loadBalancers/edge/healthCheck/timeout :: load balancer \"edge\" health check timeout 10 must be "
                        + "less than its interval 10 seconds",
                "/loadBalancers/slow/healthCheck/timeout :: timeout 45 must be less than its interval 30 (the default)");
    }
}
