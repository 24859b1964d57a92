package dev.berth.schema.validation;

import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.TaskDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.berth.schema.validation.Findings.assertExactly;
import static dev.berth.schema.validation.StackFixture.container;
import static dev.berth.schema.validation.StackFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskSizeChecksTest {

    private static StackFixture withTask(StackFixture.TaskBuilder task) {
        StackFixture stack = StackFixture.minimal();
        stack.taskDefinitions.put("web", task.build());
        return stack;
    }

    @ParameterizedTest
    @CsvSource({"256,512", "256,2048", "512,4096", "1024,2048", "2048,16384", "4096,30720", "8192,61440",
            "16384,32768", "16384,122880"})
    void acceptsEveryTableEntry(int cpu, int memory) {
        StackFixture stack = withTask(task().fargate().networkMode(NetworkMode.awsvpc).size(cpu, memory)
                .container(container("app")));
        assertExactly(Findings.of(new FargateCheck(), stack.build()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "256   | 1536  | 512, 1024 or 2048 MiB",
            "1024  | 3000  | 2048-8192 MiB in 1024 MiB steps",
            "4096  | 32768 | 8192-30720 MiB in 1024 MiB steps",
            "8192  | 18432 | 16384-61440 MiB in 4096 MiB steps",
            "16384 | 36864 | 32768-122880 MiB in 8192 MiB steps"})
    void rejectsMemoryOutsideTheRowOfItsCpu(int cpu, int memory, String allowed) {
        StackFixture stack = withTask(task().fargate().networkMode(NetworkMode.awsvpc).size(cpu, memory)
                .container(container("app")));
        assertExactly(Findings.of(new FargateCheck(), stack.build()),
                "/taskDefinitions/web/memory :: FARGATE with cpu " + cpu + " allows memory " + allowed + ", not " + memory);
    }

    @Test
    void fargateNeedsAwsvpcListedCpuAndNoPrivilegeOrHostPaths() {
        StackFixture stack = withTask(task().fargate().size(300, 1024).volume("logs", "/var/log")
                .container(container("app").privileged()));
        assertExactly(Findings.of(new FargateCheck(), stack.build()),
                "/taskDefinitions/web/requiresCompatibilities/0 :: only supports networkMode awsvpc, but networkMode "
                        + "is bridge (the default)",
                "/taskDefinitions/web/cpu :: FARGATE offers no task size with cpu 300",
                "/taskDefinitions/web/containerDefinitions/0/privileged :: container \"app\" is privileged",
                "/taskDefinitions/web/volumes/0/host/sourcePath :: volume \"logs\" is a host path");
    }

    @Test
    void fargateNeedsTaskSize() {
        StackFixture stack = withTask(task().fargate().networkMode(NetworkMode.awsvpc).size(null, null)
                .container(container("app")));
        assertExactly(Findings.of(new FargateCheck(), stack.build()),
                "/taskDefinitions/web/requiresCompatibilities/0 :: needs a task-level cpu; set cpu to one of "
                        + "256 (0.25 vCPU), 512 (0.5 vCPU), 1024 (1 vCPU)",
                "/taskDefinitions/web/requiresCompatibilities/0 :: needs a task-level memory");
    }

    @Test
    void nonFargateTasksPassTheFargateCheck() {
        StackFixture stack = withTask(task().size(300, 1000).container(container("app").privileged()));
        assertExactly(Findings.of(new FargateCheck(), stack.build()));
    }

    @Test
    void tableDescribesEachCpu() {
        assertEquals(List.of(256, 512, 1024, 2048, 4096, 8192, 16384),
                FargateTaskSizes.SIZES.stream().map(FargateTaskSizes.Size::cpu).toList());
        assertEquals(4, FargateTaskSizes.forCpu(512).orElseThrow().memory().size());
    }

    @Test
    void ec2TaskCpuRangeAndContainerSum() {
        StackFixture stack = withTask(task().size(12000, null).container(container("app")));
        assertExactly(Findings.of(new TaskCpuCheck(), stack.build()),
                "/taskDefinitions/web/cpu :: has cpu 12000, but EC2 and EXTERNAL tasks take 128-10240 cpu units");
        stack = withTask(task().size(1024, null).container(container("app").cpu(1024)).container(container("b").cpu(512)));
        assertExactly(Findings.of(new TaskCpuCheck(), stack.build()),
                "/taskDefinitions/web/cpu :: reserve 1536 cpu units in total, more than the task cpu 1024");
        stack = withTask(task().size(128, null).container(container("app").cpu(128)));
        assertExactly(Findings.of(new TaskCpuCheck(), stack.build()));
    }

    @Test
    void containerMemoryFitsTheTask() {
        StackFixture stack = withTask(task().size(null, 1024)
                .container(container("app").memory(2048, 512))
                .container(container("side").memory(256, 512))
                .container(container("logs").memory(null, 300)));
        assertExactly(Findings.of(new MemoryCheck(), stack.build()),
                "/taskDefinitions/web/containerDefinitions/0/memory :: container \"app\" has memory 2048 MiB, more "
                        + "than the 1024 MiB of task definition \"web\"",
                "/taskDefinitions/web/containerDefinitions/1/memoryReservation :: container \"side\" reserves 512 MiB "
                        + "(memoryReservation) with a memory limit of 256 MiB",
                "/taskDefinitions/web/memory :: reserve 1324 MiB in total");
    }

    @Test
    void aReservationEqualToTheLimitIsRefusedAsEcsRefusesIt() {
        StackFixture stack = withTask(task().container(container("app").memory(256, 256)));
        assertExactly(Findings.of(new MemoryCheck(), stack.build()),
                "/taskDefinitions/web/containerDefinitions/0/memoryReservation :: container \"app\" reserves 256 MiB "
                        + "(memoryReservation) with a memory limit of 256 MiB; the reservation must be below the limit");
    }

    @Test
    void atLeastOneContainerIsEssential() {
        StackFixture stack = withTask(task().container(container("a").essential(false))
                .container(container("b").essential(false)));
        assertExactly(Findings.of(new EssentialContainerCheck(), stack.build()),
                "key /taskDefinitions/web/containerDefinitions :: task definition \"web\" has no essential container");
        stack = withTask(task().container(container("a").essential(false)).container(container("b")));
        assertExactly(Findings.of(new EssentialContainerCheck(), stack.build()));
    }

    @Test
    void fargateTasksSkipTheEc2CpuRange() {
        TaskDefinition task = task().fargate().networkMode(NetworkMode.awsvpc).size(16384, 32768)
                .container(container("app")).build();
        StackFixture stack = StackFixture.minimal();
        stack.taskDefinitions.put("web", task);
        assertExactly(Findings.of(new TaskCpuCheck(), stack.build()));
    }
}
