package dev.berth.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.planner.plan.AttributeChange;

import java.io.UncheckedIOException;

/** How an attribute value reads in text and markdown: as compact JSON, so strings are quoted and lists bracketed. */
final class Values {
    static final String SENSITIVE = "(sensitive)";

    private Values() {
    }

    static String literal(Object value) {
        try {
            return JsonOutput.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code path: before -> after}, one-sided when the attribute appears or disappears. */
    static String describe(AttributeChange change) {
        if (change.sensitive()) {
            return change.path() + ": " + SENSITIVE;
        }
        if (change.before() == null) {
            return change.path() + ": " + literal(change.after());
        }
        if (change.after() == null) {
            return change.path() + ": " + literal(change.before());
        }
        return change.path() + ": " + literal(change.before()) + " -> " + literal(change.after());
    }
}
