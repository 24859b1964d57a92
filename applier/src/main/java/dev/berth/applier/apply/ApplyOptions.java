package dev.berth.applier.apply;

/**
 * @param atomic when any service fails, roll back every service this apply changed
 */
public record ApplyOptions(boolean atomic) {
}
