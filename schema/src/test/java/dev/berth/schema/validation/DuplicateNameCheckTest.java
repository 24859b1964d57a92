package dev.berth.schema.validation;

import org.junit.jupiter.api.Test;

import static dev.berth.schema.validation.Findings.assertExactly;
import static dev.berth.schema.validation.StackFixture.cluster;
import static dev.berth.schema.validation.StackFixture.container;
import static dev.berth.schema.validation.StackFixture.loadBalancer;
import static dev.berth.schema.validation.StackFixture.task;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateNameCheckTest {

    @Test
    void reportsEachRepeatAtTheSecondOccurrenceNamingTheFirstLine() {
        StackFixture stack = StackFixture.minimal();
        stack.clusters.put("main", cluster("h1", "h2", "h1"));
        stack.loadBalancers.put("edge", loadBalancer("main", null, 80, 443, 80));
        stack.taskDefinitions.put("web", task().volume("data", null).volume("data", null)
                .container(container("app").env("A", "B", "A").secret("S", "S", "B"))
                .container(container("app")).build());
        var findings = Findings.of(new DuplicateNameCheck(), stack.build());
        assertExactly(findings,
                "/clusters/main/hosts/2/name :: host \"h1\" is declared twice in cluster \"main\" (first at line",
                "/loadBalancers/edge/listeners/2/port :: load balancer \"edge\" has two listeners on port 80",
                "/taskDefinitions/web/volumes/1/name :: volume \"data\" is declared twice",
                "/taskDefinitions/web/containerDefinitions/1/name :: container name \"app\" is used twice",
                "/taskDefinitions/web/containerDefinitions/0/environment/2/name :: environment variable \"A\" is set "
                        + "twice in container \"app\"",
                "/taskDefinitions/web/containerDefinitions/0/secrets/1/name :: secret \"S\" is declared twice",
                "/taskDefinitions/web/containerDefinitions/0/environment/1/name :: environment variable \"B\" of "
                        + "container \"app\" is also a secret");
    }

    @Test
    void namesTheLineOfTheFirstOccurrence() {
        StackFixture stack = StackFixture.minimal();
        stack.clusters.put("main", cluster("h1", "h1"));
        String message = Findings.of(new DuplicateNameCheck(), stack.build()).getFirst().message();
        int firstLine = Findings.lineOf(stack.build(), "/clusters/main/hosts/0/name");
        assertTrue(message.contains("(first at line " + firstLine + ")"), message);
    }
}
