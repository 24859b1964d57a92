package dev.berth.planner.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeDiffTest {

    @Test
    void environmentEntriesCompareByNameSoAReorderIsNoChange() {
        var before = Stacks.definition("web:1", 256, 512,
                List.of(new KeyValuePair("A", "1"), new KeyValuePair("B", "2")), List.of());
        var after = Stacks.definition("web:1", 256, 512,
                List.of(new KeyValuePair("B", "2"), new KeyValuePair("A", "1")), List.of());

        assertEquals(List.of(), AttributeDiff.between(before, after));
    }

    @Test
    void environmentChangesReadAsValuesByName() {
        var before = Stacks.definition("web:1", 256, 512,
                List.of(new KeyValuePair("A", "1"), new KeyValuePair("B", "2")), List.of());
        var after = Stacks.definition("web:1", 512, 512,
                List.of(new KeyValuePair("A", "9"), new KeyValuePair("C", "3")), List.of());

        assertEquals(List.of(
                new AttributeChange("containerDefinitions.app.environment.A", "1", "9", false),
                new AttributeChange("containerDefinitions.app.environment.B", "2", null, false),
                new AttributeChange("containerDefinitions.app.environment.C", null, "3", false),
                new AttributeChange("cpu", 256, 512, false)), AttributeDiff.between(before, after));
        assertEquals(List.of("environment", "cpu"), ChangeSummary.topics(AttributeDiff.between(before, after)));
    }

    @Test
    void anythingUnderSecretsIsSensitive() {
        var before = Stacks.definition("web:1", 256, 512, List.of(), List.of(new Secret("DB", "env:DB_OLD")));
        var after = Stacks.definition("web:1", 256, 512, List.of(), List.of(new Secret("DB", "env:DB_NEW")));

        assertEquals(List.of(new AttributeChange("containerDefinitions.app.secrets.DB", "env:DB_OLD", "env:DB_NEW", true)),
                AttributeDiff.between(before, after));
    }

    @Test
    void aNewValueListsEveryAttributeAsAdded() {
        List<AttributeChange> created = AttributeDiff.between(null, Stacks.definition("web:1"));

        assertEquals(new AttributeChange("containerDefinitions.app.image", null, "web:1", false),
                created.stream().filter(c -> c.path().endsWith("image")).findFirst().orElseThrow());
        assertEquals(new AttributeChange("containerDefinitions.app.environment.LOG_LEVEL", null, "info", false),
                created.stream().filter(c -> c.path().contains("LOG_LEVEL")).findFirst().orElseThrow());
    }
}
