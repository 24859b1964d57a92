package dev.berth.planner.plan;

/**
 * One attribute's before and after. Values are JSON-like: String, Number, Boolean, List, Map, or
 * null when absent on that side. {@code sensitive} values are never rendered, only "(sensitive)".
 *
 * @param path dotted path within the address, e.g. {@code containerDefinitions.app.image}
 */
public record AttributeChange(String path, Object before, Object after, boolean sensitive) {
}
