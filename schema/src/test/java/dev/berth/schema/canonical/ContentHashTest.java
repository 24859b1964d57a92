package dev.berth.schema.canonical;

import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.TaskDefinition;
import org.junit.jupiter.api.Test;

import static dev.berth.schema.canonical.Fixtures.canonical;
import static dev.berth.schema.canonical.Fixtures.container;
import static dev.berth.schema.canonical.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentHashTest {

    /**
     * A literal on purpose: if this fails, serialization or a default changed, and every deployed
     * task definition would get a new revision. Update it only for a deliberate change.
     */
    @Test
    void hashOfAFixedTaskDefinitionIsStable() {
        TaskDefinition fixed = canonical(task(NetworkMode.bridge,
                container("app", "nginx:1.27").command("nginx", "-g", "daemon off;")
                        .environment(new KeyValuePair("MODE", "prod"))
                        .ports(new PortMapping(80, null, null, null, null, null))));

        assertEquals("""
                {"containerDefinitions":[{"command":["nginx","-g","daemon off;"],\
                "environment":[{"name":"MODE","value":"prod"}],"essential":true,"image":"nginx:1.27","name":"app",\
                "portMappings":[{"containerPort":80,"hostPort":0,"protocol":"tcp"}],"privileged":false,\
                "readonlyRootFilesystem":false,"stopTimeout":30}],"networkMode":"bridge",\
                "requiresCompatibilities":["EC2"],"runtimePlatform":{"cpuArchitecture":"X86_64","operatingSystemFamily":"LINUX"}}\
                """, CanonicalJson.write(fixed));
        assertEquals("sha256:632ab2f97b62dc1ea26384962a7587f15b451b99306faaba6e794ae1d6480b52", ContentHash.of(fixed));
    }

    @Test
    void shortFormIsTheFirstTwelveHexDigits() {
        String hash = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        assertEquals("0123456789ab", ContentHash.shortForm(hash));
        assertEquals("0123456789ab", ContentHash.shortForm(hash.substring("sha256:".length())));
        assertThrows(IllegalArgumentException.class, () -> ContentHash.shortForm("sha256:0123"));
    }
}
