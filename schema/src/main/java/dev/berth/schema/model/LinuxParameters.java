package dev.berth.schema.model;

import java.util.List;

/** Linux-specific container settings. {@code sharedMemorySize} and {@code maxSwap} are MiB. */
public record LinuxParameters(Boolean initProcessEnabled, Capabilities capabilities, Integer sharedMemorySize,
                              List<Tmpfs> tmpfs, List<Device> devices, Integer maxSwap, Integer swappiness) {
    public LinuxParameters {
        tmpfs = Immutable.list(tmpfs);
        devices = Immutable.list(devices);
    }

    public record Capabilities(List<String> add, List<String> drop) {
        public Capabilities {
            add = Immutable.list(add);
            drop = Immutable.list(drop);
        }
    }

    /** A tmpfs mount; {@code size} is MiB. */
    public record Tmpfs(String containerPath, Integer size, List<String> mountOptions) {
        public Tmpfs {
            mountOptions = Immutable.list(mountOptions);
        }
    }

    /** A host device mapped into the container; a null {@code containerPath} means the host's path. */
    public record Device(String hostPath, String containerPath, List<Permission> permissions) {
        public Device {
            permissions = Immutable.list(permissions);
        }

        public enum Permission { read, write, mknod }
    }
}
