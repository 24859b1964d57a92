package dev.berth.schema.validation;

import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.berth.schema.source.SourceMap.child;

/**
 * A service's dependsOn names other services of the stack, and no services wait for each other in
 * a cycle: apply would start none of them. Each cycle is reported once, at the dependsOn entry of
 * its first declared service that leads into it.
 */
final class ServiceDependencyCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        List<String> names = List.copyOf(stack.services().keySet());
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            indexOf.put(names.get(i), i);
        }
        stack.services().forEach((name, service) -> checkReferences(stack, name, service, positions, out));
        for (List<Integer> cycle : DependencyCycles.of(names.size(), i -> stack.services().get(names.get(i))
                .dependsOn().stream().map(indexOf::get).toList())) {
            String first = names.get(cycle.getFirst());
            int entry = stack.services().get(first).dependsOn().indexOf(names.get(cycle.get(1)));
            out.error(positions.value(child(StackPointers.service(first), "dependsOn", entry)),
                    "services depend on each other in a cycle: "
                            + String.join(" -> ", cycle.stream().map(names::get).toList())
                            + ", so apply could start none of them; remove one of these dependsOn entries");
        }
    }

    private static void checkReferences(Stack stack, String name, Service service, SourceMap positions,
                                        Diagnostics out) {
        String owner = "service \"" + name + "\"";
        List<String> dependencies = service.dependsOn();
        for (int i = 0; i < dependencies.size(); i++) {
            String pointer = child(StackPointers.service(name), "dependsOn", i);
            if (dependencies.get(i).equals(name)) {
                out.error(positions.value(pointer), owner + " names itself in dependsOn; it must name another "
                        + "service of the stack");
            } else {
                References.resolve(owner, "service", dependencies.get(i), stack.services().keySet(), "",
                        positions.value(pointer), out);
            }
        }
    }
}
