package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * The awslogs driver is Docker's own and works on any host whose Docker daemon has AWS
 * credentials and a region (an EC2 instance profile, or AWS_* in dockerd's environment), so it is
 * allowed; but a host without them fails to start the container, which a pasted ECS task
 * definition would not tell the user. A warning says so before the first apply does.
 */
final class AwsLogsCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> {
            for (int c = 0; c < task.containerDefinitions().size(); c++) {
                ContainerDefinition container = task.containerDefinitions().get(c);
                if (container.logConfiguration() != null && "awslogs".equals(container.logConfiguration().logDriver())) {
                    out.warning(positions.value(child(StackPointers.container(family, c), "logConfiguration", "logDriver")),
                            "logDriver awslogs sends logs to CloudWatch from the Docker daemon of each host, which "
                                    + "needs AWS credentials and a region (awslogs-region) there; where it has none, "
                                    + "the container does not start. Use json-file or local to keep logs on the host");
                }
            }
        });
    }
}
