package dev.berth.applier.apply;

/**
 * One phase of an apply: it carries out the plan's changes of one kind, reading only the plan and
 * recording an outcome per address. Phases run in a fixed order (images, networks, revisions,
 * services, removed services, removed networks), each only after the ones before it succeeded.
 */
interface ApplyStep {
    /** @return false when the apply stops here: nothing after this phase may run */
    boolean run(Execution execution);
}
