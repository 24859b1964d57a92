package dev.berth.planner.placement;

import dev.berth.schema.expression.ClusterQuery;
import java.util.Optional;

/**
 * The {@code memberOf} constraint: the host's attributes must satisfy the cluster query. A record,
 * so two services with the same query have equal filters.
 *
 * @param expression the query as the stack writes it, for the rejection message
 */
public record MemberOfFilter(ClusterQuery query, String expression) implements FeasibilityFilter {
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
