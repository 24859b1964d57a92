package dev.berth.schema.validation;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** The cpu/memory combinations Fargate offers, as in the ECS task size table (memory in MiB). */
final class FargateTaskSizes {

    /** The memory values allowed with one cpu value. */
    record Size(int cpu, List<Integer> memory, String description) {
        boolean allows(int mib) {
            return memory.contains(mib);
        }
    }

    static final List<Size> SIZES = List.of(
            listed(256, 512, 1024, 2048),
            stepped(512, 1024, 4096, 1024),
            stepped(1024, 2048, 8192, 1024),
            stepped(2048, 4096, 16384, 1024),
            stepped(4096, 8192, 30720, 1024),
            stepped(8192, 16384, 61440, 4096),
            stepped(16384, 32768, 122880, 8192));

    private FargateTaskSizes() {
    }

    static Optional<Size> forCpu(int cpu) {
        return SIZES.stream().filter(size -> size.cpu() == cpu).findFirst();
    }

    /** "256 (0.25 vCPU), 512 (0.5 vCPU), ..." for messages about an unsupported cpu value. */
    static String cpuValues() {
        return String.join(", ", SIZES.stream().map(s -> s.cpu() + " (" + vcpu(s.cpu()) + " vCPU)").toList());
    }

    private static String vcpu(int cpu) {
        return cpu % 1024 == 0 ? String.valueOf(cpu / 1024) : String.valueOf(cpu / 1024.0);
    }

    private static Size listed(int cpu, Integer... memory) {
        List<String> values = List.of(memory).stream().map(String::valueOf).toList();
        String description = String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.getLast()
                + " MiB";
        return new Size(cpu, List.of(memory), description);
    }

    private static Size stepped(int cpu, int min, int max, int step) {
        List<Integer> memory = IntStream.iterate(min, m -> m <= max, m -> m + step).boxed().toList();
        return new Size(cpu, memory, min + "-" + max + " MiB in " + step + " MiB steps");
    }
}
