package dev.berth.planner.plan;

import dev.berth.schema.model.TaskDefinition;
import java.util.List;

/**
 * A task definition revision to record, and where: every host that answered of the clusters whose
 * services use the family. The number is fixed here, so two applies never number one definition twice.
 *
 * @param definition the canonical definition (secrets as their valueFrom only)
 */
public record RevisionDetail(String family, int revision, String specHash, TaskDefinition definition,
                             List<HostRef> hosts) implements ChangeDetail {
    public RevisionDetail {
        hosts = Lists.copy(hosts);
    }

    /** {@code family:N}. */
    public String label() {
        return family + ":" + revision;
    }
}
