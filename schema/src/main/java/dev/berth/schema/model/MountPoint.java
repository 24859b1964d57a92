package dev.berth.schema.model;

/** Mounts a volume declared in the task definition into a container. */
public record MountPoint(String sourceVolume, String containerPath, Boolean readOnly) {
}
