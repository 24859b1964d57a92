package dev.berth.schema.model;

import java.util.List;

/** Linux-specific container settings. {@code sharedMemorySize} is MiB. */
public record LinuxParameters(Boolean initProcessEnabled, Capabilities capabilities, Integer sharedMemorySize,
                              List<Tmpfs> tmpfs) {
    public LinuxParameters {
        tmpfs = Immutable.list(tmpfs);
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
}
