package dev.berth.schema.model;

/** The OS family and CPU architecture a task needs; matched against host attributes. */
public record RuntimePlatform(OperatingSystemFamily operatingSystemFamily, CpuArchitecture cpuArchitecture) {
    public enum OperatingSystemFamily { LINUX }

    public enum CpuArchitecture { X86_64, ARM64 }
}
