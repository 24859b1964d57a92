package dev.berth.schema.canonical;

import dev.berth.schema.model.LinuxParameters;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNullElse;

/** Canonical Linux parameters of a container. */
final class LinuxParametersCanonicalizer {

    private static final String CAPABILITY_PREFIX = "CAP_";

    private LinuxParametersCanonicalizer() {
    }

    static LinuxParameters canonicalize(LinuxParameters parameters) {
        if (parameters == null) {
            return null;
        }
        return new LinuxParameters(
                requireNonNullElse(parameters.initProcessEnabled(), Defaults.INIT_PROCESS_ENABLED),
                canonicalize(parameters.capabilities()),
                parameters.sharedMemorySize(),
                Sorted.list(parameters.tmpfs(), Sorted.by(LinuxParameters.Tmpfs::containerPath)),
                Sorted.list(parameters.devices(), LinuxParametersCanonicalizer::canonicalize,
                        Sorted.by(LinuxParameters.Device::containerPath)),
                parameters.maxSwap(),
                parameters.swappiness());
    }

    /** A device's path in the container defaults to its host path; its permissions are a set. */
    private static LinuxParameters.Device canonicalize(LinuxParameters.Device device) {
        List<LinuxParameters.Device.Permission> permissions = device.permissions().isEmpty()
                ? Defaults.DEVICE_PERMISSIONS : device.permissions().stream().distinct().sorted().toList();
        return new LinuxParameters.Device(device.hostPath(),
                requireNonNullElse(device.containerPath(), device.hostPath()), permissions);
    }

    private static LinuxParameters.Capabilities canonicalize(LinuxParameters.Capabilities capabilities) {
        if (capabilities == null) {
            return null;
        }
        return new LinuxParameters.Capabilities(
                canonicalCapabilities(capabilities.add()), canonicalCapabilities(capabilities.drop()));
    }

    /** Docker accepts {@code net_admin}, {@code NET_ADMIN} and {@code CAP_NET_ADMIN} alike; a capability set has no order. */
    private static List<String> canonicalCapabilities(List<String> capabilities) {
        return capabilities.stream()
                .map(LinuxParametersCanonicalizer::canonicalCapability)
                .distinct()
                .sorted()
                .toList();
    }

    private static String canonicalCapability(String capability) {
        String upper = capability.toUpperCase(Locale.ROOT);
        return upper.startsWith(CAPABILITY_PREFIX) ? upper.substring(CAPABILITY_PREFIX.length()) : upper;
    }
}
