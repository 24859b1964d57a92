package dev.berth.schema.model;

import java.util.List;

/**
 * ECS Service Connect: the service's named ports, reachable from every task of the namespace on
 * any host of the cluster, under the discovery name and client aliases, through a proxy berth
 * runs on each host (balanced over the healthy tasks, drained before a task stops).
 *
 * @param namespace null: the service's own
 */
public record ServiceConnectConfiguration(Boolean enabled, String namespace, List<ServiceConnectService> services) {
    public ServiceConnectConfiguration {
        services = Immutable.list(services);
    }

    /**
     * @param portName      a named port mapping of the task definition
     * @param discoveryName the name in the namespace; null: {@code portName}
     * @param clientAliases the names and ports clients use; none: the discovery name on the
     *                      port mapping's container port
     */
    public record ServiceConnectService(String portName, String discoveryName, List<ClientAlias> clientAliases) {
        public ServiceConnectService {
            clientAliases = Immutable.list(clientAliases);
        }
    }

    public record ClientAlias(Integer port, String dnsName) {
    }
}
