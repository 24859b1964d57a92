package dev.berth.schema.canonical;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "nginx, nginx:latest",
            "nginx:1.27, nginx:1.27",
            "docker.io/library/nginx, nginx:latest",
            "index.docker.io/library/nginx:1.27, nginx:1.27",
            "library/nginx, nginx:latest",
            "docker.io/bitnami/redis, bitnami/redis:latest",
            "index.docker.io/bitnami/redis:7, bitnami/redis:7",
            "registry:5000/app, registry:5000/app:latest",
            "registry:5000/team/app:2, registry:5000/team/app:2",
            "ghcr.io/org/team/app, ghcr.io/org/team/app:latest",
            "app@sha256:0123abcd, app@sha256:0123abcd",
            "registry:5000/app@sha256:0123abcd, registry:5000/app@sha256:0123abcd",
            "app:1@sha256:0123abcd, app:1@sha256:0123abcd",
            "Shop/App, Shop/App:latest",
            "nginx:latest, nginx:latest",
    })
    void normalizes(String reference, String expected) {
        assertEquals(expected, ImageReference.normalize(reference));
    }

    @ParameterizedTest
    @CsvSource({"nginx", "docker.io/library/nginx", "registry:5000/app", "app@sha256:0123abcd"})
    void isIdempotent(String reference) {
        String once = ImageReference.normalize(reference);
        assertEquals(once, ImageReference.normalize(once));
    }

    @ParameterizedTest
    @CsvSource({
            "nginx:1.27, docker.io",
            "bitnami/redis:7, docker.io",
            "docker.io/bitnami/redis:7, docker.io",
            "10.213.0.12:5000/berth/busybox:1, 10.213.0.12:5000",
            "ghcr.io/org/app:1, ghcr.io",
            "localhost/app:1, localhost",
            "registry:5000/app:latest, registry:5000",
    })
    void namesTheRegistryTheEnginePullsFrom(String reference, String registry) {
        assertEquals(registry, ImageReference.registry(reference));
    }
}
