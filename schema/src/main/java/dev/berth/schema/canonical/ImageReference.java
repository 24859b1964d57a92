package dev.berth.schema.canonical;

import java.util.List;

/**
 * Normalizes Docker image references so that references Docker resolves to the same image
 * compare equal: {@code nginx}, {@code nginx:latest} and {@code docker.io/library/nginx:latest}.
 * Case is kept: repository names are lowercase by rule, and a wrong case is for validation to report.
 */
public final class ImageReference {

    public static final String DOCKER_HUB = "docker.io";

    /** Docker Hub spellings, longest first so that {@code docker.io/library/} wins over {@code docker.io/}. */
    private static final List<String> DOCKER_HUB_PREFIXES = List.of(
            "index.docker.io/library/", "docker.io/library/", "index.docker.io/", "docker.io/", "library/");

    private ImageReference() {
    }

    /** The normalized reference; null and blank references are returned unchanged. */
    public static String normalize(String reference) {
        if (reference == null || reference.isBlank()) {
            return reference;
        }
        String name = withoutDockerHubPrefix(reference);
        return hasTagOrDigest(name) ? name : name + ":" + Defaults.IMAGE_TAG;
    }

    /**
     * The registry the engine pulls the reference from, by Docker's rule: a first component with a
     * dot or a colon, or {@code localhost}, names a registry; anything else is on Docker Hub.
     */
    public static String registry(String reference) {
        int slash = reference.indexOf('/');
        String first = slash < 0 ? "" : reference.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : DOCKER_HUB;
    }

    private static String withoutDockerHubPrefix(String reference) {
        return DOCKER_HUB_PREFIXES.stream()
                .filter(reference::startsWith)
                .findFirst()
                .map(prefix -> reference.substring(prefix.length()))
                .orElse(reference);
    }

    /** A colon before the last slash belongs to a registry port ({@code registry:5000/app}), not a tag. */
    private static boolean hasTagOrDigest(String reference) {
        String lastComponent = reference.substring(reference.lastIndexOf('/') + 1);
        return reference.contains("@") || lastComponent.contains(":");
    }
}
