package dev.berth.schema.model;

/** CPU units (1024 = one vCPU) and memory in MiB. */
public record Resources(Integer cpu, Integer memory) {
}
