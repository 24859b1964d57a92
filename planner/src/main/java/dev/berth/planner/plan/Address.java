package dev.berth.planner.plan;

/** What a change is about, written {@code kind.name}: {@code service.web}, {@code cluster.main}. */
public record Address(Kind kind, String name) implements Comparable<Address> {

    /** Declared in the order a plan lists and applies them: what others depend on comes first. */
    public enum Kind { cluster, namespace, taskDefinition, loadBalancer, service }

    public static Address parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not an address (kind.name): " + text);
        }
        return new Address(Kind.valueOf(text.substring(0, dot)), text.substring(dot + 1));
    }

    @Override
    public int compareTo(Address other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return kind + "." + name;
    }
}
