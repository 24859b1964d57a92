package dev.berth.planner.plan;

import java.util.List;

/**
 * A Docker network to create on, or remove from, exactly these hosts: the hosts that answered
 * and lack it (create), or that have it while the stack no longer declares its owner (delete).
 *
 * @param network   the network's Docker name
 * @param namespace the namespace it serves; null for a cluster's stack network
 */
public record NetworkDetail(String network, String namespace, List<HostRef> hosts) implements ChangeDetail {
    public NetworkDetail {
        hosts = Lists.copy(hosts);
    }
}
