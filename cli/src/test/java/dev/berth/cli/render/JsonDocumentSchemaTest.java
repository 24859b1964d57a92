package dev.berth.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.berth.planner.drift.DriftReport;
import dev.berth.planner.plan.ReasonCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The JSON renderers print exactly what schema/json/plan-v2 and drift-v1 promise. */
class JsonDocumentSchemaTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void planDocumentsMatchTheirSchema() throws IOException {
        JsonSchema schema = schema("plan-v2.schema.json");

        assertEquals(Set.of(), schema.validate(mapper.readTree(new PlanJsonRenderer().render(Samples.richPlan()))));
        assertEquals(Set.of(), schema.validate(mapper.readTree(new PlanJsonRenderer().render(Samples.unchangedPlan()))));
    }

    @Test
    void thePlanSchemaListsEveryReasonCodeAndNoOther() throws IOException {
        try (InputStream in = JsonDocumentSchemaTest.class.getResourceAsStream("/dev/berth/schema/json/plan-v2.schema.json")) {
            JsonNode codes = new ObjectMapper().readTree(in).at("/$defs/reason/properties/code/enum");
            List<String> listed = new ArrayList<>();
            codes.forEach(c -> listed.add(c.asText()));
            assertEquals(Arrays.stream(ReasonCode.values()).map(Enum::name).toList(), listed);
        }
    }

    @Test
    void driftDocumentsMatchTheirSchema() throws IOException {
        JsonSchema schema = schema("drift-v1.schema.json");

        assertEquals(Set.of(), schema.validate(mapper.readTree(new DriftJsonRenderer().render(Samples.richDrift()))));
        assertEquals(Set.of(), schema.validate(mapper.readTree(
                new DriftJsonRenderer().render(new DriftReport("shop", List.of())))));
    }

    @Test
    void theSchemasRejectWhatTheFormatDoesNotAllow() throws IOException {
        ObjectNode plan = (ObjectNode) mapper.readTree(new PlanJsonRenderer().render(Samples.richPlan()));
        ((ObjectNode) plan.get("changes").get(0)).put("action", "destroy");
        ObjectNode drift = (ObjectNode) mapper.readTree(new DriftJsonRenderer().render(Samples.richDrift()));
        drift.put("formatVersion", 2);

        Set<ValidationMessage> planErrors = schema("plan-v2.schema.json").validate(plan);
        Set<ValidationMessage> driftErrors = schema("drift-v1.schema.json").validate(drift);

        assertFalse(planErrors.isEmpty());
        assertFalse(driftErrors.isEmpty());
    }

    /** The schema module ships schema/json as classpath resources. */
    private static JsonSchema schema(String file) throws IOException {
        try (InputStream in = JsonDocumentSchemaTest.class.getResourceAsStream("/dev/berth/schema/json/" + file)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + file);
            }
            JsonNode node = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        }
    }
}
