package dev.berth.applier.observe;

import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.RevisionRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of a revision record kept as a Docker volume: name
 * {@code berth.<stack>.taskdef.<family>.<revision>}, the record itself in labels. A volume needs no
 * image and no running container, carries labels, survives {@code destroy} without
 * {@code --volumes}, and every machine that reaches the hosts reads the same history.
 */
public final class RevisionVolumes {
    private RevisionVolumes() {
    }

    public static String volumeName(String stack, String family, int revision) {
        return "berth." + stack + ".taskdef." + family + "." + revision;
    }

    public static Map<String, String> labels(String stack, RevisionRecord record) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BerthLabels.STACK, stack);
        labels.put(BerthLabels.KIND, BerthLabels.KIND_REVISION);
        labels.put(BerthLabels.FAMILY, record.family());
        labels.put(BerthLabels.REVISION, Integer.toString(record.revision()));
        labels.put(BerthLabels.SPEC_HASH, record.specHash());
        labels.put(BerthLabels.DEPLOYED_AT, record.deployedAt().toString());
        labels.put(BerthLabels.DEFINITION, record.definitionJson());
        return labels;
    }

    private static final List<String> RECORD_LABELS = List.of(BerthLabels.FAMILY, BerthLabels.REVISION,
            BerthLabels.SPEC_HASH, BerthLabels.DEPLOYED_AT, BerthLabels.DEFINITION);

    /** @throws IllegalArgumentException naming every label that is missing, or the one that is unreadable */
    public static RevisionRecord record(Map<String, String> labels) {
        List<String> missing = RECORD_LABELS.stream()
                .filter(key -> labels.get(key) == null || labels.get(key).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + String.join(", ", missing));
        }
        String revision = labels.get(BerthLabels.REVISION);
        String deployedAt = labels.get(BerthLabels.DEPLOYED_AT);
        try {
            return new RevisionRecord(labels.get(BerthLabels.FAMILY), Integer.parseInt(revision),
                    labels.get(BerthLabels.SPEC_HASH), labels.get(BerthLabels.DEFINITION), Instant.parse(deployedAt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BerthLabels.REVISION + " is not a number: " + revision, e);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(BerthLabels.DEPLOYED_AT + " is not ISO-8601: " + deployedAt, e);
        }
    }
}
