package dev.berth.planner.plan;

/** A host as the stack names it: its cluster and its name there. */
public record HostRef(String cluster, String host) implements Comparable<HostRef> {
    @Override
    public int compareTo(HostRef other) {
        int byCluster = cluster.compareTo(other.cluster);
        return byCluster != 0 ? byCluster : host.compareTo(other.host);
    }

    @Override
    public String toString() {
        return cluster + "/" + host;
    }
}
