package io.nemesisdb.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Hazelcast members in this JVM, joined over TCP on 127.0.0.1 (multicast and auto-detection off),
 * one cluster per instance of this class under a name of its own, until the production member
 * of the {@code cluster/} package replaces it. Each member holds the maps of both modes, as
 * {@link GridSessionsStore#configure} and {@link GridKvStore#configure} set them, with one backup.
 * Each member gets a port of its own from {@code firstPort}; close them with {@link #close()}.
 */
final class GridMembers implements AutoCloseable {

    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Starts {@code count} members on ports {@code firstPort}, {@code firstPort + 1}, ... and waits until all have joined. */
    GridMembers(int count, int firstPort) {
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
        String cluster = "nemesis-test-" + UUID.randomUUID();
        List<String> addresses = IntStream.range(0, count).mapToObj(i -> "127.0.0.1:" + (firstPort + i)).toList();
        for (int i = 0; i < count; i++) {
            Config config = new Config().setClusterName(cluster);
            config.setProperty("hazelcast.phone.home.enabled", "false");
            config.setProperty("hazelcast.logging.type", "jdk");
            // the server's JVM reads with Java serialization only what META-INF/helidon/serial-config.properties
            // allows (Helidon's filter): so do the tests' members, so that a lambda or one of our
            // classes shipped that way fails here too
            JavaSerializationFilterConfig serverFilter = new JavaSerializationFilterConfig().setDefaultsDisabled(true);
            serverFilter.getWhitelist().addPrefixes("com.hazelcast.")
                    .addPackages("java.lang", "java.util", "java.util.concurrent", "java.io", "java.net")
                    // Hazelcast's filter names arrays as such; the JDK's checks their element type
                    .addClasses("[Ljava.lang.StackTraceElement;");
            config.getSerializationConfig().setJavaSerializationFilterConfig(serverFilter);
            NetworkConfig network = config.getNetworkConfig().setPort(firstPort + i).setPortAutoIncrement(false);
            network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(addresses);
            members.add(Hazelcast.newHazelcastInstance(GridKvStore.configure(GridSessionsStore.configure(config, 1), 1)));
        }
    }

    HazelcastInstance member(int index) {
        return members.get(index);
    }

    /** Stops member {@code index} at once, as a crash would (no graceful leave). */
    void kill(int index) {
        members.get(index).getLifecycleService().terminate();
    }

    @Override
    public void close() {
        for (HazelcastInstance member : members) {
            member.getLifecycleService().terminate();
        }
    }
}
