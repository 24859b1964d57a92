package dev.berth.schema.validation;

import static dev.berth.schema.source.SourceMap.child;
import static dev.berth.schema.source.SourceMap.pointer;

/** JSON Pointers of the stack nodes that checks report on. */
final class StackPointers {
    private StackPointers() {
    }

    static String service(String name) {
        return pointer("services", name);
    }

    static String taskDefinition(String family) {
        return pointer("taskDefinitions", family);
    }

    static String container(String family, int index) {
        return child(taskDefinition(family), "containerDefinitions", index);
    }

    static String cluster(String name) {
        return pointer("clusters", name);
    }

    static String namespace(String name) {
        return pointer("namespaces", name);
    }

    static String loadBalancer(String name) {
        return pointer("loadBalancers", name);
    }
}
