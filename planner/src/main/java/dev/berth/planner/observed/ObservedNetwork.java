package dev.berth.planner.observed;

/** A Docker network berth created for the stack (the stack network or a namespace's). */
public record ObservedNetwork(String host, String id, String name, String namespace) {
}
