package dev.berth.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlanJsonRendererTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void listsEveryAddressWithBeforeAfterAndTheSummary() throws Exception {
        JsonNode root = mapper.readTree(new PlanJsonRenderer().render(Samples.richPlan()));

        assertEquals(2, root.get("formatVersion").asInt());
        assertEquals("shop", root.get("stack").asText());
        assertEquals(6, root.get("changes").size());
        JsonNode web = root.get("changes").get(4);
        assertEquals("service.web", web.get("address").asText());
        assertEquals("replace", web.get("action").asText());
        assertEquals("berth/web:1", web.get("before").get("containerDefinitions.app.image").asText());
        assertEquals("berth/web:2", web.get("after").get("containerDefinitions.app.image").asText());
        assertEquals(3, web.get("detail").get("rollout").get("steps").size());
        assertEquals("host-b", web.get("detail").get("placement").get("starts").get(1).get("host").asText());
        assertEquals(mapper.readTree("{\"code\":\"IMAGE_CHANGED\",\"tasks\":2,\"from\":[\"web:2\"],\"to\":\"web:3\","
                + "\"message\":\"image changed: rolling replacement of 2 tasks\"}"), web.get("reasons").get(0));
        assertEquals("TASK_OUTDATED", web.get("detail").get("placement").get("stops").get(0).get("why").get("code")
                .asText());
        assertEquals("TASKS_UNPLACEABLE", root.get("problems").get(0).get("code").asText());
        assertEquals(3, root.get("problems").get(0).get("tasks").asInt());
        assertEquals("noop", root.get("changes").get(1).get("action").asText());
        assertEquals(mapper.readTree("{\"create\":2,\"update\":1,\"replace\":1,\"delete\":1,\"noop\":1}"),
                root.get("summary"));
    }

    @Test
    void namesSensitivePathsWithoutTheirValues() throws Exception {
        JsonNode web = mapper.readTree(new PlanJsonRenderer().render(Samples.richPlan())).get("changes").get(4);

        assertEquals("[\"containerDefinitions.app.secrets.TOKEN\"]", web.get("sensitive").toString());
        assertEquals(false, web.get("before").has("containerDefinitions.app.secrets.TOKEN"));
        assertEquals(false, web.get("after").has("containerDefinitions.app.secrets.TOKEN"));
    }

    @Test
    void equalPlansGiveIdenticalBytesWhateverTheMapOrder() {
        Map<String, Object> oneOrder = new HashMap<>();
        Map<String, Object> otherOrder = new HashMap<>(64);
        for (int i = 0; i < 20; i++) {
            oneOrder.put("K" + i, i);
            otherOrder.put("K" + (19 - i), 19 - i);
        }

        assertEquals(new PlanJsonRenderer().render(planWithEnvironment(oneOrder)),
                new PlanJsonRenderer().render(planWithEnvironment(otherOrder)));
    }

    private static Plan planWithEnvironment(Map<String, Object> environment) {
        return new Plan("shop", List.of(Samples.serviceChange("web", Action.replace,
                List.of(new AttributeChange("environment", null, environment, false)), List.of(), null)),
                List.of(), List.of());
    }
}
