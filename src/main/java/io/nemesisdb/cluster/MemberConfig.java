package io.nemesisdb.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EventListener;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.NetworkConfig;
import io.nemesisdb.config.ClusterSettings;
import io.nemesisdb.config.SettingsException;
import io.nemesisdb.grid.GridKvStore;
import io.nemesisdb.grid.GridSessionsStore;

/**
 * The Hazelcast member's configuration, built from the server's settings (no XML): the cluster's
 * name, the port bound to the server's address, discovery by the member list (TCP-IP) or by one
 * DNS name (Kubernetes), never by multicast or auto-detection, the maps with synchronous
 * backups (the grid stores' own and the run-once marks of {@link MemberStores}), logging through the server's own (java.util.logging), no phone-home and no shutdown
 * hook of its own (the server's graceful shutdown leaves the cluster).
 */
final class MemberConfig {

    private MemberConfig() {
    }

    /**
     * @param host the server's {@code server.host}: the member binds there, or to every address
     *             when it is a wildcard (in a pod, 0.0.0.0)
     * @param leaveTimeout the longest a graceful leave may wait for partitions to move
     * @param listeners the membership, migration, partition-loss and lifecycle listeners, registered
     *                  before the member joins so that they see its first events
     */
    static Config of(ClusterSettings settings, String host, Duration leaveTimeout, EventListener listeners) {
        Config config = new Config().setClusterName(settings.name());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", Long.toString(Math.max(1, leaveTimeout.toSeconds())));
        config.addListenerConfig(new ListenerConfig(listeners));
        network(config.getNetworkConfig(), settings, host, config);
        GridSessionsStore.configure(config, settings.backups());
        GridKvStore.configure(config, settings.backups());
        MemberStores.configure(config, settings.backups());
        return config;
    }

    private static void network(NetworkConfig network, ClusterSettings settings, String host, Config config) {
        network.setPort(settings.port()).setPortAutoIncrement(false);
        InetAddress address = resolve(host);
        if (!address.isAnyLocalAddress()) {
            config.setProperty("hazelcast.socket.bind.any", "false");
            network.getInterfaces().setEnabled(true).addInterface(address.getHostAddress());
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (settings.dnsName() != null) {
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", settings.dnsName())
                    .setProperty("service-port", Integer.toString(settings.port()));
        } else {
            join.getTcpIpConfig().setEnabled(true)
                    .setMembers(settings.members().stream().map(ClusterSettings.Member::toString).toList());
        }
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new SettingsException("cluster mode: server.host '" + host + "' has no address for the cluster member to bind");
        }
    }
}
