package dev.berth.planner.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.RevisionDetail;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevisionResolverTest {

    private static RevisionRecord record(int revision, TaskDefinition definition) {
        return new RevisionRecord("web", revision, ContentHash.of(definition), CanonicalJson.write(definition),
                Instant.EPOCH);
    }

    private static ResolvedRevisions resolve(Stack stack, RevisionRecord... records) {
        return new RevisionResolver(new RevisionHistory(List.of(records))).resolve(stack,
                List.of(new HostRef(Stacks.CLUSTER, "h1")));
    }

    @Test
    void aNewFamilyStartsAtRevisionOne() {
        ResolvedRevisions resolved = resolve(Stacks.stack("h1").service("web", "web:1", 1).build());

        assertEquals(1, resolved.families().get("web").revision());
        PlannedChange change = resolved.changes().get(0);
        assertEquals(Action.create, change.action());
        assertEquals(List.of(Reason.of(ReasonCode.REVISION_NEW, "revision", "web:1", "hosts", List.of("h1"))),
                change.reasons());
        assertEquals(new RevisionDetail("web", 1, resolved.families().get("web").specHash(),
                resolved.families().get("web").definition(), List.of(new HostRef(Stacks.CLUSTER, "h1"))), change.detail());
    }

    @Test
    void aNewDefinitionWithNoHostAnsweringSaysItIsRecordedByTheNextApplyThatReachesOne() {
        Stack stack = Stacks.stack("h1").service("web", "web:1", 1).build();
        ResolvedRevisions resolved = new RevisionResolver(new RevisionHistory(List.of())).resolve(stack, List.of());

        PlannedChange change = resolved.changes().get(0);
        assertEquals(Action.create, change.action());
        assertEquals("register web:1 on the next apply that reaches a host of its clusters: none answered",
                change.reasons().getFirst().message());
        assertEquals(List.of(), ((RevisionDetail) change.detail()).hosts());
    }

    @Test
    void anUnchangedDefinitionKeepsItsRecordedNumberEvenWhenNotTheLatest() {
        ResolvedRevisions resolved = resolve(Stacks.stack("h1").service("web", "web:1", 1).build(),
                record(1, Stacks.definition("web:1")), record(2, Stacks.definition("web:2")));

        assertEquals(1, resolved.forService("web").orElseThrow().revision());
        assertEquals(Action.noop, resolved.changes().get(0).action());
    }

    @Test
    void aChangedDefinitionIsTheNextRevisionDiffedAgainstTheLatest() {
        ResolvedRevisions resolved = resolve(Stacks.stack("h1").service("web", "web:3", 1).build(),
                record(1, Stacks.definition("web:1")), record(2, Stacks.definition("web:2")));

        assertEquals(3, resolved.families().get("web").revision());
        PlannedChange change = resolved.changes().get(0);
        assertEquals(Action.update, change.action());
        assertEquals(List.of(Reason.of(ReasonCode.REVISION_NEXT, "revision", "web:3", "latest", "web:2",
                "hosts", List.of("h1"))), change.reasons());
        assertEquals("register web:3 (latest is web:2) on h1", change.reasons().getFirst().message());
        assertEquals(List.of(new AttributeChange("containerDefinitions.app.image", "web:2", "web:3", false)),
                change.attributes());
    }

    @Test
    void aPinnedServiceRunsTheRecordedRevision() {
        TaskDefinition first = Stacks.definition("web:1");
        ResolvedRevisions resolved = resolve(Stacks.stack("h1").service("web", "web:2", 1)
                .service("web", Stacks.service("web:1", 1)).build(), record(1, first));

        DesiredRevision pinned = resolved.forService("web").orElseThrow();
        assertEquals(new DesiredRevision("web", 1, ContentHash.of(first), first), pinned);
        assertEquals(2, resolved.families().get("web").revision());
    }

    @Test
    void aPinBeyondTheRecordsIsAProblem() {
        ResolvedRevisions resolved = resolve(Stacks.stack("h1").service("web", "web:1", 1)
                        .service("web", Stacks.service("web:7", 1)).build(),
                record(1, Stacks.definition("web:0")), record(2, Stacks.definition("web:1")),
                record(3, Stacks.definition("web:2")));

        assertEquals(List.of(Reason.of(ReasonCode.PINNED_REVISION_MISSING, "service", "web", "revision", "web:7",
                "recorded", "revisions 1-3 exist")), resolved.problems());
        assertEquals(Optional.empty(), resolved.forService("web"));
    }
}
