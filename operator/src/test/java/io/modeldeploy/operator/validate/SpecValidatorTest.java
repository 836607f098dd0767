package io.modeldeploy.operator.validate;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.modeldeploy.operator.Fixtures.expert;
import static io.modeldeploy.operator.Fixtures.lora;
import static io.modeldeploy.operator.Fixtures.sglangQuickStart;
import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

/** Each invalid case of api.md gives exactly one error, naming the field the user must fix. */
class SpecValidatorTest {
    private static final Path SAMPLES = Path.of("..", "samples");

    private static List<String> fieldsOf(ModelDeployment md) {
        return Fixtures.resolver().resolve(md).errors().stream().map(SpecError::field).toList();
    }

    private static SpecError onlyError(ModelDeployment md) {
        List<SpecError> errors = Fixtures.resolver().resolve(md).errors();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private static Adapter adapter(String name) {
        Adapter adapter = new Adapter();
        adapter.setName(name);
        adapter.setUri("hf://org/" + name);
        return adapter;
    }

    private static ModelDeployment vllmWithAdapters(String... names) {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setAdapters(new ArrayList<>(Stream.of(names).map(SpecValidatorTest::adapter).toList()));
        return md;
    }

    @TestFactory
    Stream<DynamicTest> everySampleValidatesWithoutErrors() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(samples).isNotEmpty();
        // A sample file may hold several documents (a base and its LoRA service): each must validate.
        return samples.stream().flatMap(p -> documents(p).stream().map(doc -> DynamicTest.dynamicTest(
                p.getFileName() + " / " + Fixtures.manifest(doc).getMetadata().getName(),
                () -> assertThat(sampleInstallation().resolve(Fixtures.manifest(doc)).errors()).isEmpty())));
    }

    /** The samples' installation: ZStack and d.run have no public endpoint, so the installation allows its own (as the samples say). */
    private static DeploymentResolver sampleInstallation() {
        io.modeldeploy.operator.provider.VendorHttp http = new io.modeldeploy.operator.provider.VendorHttp();
        return new DeploymentResolver(new io.modeldeploy.operator.provider.Providers(List.of(
                new io.modeldeploy.operator.provider.alayanew.AlayaNewProvider(http),
                new io.modeldeploy.operator.provider.drun.DRunProvider(http),
                new io.modeldeploy.operator.provider.qianfan.QianfanProvider(http),
                new io.modeldeploy.operator.provider.zstack.ZStackProvider(http)), java.util.Map.of(),
                java.util.Map.of("zstack", List.of("http://zstack-mn.example.internal:8080"),
                        "drun", List.of("https://hydra.d-run.example"))));
    }

    private static List<String> documents(Path file) {
        try {
            return Stream.of(Files.readString(file).split("(?m)^---\\s*$")).filter(d -> d.contains("kind:")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fixturesAreValid() {
        assertThat(List.of(vllmQuickStart(), sglangQuickStart(), expert(), lora()))
                .allSatisfy(md -> assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty());
    }

    @Test
    void noModeBlockIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setQuickStart(null);

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec");
        assertThat(error.message()).contains("exactly one of quickStart, expert or lora").contains("found 0");
    }

    @Test
    void twoModeBlocksAreRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setExpert(expert().getSpec().getExpert());

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec");
        assertThat(error.message()).contains("found 2");
    }

    @Test
    void missingSpecIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.setSpec(null);

        assertThat(fieldsOf(md)).containsExactly("spec");
    }

    @Test
    void missingModelIdIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getModel().setId(" ");

