package dev.berth.schema.canonical;

import dev.berth.schema.model.Volume;
import dev.berth.schema.model.Volume.DockerVolumeConfiguration;

import static java.util.Objects.requireNonNullElse;

/** Canonical task volumes: a volume without a host path is a named Docker volume with explicit settings. */
final class VolumeCanonicalizer {

    private VolumeCanonicalizer() {
    }

    private static final DockerVolumeConfiguration UNSET = new DockerVolumeConfiguration(null, null, null, null, null);

    static Volume canonicalize(Volume volume) {
        DockerVolumeConfiguration docker = volume.dockerVolumeConfiguration();
        if (volume.host() != null && docker == null) {
            return volume;
        }
        return new Volume(volume.name(), volume.host(), canonicalize(requireNonNullElse(docker, UNSET)));
    }

    private static DockerVolumeConfiguration canonicalize(DockerVolumeConfiguration docker) {
        return new DockerVolumeConfiguration(
                requireNonNullElse(docker.scope(), Defaults.VOLUME_SCOPE),
                requireNonNullElse(docker.autoprovision(), Defaults.VOLUME_AUTOPROVISION),
                requireNonNullElse(docker.driver(), Defaults.VOLUME_DRIVER),
                Sorted.map(docker.driverOpts()),
                Sorted.map(docker.labels()));
    }
}
