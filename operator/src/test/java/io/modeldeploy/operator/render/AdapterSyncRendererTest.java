package io.modeldeploy.operator.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.Names;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.settings;
import static io.modeldeploy.operator.deployment.AdapterLocationTest.adapter;
import static org.assertj.core.api.Assertions.assertThat;

/** The adapter-sync ConfigMap and what attach() adds to a pod template. */
class AdapterSyncRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final String IMAGE = "docker.io/vllm/vllm-openai:v0.8.4";
    private static final RenderSettings.LoraSettings LORA = settings().lora();

    /** The vLLM quickStart with adapters given as "name=uri". */
    static ModelDeployment withAdapters(String... adapters) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setAdapters(new ArrayList<>(Stream.of(adapters)
                .map(a -> adapter(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1))).toList()));
        return md;
    }

    private static PodTemplateSpec quickStartPod(ModelDeployment md) {
        return QuickStartPodRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings());
    }

    private static PodTemplateSpec attach(ModelDeployment md) {
        return AdapterSyncRenderer.attach(quickStartPod(md), Fixtures.resolve(md), QuickStartPodRenderer.CONTAINER, IMAGE, LORA);
    }

    private static Container container(PodTemplateSpec pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static Container sidecar(PodTemplateSpec pod) {
        return container(pod, "adapter-sync");
    }

    private static Volume volume(PodTemplateSpec pod, String name) {
        return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Optional<VolumeMount> mountAt(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst();
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static JsonNode listOf(ConfigMap cm) throws IOException {
        return JSON.readTree(cm.getData().get("adapters.json"));
    }

    @Test
    void configMapIsNamedAfterTheDeploymentAndOwnedByIt() {
        ModelDeployment md = withAdapters("sql=hf://org/sql");
        ConfigMap cm = AdapterSyncRenderer.configMap(Fixtures.resolve(md), Fixtures.resolve(md).adapters());

        assertThat(cm.getMetadata().getName()).isEqualTo("qwen-chat-adapter-sync");
        assertThat(Names.adapterSyncConfigMap(Fixtures.resolve(md).ref())).isEqualTo("qwen-chat-adapter-sync");
        assertThat(cm.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
        assertThat(cm.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(Fixtures.UID);
            assertThat(o.getController()).isTrue();
        });
        assertThat(cm.getMetadata().getLabels()).containsEntry("modeldeploy.io/deployment", "qwen-chat");
    }

    @Test
    void adapterListIsSortedByNameWithPathAndWhetherTheSidecarFetchesIt() throws IOException {
        ModelDeployment md = withAdapters("zeta=pvc://loras/z", "alpha=hf://org/alpha@main", "mid=file:///opt/mid");

        JsonNode list = listOf(AdapterSyncRenderer.configMap(Fixtures.resolve(md), Fixtures.resolve(md).adapters()));

        assertThat(list).hasSize(3);
        assertThat(list.get(0).path("name").asText()).isEqualTo("alpha");
        assertThat(list.get(0).path("uri").asText()).isEqualTo("hf://org/alpha@main");
        assertThat(list.get(0).path("path").asText()).matches("/adapters/alpha-[0-9a-f]{10}");
        assertThat(list.get(0).path("synced").asBoolean()).isTrue();
        assertThat(list.get(1).path("name").asText()).isEqualTo("mid");
        assertThat(list.get(1).path("path").asText()).isEqualTo("/opt/mid");
        assertThat(list.get(1).path("synced").asBoolean()).isFalse();
        assertThat(list.get(2).path("name").asText()).isEqualTo("zeta");
        assertThat(list.get(2).path("path").asText()).isEqualTo("/adapter-claims/loras/z");
        assertThat(list.get(2).path("synced").asBoolean()).isFalse();
    }

    @Test
    void specOrderDoesNotChangeTheConfigMap() {
        ModelDeployment ab = withAdapters("a=hf://org/a", "b=hf://org/b");
        ModelDeployment ba = withAdapters("b=hf://org/b", "a=hf://org/a");

        assertThat(AdapterSyncRenderer.configMap(Fixtures.resolve(ab), Fixtures.resolve(ab).adapters()))
                .isEqualTo(AdapterSyncRenderer.configMap(Fixtures.resolve(ba), Fixtures.resolve(ba).adapters()));
    }

    @Test
    void emptyAdapterListIsAnEmptyJsonArray() throws IOException {
        ModelDeployment md = withAdapters();

        assertThat(listOf(AdapterSyncRenderer.configMap(Fixtures.resolve(md), List.of()))).isEmpty();
    }

    @Test
    void configMapShipsTheSidecarScript() throws IOException {
        ModelDeployment md = withAdapters();
        String script;
        try (InputStream in = getClass().getResourceAsStream("/adapter-sync/sync.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(AdapterSyncRenderer.configMap(Fixtures.resolve(md), List.of()).getData()).containsEntry("sync.py", script);
        assertThat(script).contains("def sync_once");
    }

    @Test
    void sidecarRunsTheScriptFromTheConfigMapInTheEngineImage() {
        Container sidecar = sidecar(attach(withAdapters("sql=hf://org/sql")));

        assertThat(sidecar.getImage()).isEqualTo(IMAGE);
        assertThat(sidecar.getCommand()).containsExactly("python3", "/etc/modeldeploy/adapter-sync/sync.py");
        assertThat(env(sidecar, "ADAPTER_LIST")).isEqualTo("/etc/modeldeploy/adapter-sync/adapters.json");
        assertThat(env(sidecar, "ADAPTER_DIR")).isEqualTo("/adapters");
        assertThat(env(sidecar, "ADAPTER_SYNC_PORT")).isEqualTo("8001");
        assertThat(env(sidecar, "HF_HOME")).startsWith("/adapters/");
        assertThat(sidecar.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8001));
    }

    @Test
    void syncImageAndPortComeFromTheSettings() {
        ModelDeployment md = withAdapters("sql=hf://org/sql");
        RenderSettings.LoraSettings custom = new RenderSettings.LoraSettings(4, 64, "all", 9100,
                Optional.of("registry.example/tools/adapter-sync:1"));

        Container sidecar = sidecar(AdapterSyncRenderer.attach(quickStartPod(md), Fixtures.resolve(md), "engine", IMAGE, custom));

        assertThat(sidecar.getImage()).isEqualTo("registry.example/tools/adapter-sync:1");
        assertThat(env(sidecar, "ADAPTER_SYNC_PORT")).isEqualTo("9100");
        assertThat(sidecar.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9100));
    }

    @Test
    void sidecarCannotEscalatePrivilegesAndHasAMemoryLimit() {
        Container sidecar = sidecar(attach(withAdapters("sql=hf://org/sql")));

        assertThat(sidecar.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(sidecar.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sidecar.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void sharedVolumeIsWritableForTheSidecarAndReadOnlyForTheEngine() {
        PodTemplateSpec pod = attach(withAdapters("sql=hf://org/sql"));

        assertThat(volume(pod, "adapters").getEmptyDir()).isNotNull();
        assertThat(mountAt(sidecar(pod), "/adapters")).hasValueSatisfying(m -> {
            assertThat(m.getName()).isEqualTo("adapters");
            assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        });
        assertThat(mountAt(container(pod, "engine"), "/adapters")).hasValueSatisfying(m -> {
            assertThat(m.getName()).isEqualTo("adapters");
            assertThat(m.getReadOnly()).isTrue();
        });
    }

    @Test
    void sidecarMountsTheConfigMapWholeSoTheKubeletRefreshesItInPlace() {
        PodTemplateSpec pod = attach(withAdapters("sql=hf://org/sql"));

        VolumeMount config = mountAt(sidecar(pod), "/etc/modeldeploy/adapter-sync").orElseThrow();
        assertThat(config.getReadOnly()).isTrue();
        assertThat(config.getSubPath()).as("a subPath mount is never refreshed").isNull();
        assertThat(volume(pod, config.getName()).getConfigMap().getName()).isEqualTo("qwen-chat-adapter-sync");
        assertThat(mountAt(container(pod, "engine"), "/etc/modeldeploy/adapter-sync")).isEmpty();
    }

    @Test
    void engineKeepsItsOwnMountsAndOnlyGainsReadOnlyOnes() {
        ModelDeployment md = withAdapters("sql=pvc://loras/sql");
        List<VolumeMount> before = quickStartPod(md).getSpec().getContainers().get(0).getVolumeMounts();

        List<VolumeMount> after = container(attach(md), "engine").getVolumeMounts();

        assertThat(after).startsWith(before.toArray(VolumeMount[]::new));
        assertThat(after.subList(before.size(), after.size())).isNotEmpty().allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());
    }

    @Test
    void eachClaimIsMountedOnceReadOnlyIntoEngineAndSidecar() {
        PodTemplateSpec pod = attach(withAdapters("a=pvc://loras/a", "b=pvc://loras/b", "c=pvc://other"));

        List<Volume> claims = pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).toList();
        assertThat(claims).extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactlyInAnyOrder("loras", "other");
        assertThat(claims).allSatisfy(v -> assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue());
        for (Container c : List.of(container(pod, "engine"), sidecar(pod))) {
            assertThat(mountAt(c, "/adapter-claims/loras")).hasValueSatisfying(m -> {
                assertThat(m.getReadOnly()).isTrue();
                assertThat(volume(pod, m.getName()).getPersistentVolumeClaim().getClaimName()).isEqualTo("loras");
            });
            assertThat(mountAt(c, "/adapter-claims/other")).hasValueSatisfying(m ->
                    assertThat(volume(pod, m.getName()).getPersistentVolumeClaim().getClaimName()).isEqualTo("other"));
        }
    }

    @Test
    void claimNamesThatAreNoVolumeNameStillGiveValidDistinctVolumes() {
        String longClaim = "team-a-shared-adapters-for-the-qwen-family-of-models-v2";
        PodTemplateSpec pod = attach(withAdapters("a=pvc://loras.v2/a", "b=pvc://" + longClaim + "/b", "c=pvc://loras/c"));

        List<String> names = pod.getSpec().getVolumes().stream().map(Volume::getName).toList();
        assertThat(names).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL));
        assertThat(mountAt(container(pod, "engine"), "/adapter-claims/loras.v2")).hasValueSatisfying(m ->
                assertThat(volume(pod, m.getName()).getPersistentVolumeClaim().getClaimName()).isEqualTo("loras.v2"));
        assertThat(mountAt(sidecar(pod), "/adapter-claims/" + longClaim)).hasValueSatisfying(m ->
                assertThat(volume(pod, m.getName()).getPersistentVolumeClaim().getClaimName()).isEqualTo(longClaim));
    }

    @Test
    void syncedAndFileAdaptersAddNoClaimVolumes() {
        PodTemplateSpec pod = attach(withAdapters("a=hf://org/a", "b=s3://bucket/b", "c=file:///opt/c"));

        assertThat(pod.getSpec().getVolumes()).noneMatch(v -> v.getPersistentVolumeClaim() != null);
    }

    @Test
    void otherContainersOfTheTemplateAreLeftAlone() {
        ModelDeployment md = Fixtures.expert();
        md.getSpec().setAdapters(new ArrayList<>(List.of(adapter("sql", "pvc://loras/sql"))));
        PodTemplateSpec template = ExpertPodRenderer.render(Fixtures.resolve(md), apiKeyRef());
        Container shipper = container(template, "log-shipper");

        PodTemplateSpec pod = AdapterSyncRenderer.attach(template, Fixtures.resolve(md), "server", IMAGE, LORA);

        assertThat(pod.getSpec().getContainers()).extracting(Container::getName)
                .containsExactly("server", "log-shipper", "adapter-sync");
        assertThat(container(pod, "log-shipper")).isEqualTo(shipper);
    }

    @Test
    void theGivenTemplateIsNotModified() {
        ModelDeployment md = withAdapters("sql=pvc://loras/sql");
        PodTemplateSpec template = quickStartPod(md);
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();

        AdapterSyncRenderer.attach(template, Fixtures.resolve(md), "engine", IMAGE, LORA);

        assertThat(template).isEqualTo(copy);
    }

    @Test
    void addingAnAdapterOnAnAlreadyMountedClaimChangesNothingInThePod() {
        assertThat(attach(withAdapters("a=pvc://loras/a", "b=pvc://loras/b")))
                .isEqualTo(attach(withAdapters("a=pvc://loras/a")));
    }

    @Test
    void anAdapterOnANewClaimAddsItsVolume() {
        assertThat(attach(withAdapters("a=pvc://loras/a", "b=pvc://more/b")))
                .isNotEqualTo(attach(withAdapters("a=pvc://loras/a")));
    }

    @Test
    void theSidecarGetsTheEnginesDownloadCredentialsAsReferencesOnly() {
        var template = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder()
                .withNewSpec().addNewContainer().withName("engine").withImage("vllm/vllm-openai:v0.8.4")
                .addNewEnv().withName("HF_TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "hf", null)
                .endValueFrom().endEnv()
                .addNewEnv().withName("VLLM_API_KEY").withValue("not-for-the-sidecar").endEnv()
                .endContainer().endSpec().build();
        var md = io.modeldeploy.operator.Fixtures.vllmQuickStart();
        md.getSpec().setAdapters(new java.util.ArrayList<>());

        var out = AdapterSyncRenderer.attach(template, Fixtures.resolve(md), "engine", "vllm/vllm-openai:v0.8.4",
                io.modeldeploy.operator.Fixtures.settings().lora());
        var sidecar = out.getSpec().getContainers().stream().filter(c -> c.getName().equals("adapter-sync")).findFirst().orElseThrow();

        assertThat(sidecar.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("HF_TOKEN");
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf");
        });
        assertThat(sidecar.getEnv()).noneMatch(e -> e.getName().equals("VLLM_API_KEY"));
    }
}
