package io.nemesisdb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.AdminClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code k8s/} without a cluster: every manifest parses into the fabric8 Kubernetes model
 * with no field the model does not know, and the manifests agree with each other, with the
 * server's settings and endpoints, and with the Containerfile.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.admin-port", value = "0")
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final String PROJECT = System.getProperty("nemesis.test.artifact-id");
    private static final String VERSION = System.getProperty("nemesis.test.version");

    /** kustomization.yaml, as far as these manifests use it. */
    record Kustomization(String apiVersion, String kind, List<String> resources, List<Image> images, List<Patch> patches) {
    }

    record Patch(String path) {
    }

    record Image(String name, String newTag) {
    }

    private static Properties defaults;
    private static Kustomization kustomization;
    private static ConfigMap configMap;
    private static StatefulSet statefulSet;
    private static Map<String, Service> services;

    @BeforeAll
    static void parse() throws IOException {
        defaults = new Properties();
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        ObjectMapper yaml = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        kustomization = yaml.readValue(K8S.resolve("kustomization.yaml").toFile(), Kustomization.class);
        services = new HashMap<>();
        for (String resource : kustomization.resources()) {
            Path file = K8S.resolve(resource);
            JsonNode tree = yaml.readTree(file.toFile());
            switch (tree.path("kind").asText()) {
                case "ConfigMap" -> configMap = strict(yaml.treeToValue(tree, ConfigMap.class), resource);
                case "StatefulSet" -> statefulSet = strict(yaml.treeToValue(tree, StatefulSet.class), resource);
                case "Service" -> {
                    Service service = strict(yaml.treeToValue(tree, Service.class), resource);
                    services.put(service.getMetadata().getName(), service);
                }
                default -> throw new AssertionError(resource + ": unexpected kind " + tree.path("kind"));
            }
        }
    }

    /** Fails when the model put any field it did not know into an additionalProperties map. */
    private static <T> T strict(T model, String file) {
        List<String> unknown = UnknownFields.of(model);
        assertTrue(unknown.isEmpty(), () -> file + " has fields the Kubernetes model does not know: " + unknown);
        return model;
    }

    private static Container container() {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static int containerPort(String name) {
        return container().getPorts().stream().filter(port -> name.equals(port.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static String setting(String name) {
        return configMap.getData().get(name);
    }

    @Test
    void kustomizationListsEveryManifestAndTagsTheProjectImage() throws IOException {
        assertEquals("kustomize.config.k8s.io/v1beta1", kustomization.apiVersion());
        assertEquals("Kustomization", kustomization.kind());
        Set<String> manifests;
        try (Stream<Path> files = Files.list(K8S)) {
            manifests = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(manifests, new TreeSet<>(kustomization.resources()));  // overlays live in folders of their own
        assertEquals(List.of(new Image(PROJECT, VERSION)), kustomization.images());
        assertEquals(PROJECT, container().getImage());
    }

    @Test
    void everyConfigMapEntryIsASettingOfTheServer() {
        Set<String> settings = defaults.stringPropertyNames().stream()
                .map(name -> name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (String variable : configMap.getData().keySet()) {
            assertTrue(settings.contains(variable), () -> variable + " is not a setting in microprofile-config.properties");
        }
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
        assertEquals(configMap.getMetadata().getName(), container().getEnvFrom().get(0).getConfigMapRef().getName());
        assertEquals("0.0.0.0", setting("SERVER_HOST"));
        assertTrue(Integer.parseInt(setting("NEMESIS_SHUTDOWN_TIMEOUT")) < pod.getTerminationGracePeriodSeconds(),
                "the final save must end before the kubelet kills the pod");
    }

    @Test
    void containerPortsAreTheDefaultPortsAndTheConfiguredOnes() {
        assertEquals(Integer.parseInt(defaults.getProperty("server.port")), containerPort("ws"));
        assertEquals(Integer.parseInt(defaults.getProperty("nemesis.admin-port")), containerPort("admin"));
        assertEquals(Integer.toString(containerPort("ws")), setting("SERVER_PORT"));
        assertEquals(Integer.toString(containerPort("admin")), setting("NEMESIS_ADMIN_PORT"));
    }

    @Test
    void probesAskTheServersHealthEndpointsOnTheAdminPort() throws Exception {
        Container container = container();
        Map<String, HTTPGetAction> probes = Map.of(
                "/health/started", container.getStartupProbe().getHttpGet(),
                "/health/live", container.getLivenessProbe().getHttpGet(),
                "/health/ready", container.getReadinessProbe().getHttpGet());
        for (Map.Entry<String, HTTPGetAction> probe : probes.entrySet()) {
            HTTPGetAction get = probe.getValue();
            assertEquals(probe.getKey(), get.getPath());
            assertEquals("admin", get.getPort().getStrVal());
            AdminClient.Response response = AdminClient.get(AdminClient.adminPort(), get.getPath());
            assertEquals(200, response.status(), () -> get.getPath() + " on the admin port: " + response.body());
        }
    }

    @Test
    void prometheusScrapesTheMetricsEndpointOnTheAdminPort() throws Exception {
        Map<String, String> annotations = statefulSet.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals(Integer.toString(containerPort("admin")), annotations.get("prometheus.io/port"));
        AdminClient.Response metrics = AdminClient.get(AdminClient.adminPort(), annotations.get("prometheus.io/path"));
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("nemesis_connections"), metrics.body());
    }

    @Test
    void theDataVolumeIsMountedAtThePersistPathAndClaimedPerPod() {
        VolumeMount data = container().getVolumeMounts().stream().filter(mount -> mount.getName().equals("data"))
                .findFirst().orElseThrow();
        assertEquals(setting("NEMESIS_PERSIST_PATH"), data.getMountPath());
        assertEquals("data", statefulSet.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
        assertEquals("true", setting("NEMESIS_PERSIST_ENABLED"));
        assertNotNull(setting("NEMESIS_PERSIST_SAVE_ON_STOP"));
        assertEquals(setting("NEMESIS_PERSIST_SAVE_ON_STOP"), setting("NEMESIS_LOAD_NAME"),
                "the dataset saved on stop is the one loaded on start");
        assertEquals("true", setting("NEMESIS_LOAD_MISSING_OK"), "the first start has nothing to load yet");
    }

    @Test
    void servicesSelectThePodAndExposeItsNamedPorts() {
        Map<String, String> podLabels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals(statefulSet.getSpec().getSelector().getMatchLabels(), podLabels);
        Service headless = services.get(statefulSet.getSpec().getServiceName());
        assertNotNull(headless, "the StatefulSet's serviceName names a Service");
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(2, services.size());
        for (Service service : services.values()) {
            assertEquals(podLabels, service.getSpec().getSelector(), service.getMetadata().getName());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertEquals(containerPort(port.getTargetPort().getStrVal()), port.getPort(), service.getMetadata().getName());
            }
        }
        assertEquals(1, statefulSet.getSpec().getReplicas());
    }

    @Test
    void thePodRunsUnprivilegedOnAReadOnlyRootFilesystem() throws IOException {
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        var container = container().getSecurityContext();
        assertTrue(container.getRunAsNonRoot());
        assertTrue(container.getReadOnlyRootFilesystem());
        assertFalse(container.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getCapabilities().getDrop());
        assertEquals(Long.valueOf(containerfileUser()), pod.getSecurityContext().getRunAsUser());
        assertTrue(container().getVolumeMounts().stream().anyMatch(mount -> mount.getMountPath().equals("/tmp")),
                "the JVM needs a writable /tmp");
    }

    @Test
    void theAdminKeyComesFromASecretAsASetting() {
        var key = container().getEnv().stream().filter(env -> env.getName().equals("NEMESIS_AUTH_KEY")).findFirst()
                .orElseThrow(() -> new AssertionError("without a key the server refuses to listen on the pod's addresses"));
        assertEquals("nemesisdb-auth", key.getValueFrom().getSecretKeyRef().getName());
        assertEquals("key", key.getValueFrom().getSecretKeyRef().getKey());
        assertTrue(defaults.containsKey("nemesis.auth.key"));
    }

    @Test
    void theTlsOverlayMountsItsSecretWhereTheSettingsPointAndProbesOverHttps() throws IOException {
        ObjectMapper yaml = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Kustomization overlay = yaml.readValue(K8S.resolve("tls/kustomization.yaml").toFile(), Kustomization.class);
        assertEquals(List.of("../"), overlay.resources());
        assertEquals(List.of(new Patch("tls.yaml")), overlay.patches());
        StatefulSet patch = strict(yaml.readValue(K8S.resolve("tls/tls.yaml").toFile(), StatefulSet.class), "tls/tls.yaml");
        Container tls = patch.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(container().getName(), tls.getName());
        String mount = tls.getVolumeMounts().get(0).getMountPath();
        Map<String, String> env = tls.getEnv().stream().collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        assertEquals(mount + "/tls.crt", env.get("NEMESIS_TLS_CERTIFICATE"));
        assertEquals(mount + "/tls.key", env.get("NEMESIS_TLS_PRIVATE_KEY"));
        assertTrue(defaults.containsKey("nemesis.tls.certificate") && defaults.containsKey("nemesis.tls.private-key"));
        assertEquals("nemesisdb-tls", patch.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName());
        for (var probe : List.of(tls.getStartupProbe(), tls.getLivenessProbe(), tls.getReadinessProbe())) {
            assertEquals("HTTPS", probe.getHttpGet().getScheme());
        }
    }

    @Test
    void theClusterOverlayRunsThreeMembersThatFindEachOtherThroughTheHeadlessService() throws IOException {
        ObjectMapper yaml = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Path overlayDir = K8S.resolve("cluster");
        Kustomization overlay = yaml.readValue(overlayDir.resolve("kustomization.yaml").toFile(), Kustomization.class);
        assertEquals(List.of("../", "pdb.yaml"), overlay.resources());
        assertEquals(List.of(new Patch("statefulset.yaml"), new Patch("service-headless.yaml")), overlay.patches());
        StatefulSet members = strict(yaml.readValue(overlayDir.resolve("statefulset.yaml").toFile(), StatefulSet.class),
                "cluster/statefulset.yaml");
        Service headless = strict(yaml.readValue(overlayDir.resolve("service-headless.yaml").toFile(), Service.class),
                "cluster/service-headless.yaml");
        PodDisruptionBudget budget = strict(yaml.readValue(overlayDir.resolve("pdb.yaml").toFile(), PodDisruptionBudget.class),
                "cluster/pdb.yaml");
        assertEquals(statefulSet.getMetadata().getName(), members.getMetadata().getName());
        assertEquals(3, members.getSpec().getReplicas());
        assertEquals("Parallel", members.getSpec().getPodManagementPolicy(), "readiness waits for the others to join");

        Container member = members.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(container().getName(), member.getName());
        Map<String, String> env = member.getEnv().stream().collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        Set<String> settings = defaults.stringPropertyNames().stream().map(KubernetesManifestsTest::variable).collect(Collectors.toSet());
        assertTrue(settings.containsAll(env.keySet()), () -> env.keySet() + " are not all settings");
        assertEquals("true", env.get("NEMESIS_CLUSTER_ENABLED"));
        assertEquals("true", env.get("NEMESIS_SESSIONS_ENABLED"), "the cluster overlay runs sessions mode");
        assertEquals(statefulSet.getSpec().getServiceName(), env.get("NEMESIS_CLUSTER_MEMBERS"), "discovery by the headless Service's name");
        assertEquals(headless.getMetadata().getName(), env.get("NEMESIS_CLUSTER_MEMBERS"));
        assertTrue(headless.getSpec().getPublishNotReadyAddresses(), "members find each other before they are ready");
        int clusterPort = member.getPorts().stream().filter(port -> port.getName().equals("cluster"))
                .findFirst().orElseThrow().getContainerPort();
        assertEquals(Integer.parseInt(defaults.getProperty("nemesis.cluster.port")), clusterPort);
        assertEquals(Integer.toString(clusterPort), env.get("NEMESIS_CLUSTER_PORT"));
        ServicePort servicePort = headless.getSpec().getPorts().get(0);
        assertEquals(clusterPort, servicePort.getPort());
        assertEquals("cluster", servicePort.getTargetPort().getStrVal());
        assertTrue(Integer.parseInt(env.get("NEMESIS_SHUTDOWN_TIMEOUT")) < members.getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds(), "the graceful leave must end before the kubelet kills the pod");

        Map<String, String> podLabels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal(), "one backup covers one member");
        assertEquals(podLabels, budget.getSpec().getSelector().getMatchLabels());
        var antiAffinity = members.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
        assertEquals(1, antiAffinity.size());
        assertEquals("kubernetes.io/hostname", antiAffinity.get(0).getTopologyKey());
        assertEquals(podLabels, antiAffinity.get(0).getLabelSelector().getMatchLabels());
    }

    private static String variable(String setting) {
        return setting.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Test
    void theHeapFitsTheMemoryLimit() {
        Quantity limit = container().getResources().getLimits().get("memory");
        assertEquals(limit, container().getResources().getRequests().get("memory"), "a database should not be overcommitted");
        String options = container().getEnv().stream().filter(env -> env.getName().equals("JDK_JAVA_OPTIONS"))
                .findFirst().orElseThrow().getValue();
        Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
        assertTrue(percent.find(), options);
        int heapPercent = Integer.parseInt(percent.group(1));
        assertTrue(heapPercent >= 50 && heapPercent <= 80, "heap share of the limit: " + heapPercent);
        long limitBytes = Quantity.getAmountInBytes(limit).longValue();
        assertTrue(limitBytes >= 512L << 20, "memory limit " + limit);
        Matcher direct = Pattern.compile("-XX:MaxDirectMemorySize=(\\d+)m").matcher(options);
        assertTrue(direct.find(), () -> "Netty's direct buffers need a bound, or they may take as much as the heap: " + options);
        long heapAndDirect = limitBytes / 100 * heapPercent + (Long.parseLong(direct.group(1)) << 20);
        assertTrue(heapAndDirect <= limitBytes / 100 * 85, () -> "heap and direct buffers leave too little of " + limit);
        assertFalse(options.contains("ExitOnOutOfMemoryError"), "exiting on OutOfMemoryError would lose every write since the last save");
        assertTrue(options.contains("-XX:TrimNativeHeapInterval="), () -> "the C heap the JVM frees stays in the pod's RSS: " + options);
    }

    @Test
    void theContainerfileBuildsANonRootJre21ImageOfTheProjectJar() throws IOException {
        String file = Files.readString(K8S.resolve("Containerfile"));
        assertTrue(Pattern.compile("(?m)^FROM \\S+:21-jre").matcher(file).find(), "JRE 21 base image");
        assertTrue(file.contains("COPY target/" + PROJECT + ".jar /app/" + PROJECT + ".jar"));
        assertTrue(file.contains("COPY target/libs/ /app/libs/"), "the jar's Class-Path points at libs/");
        assertTrue(file.contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + PROJECT + ".jar\"]"));
        assertTrue(file.contains("VOLUME " + setting("NEMESIS_PERSIST_PATH")));
        assertTrue(file.contains("-t " + PROJECT + ":" + VERSION), "the build command tags the image kustomization uses");
        assertTrue(containerfileUser() > 0);
    }

    private static int containerfileUser() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(Files.readString(K8S.resolve("Containerfile")));
        assertTrue(user.find(), "a numeric USER, so runAsNonRoot can verify it");
        return Integer.parseInt(user.group(1));
    }
}
