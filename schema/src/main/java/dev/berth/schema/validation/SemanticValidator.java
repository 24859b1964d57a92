package dev.berth.schema.validation;

import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.List;

/** Runs every semantic check, so a user sees all findings of a stack at once. */
public final class SemanticValidator {
    private static final List<SemanticCheck> CHECKS = List.of(
            new ServiceReferenceCheck(),
            new ServiceDependencyCheck(),
            new ClusterMemberReferenceCheck(),
            new LoadBalancerListenerCheck(),
            new ContainerReferenceCheck(),
            new ContainerDependencyCycleCheck(),
            new DuplicateNameCheck(),
            new FargateCheck(),
            new TaskCpuCheck(),
            new MemoryCheck(),
            new EssentialContainerCheck(),
            new AwsLogsCheck(),
            new RestartPolicyCheck(),
            new ContainerKernelCheck(),
            new SwapCheck(),
            new DisabledNetworkingCheck(),
            new PortMappingCheck(),
            new HostPortCapacityCheck(),
            new AutoScalingCheck(),
            new ServiceConnectCheck(),
            new DeploymentCheck(),
            new PlacementCheck());

    private SemanticValidator() {
    }

    public static void validate(Stack stack, SourceMap positions, Diagnostics out) {
        for (SemanticCheck check : CHECKS) {
            check.check(stack, positions, out);
        }
    }
}
