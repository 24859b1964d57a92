package dev.berth.planner.placement;

import dev.berth.schema.expression.ClusterQuery;
import java.util.Optional;

/** The {@code memberOf} constraint: the host's attributes must satisfy the cluster query. */
public final class MemberOfFilter implements FeasibilityFilter {
    private final ClusterQuery query;
    private final String expression;

    /** @param expression the query as the stack writes it, for the rejection message */
    public MemberOfFilter(ClusterQuery query, String expression) {
        this.query = query;
        this.expression = expression;
    }

    @Override
    public Optional<String> reject(HostSnapshot host, TaskAsk ask) {
        return query.matches(host.attributes()) ? Optional.empty()
                : Optional.of("fails memberOf(" + expression + ")");
    }

    @Override
    public boolean judgesHostOnly() {
        return true;
    }
}