        assertThat(fieldsOf(md)).containsExactly("spec.model.id");
    }

    @Test
    void negativeReplicasAreRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setReplicas(-1);

        assertThat(fieldsOf(md)).containsExactly("spec.replicas");
    }

    @Test
    void zeroReplicasAreValid() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setReplicas(0);

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void missingBackendIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().setBackend(null);

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.backend");
    }

    @Test
    void backendVersionThatIsNotAnImageTagIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().setBackendVersion("0.8.4 latest");

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec.quickStart.backendVersion");
        assertThat(error.message()).contains("'0.8.4 latest'");
    }

    @Test
    void missingBackendVersionIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().setBackendVersion(null);

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.backendVersion");
    }

    @Test
    void cpuThatIsNotAQuantityIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setCpu("eight");

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec.quickStart.resources.cpu");
        assertThat(error.message()).contains("'eight'");
    }

    @Test
    void memoryThatIsNotAQuantityIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setMemory("64 gigs");

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.resources.memory");
    }

    @Test
    void zeroMemoryIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setMemory("0");

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec.quickStart.resources.memory");
        assertThat(error.message()).contains("positive");
    }

    @Test
    void fractionalCpuIsAValidQuantity() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setCpu("500m");

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void missingResourcesAreRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().setResources(null);

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.resources");
    }

    @Test
    void gpuCountWithoutTypeIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().getGpu().setType(null);

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.resources.gpu.type");
    }

    @Test
    void zeroGpusNeedNoType() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().getGpu().setType(null);
        md.getSpec().getQuickStart().getResources().getGpu().setCount(0);

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void negativeGpuCountIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().getGpu().setCount(-1);

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.resources.gpu.count");
    }

    @Test
    void multiNodeInstancesAreValid() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(2);

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void multiNodeInstancesOnAManagedTargetOnlyWhereTheVendorTakesWorkers() {
        ModelDeployment alaya = Fixtures.manifest(documents(SAMPLES.resolve("alayanew.yaml")).get(0));
        alaya.getSpec().getQuickStart().getResources().setWorkers(2);
        assertThat(Fixtures.resolver().resolve(alaya).errors()).isEmpty();

        ModelDeployment drun = Fixtures.manifest(documents(SAMPLES.resolve("drun.yaml")).get(0));
        drun.getSpec().getQuickStart().getResources().setWorkers(2);
        List<SpecError> errors = sampleInstallation().resolve(drun).errors();
        assertThat(errors).hasSize(1);
        SpecError error = errors.get(0);
        assertThat(error.field()).isEqualTo("spec.quickStart.resources.workers");
        assertThat(error.message()).contains("DRun publishes no multi-node instances");
    }

    @Test
    void multiNodeNamesLeaveRoomForThePodSuffix() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(2);
        md.getMetadata().setName("m".repeat(46));

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("metadata.name");
        assertThat(error.message()).contains("at most 45");
    }

    @Test
    void multiNodeInstancesNeedGpus() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(2);
        md.getSpec().getQuickStart().getResources().getGpu().setCount(0);

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.resources.gpu.count");
    }

    @Test
    void multiNodeInstancesRefuseAdapters() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(2);
        md.getSpec().setAdapters(List.of());

        assertThat(fieldsOf(md)).containsExactly("spec.adapters");
    }

    @Test
    void zeroWorkersAreRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(0);

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec.quickStart.resources.workers");
        assertThat(error.message()).contains(">= 1");
    }

    @Test
    void oneWorkerIsValid() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(1);

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void sglangWithTwoServedNamesIsRefused() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getModel().setServedNames(List.of("llama", "llama-3"));

        assertThat(fieldsOf(md)).containsExactly("spec.model.servedNames");
    }

    /** Its 0.4 parser has no --enable-lora or --max-loaded-loras: the engine would exit at start. */
    @Test
    void sglangBeforeTheV05LineCannotTakeAdapters() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getQuickStart().setBackendVersion("0.4.9");
        md.getSpec().setAdapters(List.of(adapter("sql")));

        assertThat(onlyError(md).field()).isEqualTo("spec.adapters");
        assertThat(onlyError(md).message()).contains("from 0.5 on").contains("backendVersion 0.4.9");
    }

    @Test
    void sglangFromTheV05LineOrAnUnnumberedTagTakesAdapters() {
        for (String version : List.of("0.5.2", "1.0.0", "latest")) {
            ModelDeployment md = sglangQuickStart();
            md.getSpec().getQuickStart().setBackendVersion(version);
            md.getSpec().setAdapters(List.of(adapter("sql")));

            assertThat(Fixtures.resolver().resolve(md).errors()).as(version).isEmpty();
        }
    }

    @Test
    void vllmWithTwoServedNamesIsValid() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getQuickStart().setBackend(Backend.VLLM);
        md.getSpec().getModel().setServedNames(List.of("llama", "llama-3"));

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void uniqueDnsSafeAdaptersAreValid() {
        assertThat(Fixtures.resolver().resolve(vllmWithAdapters("sql-lora", "chat-lora")).errors()).isEmpty();
    }

    @Test
    void duplicateAdapterNameIsRefusedAtItsSecondPosition() {
        SpecError error = onlyError(vllmWithAdapters("sql-lora", "chat-lora", "sql-lora"));

        assertThat(error.field()).isEqualTo("spec.adapters[2].name");
        assertThat(error.message()).contains("twice");
    }

    @Test
    void adapterNameThatIsNotDnsSafeIsRefused() {
        assertThat(fieldsOf(vllmWithAdapters("ok", "SQL_Lora"))).containsExactly("spec.adapters[1].name");
    }

    @Test
    void adapterNameLongerThan63CharactersIsRefused() {
        assertThat(fieldsOf(vllmWithAdapters("a".repeat(64)))).containsExactly("spec.adapters[0].name");
    }

    @Test
    void adapterWithoutUriIsRefused() {
        ModelDeployment md = vllmWithAdapters("sql-lora");
        md.getSpec().getAdapters().get(0).setUri(null);

        assertThat(fieldsOf(md)).containsExactly("spec.adapters[0].uri");
    }

    @Test
    void loraModeWithoutAdaptersIsRefused() {
        ModelDeployment md = lora();
        md.getSpec().setAdapters(null);

        assertThat(fieldsOf(md)).containsExactly("spec.adapters");
    }

    @Test
    void loraModeWithEmptyAdapterListIsRefused() {
        ModelDeployment md = lora();
        md.getSpec().setAdapters(List.of());

        assertThat(fieldsOf(md)).containsExactly("spec.adapters");
    }

    @Test
    void loraModeWithoutBaseRefIsRefused() {
        ModelDeployment md = lora();
        md.getSpec().getLora().setBaseRef(null);

        assertThat(fieldsOf(md)).containsExactly("spec.lora.baseRef.name");
    }

    @Test
    void expertWithoutContainersIsRefused() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().getTemplate().getSpec().setContainers(List.of());

        assertThat(fieldsOf(md)).containsExactly("spec.expert.template.spec.containers");
    }

    @Test
    void expertWithoutTemplateIsRefused() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().setTemplate(null);

        assertThat(fieldsOf(md)).containsExactly("spec.expert.template.spec.containers");
    }

    @Test
    void expertWithoutAContainerOnThePortIsRefused() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().setPort(9000);

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec.expert.port");
        assertThat(error.message()).contains("9000");
    }

    @Test
    void expertPortDefaultsTo8000WhenValidating() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().setPort(null);

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void modelUriWithUnsupportedSchemeIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getModel().setUri("ftp://mirror.example.com/qwen");

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("spec.model.uri");
        assertThat(error.message()).contains("ftp");
    }

    @Test
    void modelUriWithoutSchemeIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getModel().setUri("Qwen/Qwen2.5-7B-Instruct");

        assertThat(fieldsOf(md)).containsExactly("spec.model.uri");
    }

    @Test
    void pvcAndFileModelUrisAreValid() {
        ModelDeployment pvc = vllmQuickStart();
        pvc.getSpec().getModel().setUri("pvc://model-store/qwen");
        ModelDeployment file = vllmQuickStart();
        file.getSpec().getModel().setUri("file:///opt/models/qwen");

        assertThat(Fixtures.resolver().resolve(pvc).errors()).isEmpty();
        assertThat(Fixtures.resolver().resolve(file).errors()).isEmpty();
    }

    @Test
    void apiKeySecretRefWithoutNameIsRefused() {
        ModelDeployment md = Fixtures.modelDeployment(Fixtures.VLLM_SPEC + "apiKey: {secretRef: {key: token}}\n");

        assertThat(fieldsOf(md)).containsExactly("spec.apiKey.secretRef.name");
    }

    @Test
    void ingressHostThatIsNotADnsNameIsRefused() {
        ModelDeployment md = Fixtures.modelDeployment(Fixtures.VLLM_SPEC + "exposure: {ingress: {host: 'Qwen Chat!'}}\n");

        assertThat(fieldsOf(md)).containsExactly("spec.exposure.ingress.host");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setReplicas(-1);
        md.getSpec().getQuickStart().setBackendVersion("bad tag");
        md.getSpec().getQuickStart().getResources().setCpu("lots");

        assertThat(fieldsOf(md)).containsExactlyInAnyOrder(
                "spec.replicas", "spec.quickStart.backendVersion", "spec.quickStart.resources.cpu");
    }

    /** The Service is named after the resource, and Service names must be DNS-1035 labels (no dots). */
    @Test
    void nameThatCannotNameAServiceIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getMetadata().setName("qwen2.5-7b");

        assertThat(fieldsOf(md)).containsExactly("metadata.name");
    }

    /** The name is also the value of the modeldeploy.io/deployment label, and label values are at most 63 characters. */
    @Test
    void nameLongerThanALabelValueIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getMetadata().setName("m".repeat(64));

        assertThat(fieldsOf(md)).containsExactly("metadata.name");
    }

    @Test
    void nameStartingWithADigitIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getMetadata().setName("7b-chat");

        SpecError error = onlyError(md);
        assertThat(error.field()).isEqualTo("metadata.name");
        assertThat(error.message()).contains("7b-chat").contains("starting with a letter");
    }

    @Test
    void nameOf63CharactersIsValid() {
        ModelDeployment md = vllmQuickStart();
        md.getMetadata().setName("m".repeat(63));

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    /** Resolving twice gives the same errors and leaves the resource as the user wrote it. */
    @Test
    void validationIsPure() {
        ModelDeployment md = vllmWithAdapters("x", "x");
        md.getSpec().getQuickStart().getResources().setCpu("0");
        String written = Serialization.asJson(md);

        List<SpecError> first = Fixtures.resolver().resolve(md).errors();
        List<SpecError> second = Fixtures.resolver().resolve(md).errors();

        assertThat(first).extracting(SpecError::field)
                .containsExactlyInAnyOrder("spec.adapters[1].name", "spec.quickStart.resources.cpu");
        assertThat(second).isEqualTo(first);
        assertThat(Serialization.asJson(md)).isEqualTo(written);
    }

    /** The CRD schema does not require containerPort, so the API server accepts such a port entry. */
    @Test
    void expertPortEntryWithoutContainerPortDoesNotBreakValidation() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().getTemplate().getSpec().getContainers().get(0).getPorts()
                .add(0, new ContainerPortBuilder().withName("admin").build());

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    /** QuickStartPodRenderer throws IllegalArgumentException for this spec; api.md wants InvalidSpec, not an exception loop. */
    @Test
    void nonNumericPortInBackendArgsIsRefused() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(List.of("--port", "abc"));

        assertThat(fieldsOf(md)).containsExactly("spec.quickStart.backendArgs");
    }

    @Test
    void portInBackendArgsMustBeOneNumberFrom1To65535() {
        List<List<String>> invalid = List.of(List.of("--port=abc"), List.of("--port", "0"), List.of("--port=70000"),
                List.of("--port"), List.of("--port", "8000", "9000"));
        for (List<String> args : invalid) {
            ModelDeployment md = vllmQuickStart();
            md.getSpec().getQuickStart().setBackendArgs(args);

            assertThat(fieldsOf(md)).as("backendArgs %s", args).containsExactly("spec.quickStart.backendArgs");
        }
    }

    @Test
    void userPortInBackendArgsIsValid() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(List.of("--port=8080"));

        assertThat(Fixtures.resolver().resolve(md).errors()).isEmpty();
    }

    @Test
    void expertWhosePortEntriesHaveNoNumberHasNoServingContainer() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().getTemplate().getSpec().getContainers().get(0)
                .setPorts(new ArrayList<>(List.of(new ContainerPortBuilder().withName("http").build())));

        assertThat(fieldsOf(md)).containsExactly("spec.expert.port");
    }

    @Test
    void aGpuTypeThatIsNoLabelValueIsRefused() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().getGpu().setType("H100 80GB");

        assertThat(Fixtures.resolver().resolve(md).errors()).extracting(SpecError::field)
                .containsExactly("spec.quickStart.resources.gpu.type");
    }
}
