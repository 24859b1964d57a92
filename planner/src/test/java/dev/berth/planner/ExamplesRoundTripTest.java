package dev.berth.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example and team stack, once applied, plans to no changes: the diff rests on the canonical
 * form, and the examples are what users copy first.
 */
class ExamplesRoundTripTest {
    private static final Path ROOT = Path.of("..");
    private static final long GIB = 1024L * 1024L * 1024L;

    @TestFactory
    Stream<DynamicTest> everyAppliedExamplePlansToNoChanges() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            // A stack is a directory with *.yaml in it; examples/ci and examples/agent hold other files.
            examples.filter(ExamplesRoundTripTest::holdsAStack).sorted()
                    .forEach(d -> tests.add(DynamicTest.dynamicTest(d.getFileName().toString(),
                            () -> assertRoundTrip(d, List.of()))));
        }
        try (Stream<Path> varFiles = Files.list(ROOT.resolve("stacks/shop/vars"))) {
            varFiles.sorted().forEach(v -> tests.add(DynamicTest.dynamicTest("stacks/shop with " + v.getFileName(),
                    () -> assertRoundTrip(ROOT.resolve("stacks/shop"), List.of(v)))));
        }
        assertTrue(tests.size() >= 5);
        return tests.stream();
    }

    private static boolean holdsAStack(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".yaml"));
        } catch (IOException notADirectory) {
            return false;
        }
    }

    private static void assertRoundTrip(Path stackPath, List<Path> varFiles) {
        LoadedStack loaded = StackLoader.load(stackPath, new VariableInputs(Map.of(), varFiles, Map.of()));
        assertTrue(loaded.valid(), () -> loaded.diagnostics().toString());
        Stack stack = loaded.canonical();
        ObservedState deployed = Observed.applied(stack, empty(stack), Planner.plan(stack, empty(stack)));

        Plan again = Planner.plan(stack, deployed);

        assertEquals(List.of(), again.problems());
        assertEquals(List.of(), again.changes().stream().filter(c -> c.action() != Action.noop)
                .map(c -> c.address() + " " + c.action() + " " + c.reasons()).toList());
    }

    /** Roomy, reachable hosts named as the stack's clusters name them ("local" when none are declared). */
    private static ObservedState empty(Stack stack) {
        List<ObservedHost> hosts = new ArrayList<>();
        stack.clusters().forEach((cluster, declared) -> {
            List<String> names = declared.hosts().isEmpty() ? List.of("local")
                    : declared.hosts().stream().map(Host::name).toList();
            names.forEach(name -> hosts.add(new ObservedHost(cluster, name, "unix:///" + name, true, null,
                    new ObservedHost.HostInfo(16, 64 * GIB, "linux", "x86_64", "20.10.24"))));
        });
        return new ObservedState(stack.stack(), hosts, List.of(), List.of(), List.of(), List.of());
    }
}
