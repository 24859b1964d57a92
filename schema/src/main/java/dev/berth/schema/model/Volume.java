package dev.berth.schema.model;

import java.util.Map;

/**
 * A task volume: a host path when {@code host} is set, otherwise a named Docker volume.
 */
public record Volume(String name, HostVolume host, DockerVolumeConfiguration dockerVolumeConfiguration) {

    public record HostVolume(String sourcePath) {
    }

    /**
     * @param scope {@code task}: one volume per task, removed with it; {@code shared}: one per host,
     *              kept across tasks and deployments
     */
    public record DockerVolumeConfiguration(Scope scope, Boolean autoprovision, String driver,
                                            Map<String, String> driverOpts, Map<String, String> labels) {
        public DockerVolumeConfiguration {
            driverOpts = Immutable.map(driverOpts);
            labels = Immutable.map(labels);
        }

        public enum Scope { task, shared }
    }
}
