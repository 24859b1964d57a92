package dev.berth.schema.expression;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed ECS cluster query ({@code memberOf} expression), evaluated against the attributes of
 * one host. {@code toString()} prints the normalized expression.
 */
public sealed interface ClusterQuery {

    /** Whether a host with these attributes satisfies the query. */
    boolean matches(Map<String, String> attributes);

    /**
     * {@code instanceId}, or {@code attribute:NAME}, which looks up key NAME. The key is cut from
     * the text once, not at every lookup: placement matches a query against every host of the
     * cluster, and a new key string would be hashed each time.
     */
    record Subject(String text, String attributeKey) {
        public static final String INSTANCE_ID = "instanceId";
        static final String ATTRIBUTE_PREFIX = "attribute:";

        public Subject(String text) {
            this(text, text.equals(INSTANCE_ID) ? INSTANCE_ID : text.substring(ATTRIBUTE_PREFIX.length()));
        }

        String lookup(Map<String, String> attributes) {
            return attributes.get(attributeKey);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record And(ClusterQuery left, ClusterQuery right) implements ClusterQuery {
        @Override
        public boolean matches(Map<String, String> attributes) {
            return left.matches(attributes) && right.matches(attributes);
        }

        @Override
        public String toString() {
            return operand(left) + " and " + operand(right);
        }

        private static String operand(ClusterQuery query) {
            return query instanceof Or ? "(" + query + ")" : query.toString();
        }
    }

    record Or(ClusterQuery left, ClusterQuery right) implements ClusterQuery {
        @Override
        public boolean matches(Map<String, String> attributes) {
            return left.matches(attributes) || right.matches(attributes);
        }

        @Override
        public String toString() {
            return left + " or " + right;
        }
    }

    record Not(ClusterQuery operand) implements ClusterQuery {
        @Override
        public boolean matches(Map<String, String> attributes) {
            return !operand.matches(attributes);
        }

        @Override
        public String toString() {
            boolean compound = operand instanceof And || operand instanceof Or;
            return "not " + (compound ? "(" + operand + ")" : operand.toString());
        }
    }

    /** {@code ==} or {@code !=}; a missing attribute equals nothing. */
    record Compare(Subject subject, boolean equal, String value) implements ClusterQuery {
        @Override
        public boolean matches(Map<String, String> attributes) {
            return value.equals(subject.lookup(attributes)) == equal;
        }

        @Override
        public String toString() {
            return subject + (equal ? " == " : " != ") + QueryValues.print(value);
        }
    }

    /** {@code in [..]} or {@code not in [..]}; a missing attribute is in no list. */
    record In(Subject subject, boolean negated, List<String> values) implements ClusterQuery {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(Map<String, String> attributes) {
            String actual = subject.lookup(attributes);
            return (actual != null && values.contains(actual)) != negated;
        }

        @Override
        public String toString() {
            return subject + (negated ? " not in [" : " in [")
                    + String.join(", ", values.stream().map(QueryValues::print).toList()) + "]";
        }
    }

    /**
     * {@code =~} or {@code !~}: the whole attribute value must match the pattern, as ECS matches
     * {@code t2.*} against whole instance types. A missing attribute matches no pattern.
     */
    record Matches(Subject subject, boolean negated, Pattern pattern) implements ClusterQuery {
        @Override
        public boolean matches(Map<String, String> attributes) {
            String actual = subject.lookup(attributes);
            return (actual != null && pattern.matcher(actual).matches()) != negated;
        }

        @Override
        public String toString() {
            return subject + (negated ? " !~ " : " =~ ") + QueryValues.print(pattern.pattern());
        }
    }

    record Exists(Subject subject) implements ClusterQuery {
        @Override
        public boolean matches(Map<String, String> attributes) {
            return subject.lookup(attributes) != null;
        }

        @Override
        public String toString() {
            return subject + " exists";
        }
    }
}
