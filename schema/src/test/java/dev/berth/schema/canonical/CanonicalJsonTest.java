package dev.berth.schema.canonical;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.schema.model.HealthCheck;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.LogConfiguration;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.berth.schema.canonical.Fixtures.canonical;
import static dev.berth.schema.canonical.Fixtures.container;
import static dev.berth.schema.canonical.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CanonicalJsonTest {

    @Test
    void writesPropertiesAlphabeticallyWithoutNullsOrEmptyCollections() {
        assertEquals("{\"containerPort\":80,\"protocol\":\"udp\"}",
                CanonicalJson.write(new PortMapping(80, null, PortMapping.Protocol.udp, null, null, null)));
        assertEquals("{}", CanonicalJson.write(new LinuxParameters(null, null, null, List.of(), List.of(), null, null)));
    }

    @Test
    void writesMapEntriesByKey() {
        Map<String, String> unsorted = new LinkedHashMap<>();
        unsorted.put("b", "2");
        unsorted.put("a", "1");

        assertEquals("{\"logDriver\":\"json-file\",\"options\":{\"a\":\"1\",\"b\":\"2\"}}",
                CanonicalJson.write(new LogConfiguration("json-file", unsorted, null)));
    }

    @Test
    void keepsEmptyStringsBecauseTheyAreValues() {
        KeyValuePair empty = new KeyValuePair("FOO", "");

        assertEquals("{\"name\":\"FOO\",\"value\":\"\"}", CanonicalJson.write(empty));
        assertEquals(empty, CanonicalJson.read(CanonicalJson.write(empty), KeyValuePair.class));
    }

    @Test
    void roundTripsACanonicalTaskDefinitionExactly() {
        TaskDefinition canonical = canonical(task(NetworkMode.awsvpc,
                List.of(new Volume("data", null, null)),
                List.of(new PlacementConstraint(PlacementConstraint.Type.memberOf, "attribute:zone == a")),
                container("app", "shop/app:1").command("run").environment(new KeyValuePair("EMPTY", ""))
                        .secrets(new Secret("TOKEN", "env:TOKEN"))
                        .ports(new PortMapping(8080, null, null, "http", PortMapping.AppProtocol.http2, null))
                        .healthCheck(new HealthCheck(List.of("CMD-SHELL", "curl -f localhost"), 10, null, null, null))
                        .linuxParameters(new LinuxParameters(true, new LinuxParameters.Capabilities(List.of("NET_ADMIN"), List.of()),
                                64, List.of(new LinuxParameters.Tmpfs("/tmp", 32, List.of("noexec"))), List.of(), null, null))));

        assertEquals(canonical, CanonicalJson.read(CanonicalJson.write(canonical), TaskDefinition.class));
    }

    @Test
    void mapperIsACopySoOtherModulesCannotChangeCanonicalJson() {
        CanonicalJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);

        assertEquals("{\"name\":\"A\",\"value\":\"1\"}", CanonicalJson.write(new KeyValuePair("A", "1")));
    }
}
