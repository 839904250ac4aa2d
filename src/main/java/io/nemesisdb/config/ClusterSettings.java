package io.nemesisdb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * Cluster mode (cluster.md 5.1): whether this server is a member of a data grid, and how it finds
 * the others. Read and checked like {@link ServerSettings}; defaults live in
 * {@code microprofile-config.properties}. Only checked when the mode is on.
 *
 * @param enabled whether the server starts a cluster member ({@code nemesis.cluster.enabled})
 * @param name the cluster's name: members with another name never join ({@code nemesis.cluster.name})
 * @param members the members' addresses, this one's included ({@code nemesis.cluster.members}); empty
 *                when {@code dnsName} is set
 * @param dnsName the one DNS name whose addresses are the members (Kubernetes DNS discovery, a
 *                headless Service), or {@code null} when {@code members} lists them
 * @param port the port this member listens on for the others ({@code nemesis.cluster.port}), bound
 *             to {@code server.host}
 * @param backups synchronous backup copies of every entry on other members ({@code nemesis.cluster.backups})
 */
public record ClusterSettings(boolean enabled, String name, List<Member> members, String dnsName, int port, int backups) {

    /** Hazelcast keeps at most six backups of an entry. */
    public static final int MAX_BACKUPS = 6;

    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** One member's address. */
    public record Member(String host, int port) {

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public ClusterSettings {
        members = List.copyOf(members);
    }

    /** Cluster mode off: nothing else is read. */
    public static final ClusterSettings OFF = new ClusterSettings(false, "", List.of(), null, 0, 0);

    /** Reads and checks the cluster settings. */
    public static ClusterSettings from(Config config) {
        SettingReader read = new SettingReader(config);
        if (!read.bool("nemesis.cluster.enabled")) {
            return OFF;
        }
        String name = read.string("nemesis.cluster.name");
        int port = read.integer("nemesis.cluster.port", 1, 65535);
        int backups = read.integer("nemesis.cluster.backups", 0, MAX_BACKUPS);
        String members = read.optionalString("nemesis.cluster.members");
        if (members == null) {
            throw new SettingsException("setting nemesis.cluster.members is empty, but cluster mode is on: list the members"
                    + " as host:port,host:port (this one included), or give one DNS name whose addresses are the members");
        }
        List<String> entries = List.of(members.split(",")).stream().map(String::strip).toList();
        if (entries.size() == 1 && isDnsName(entries.get(0))) {
            return new ClusterSettings(true, name, List.of(), entries.get(0), port, backups);
        }
        List<Member> parsed = new ArrayList<>();
        for (String entry : entries) {
            parsed.add(member(entry, port));
        }
        return new ClusterSettings(true, name, parsed, null, port, backups);
    }

    /** A host name without a port: the members are that name's addresses. */
    private static boolean isDnsName(String entry) {
        return DNS_NAME.matcher(entry).matches() && !IPV4.matcher(entry).matches();
    }

    /** {@code host:port}, {@code [ipv6]:port}, or a host alone (the port is this member's). */
    private static Member member(String entry, int defaultPort) {
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            host = close < 0 ? "" : entry.substring(1, close);
            String rest = close < 0 ? "" : entry.substring(close + 1);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty() || close < 0) {
                host = "";
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        if (host.isBlank() || (!host.contains(":") && !DNS_NAME.matcher(host).matches())) {
            throw new SettingsException("setting nemesis.cluster.members has '" + entry + "', not a host:port address");
        }
        if (port == null) {
            return new Member(host, defaultPort);
        }
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return new Member(host, number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException("setting nemesis.cluster.members has '" + entry + "', whose port is not 1..65535");
    }
}
