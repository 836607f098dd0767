package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ApiKey;
import io.modeldeploy.operator.api.v1alpha1.Exposure;
import io.modeldeploy.operator.api.v1alpha1.IngressExposure;
import io.modeldeploy.operator.api.v1alpha1.LocalObjectReference;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.SecretKeyRef;
import io.modeldeploy.operator.api.v1alpha1.Target;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.zstack.ZStackProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the CRD schema refuses at apply is refused by the resolver too (a CRD from an older chart lacks the rules),
 * as InvalidSpec naming the field: never as an object the API server refuses halfway through a reconcile.
 */
class SchemaChecksTest {

    private static List<SpecError> errors(ModelDeployment md) {
        return Fixtures.resolver().resolve(md).errors();
    }

    private static List<String> fields(ModelDeployment md) {
        return errors(md).stream().map(SpecError::field).toList();
    }

    private static ModelDeployment managed(String endpoint) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        Target target = new Target();
        target.setProvider(Provider.ZStack);
        target.setEndpoint(endpoint);
        LocalObjectReference creds = new LocalObjectReference();
        creds.setName("zstack-creds");
        target.setCredentialsSecretRef(creds);
        target.setOptions(Provider.ZStack, Map.of("modelServiceUuid", "5c6b", "zoneUuid", "0f3c"));
        md.getSpec().setTarget(target);
        md.getSpec().getQuickStart().setBackendArgs(null);
        return md;
    }

    @ParameterizedTest
    @ValueSource(strings = {"3e9", "8Ei", "1E", "-1", "lots", "1.5.5", "", " 8", "12345678901Gi"})
    void aQuantityOutsideTheSchemaPatternIsRefusedNamingTheField(String cpu) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setCpu(cpu);

        assertThat(fields(md)).containsExactly("spec.quickStart.resources.cpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500m", "8", "0.5", "64Gi", "1Ti", ".5"})
    void aPlainQuantityIsAccepted(String memory) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setMemory(memory);

        assertThat(errors(md)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.d.run", "http://[x", "ftp://host/api", "https://host/api?", "https://host/a#b",
            "https://user:pw@host/api", "https://host/with space"})
    void anEndpointThatIsNoPlainHttpBaseUrlIsRefused(String endpoint) {
        assertThat(fields(managed(endpoint))).contains("spec.target.endpoint");
    }

    /** Syntax alone: an installation that allows this private ZStack endpoint, as every ZStack installation names its own. */
    @Test
    void aPlainEndpointIsAccepted() {
        VendorHttp http = new VendorHttp();
        Providers allowingIt = new Providers(List.of(new ZStackProvider(http)), Map.of(),
                Map.of("zstack", List.of("http://zstack-mn.example.internal:8080")));

        assertThat(new DeploymentResolver(allowingIt).resolve(managed("http://zstack-mn.example.internal:8080")).errors())
                .extracting(SpecError::field).doesNotContain("spec.target.endpoint");
    }

    @Test
    void namesOfSecretsAndTheirKeysMustBeObjectNames() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        SecretKeyRef ref = new SecretKeyRef();
        ref.setName("Not_A_Name");
        ref.setKey("key with space");
        ApiKey apiKey = new ApiKey();
        apiKey.setSecretRef(ref);
        md.getSpec().setApiKey(apiKey);
        IngressExposure ingress = new IngressExposure();
        ingress.setHost("chat.example.com");
        ingress.setTlsSecretName("TLS!");
        Exposure exposure = new Exposure();
        exposure.setIngress(ingress);
        md.getSpec().setExposure(exposure);

        assertThat(fields(md)).containsExactlyInAnyOrder("spec.apiKey.secretRef.name", "spec.apiKey.secretRef.key",
                "spec.exposure.ingress.tlsSecretName");
    }

    @Test
    void aLoraBaseThatIsNoObjectNameIsRefused() {
        ModelDeployment md = Fixtures.lora();
        md.getSpec().getLora().getBaseRef().setName("../other");

        assertThat(fields(md)).containsExactly("spec.lora.baseRef.name");
    }

    @Test
    void overlongStringsAreRefusedWithoutQuotingThem() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        String huge = "x".repeat(5000);
        md.getSpec().getModel().setId(huge);
        md.getSpec().getQuickStart().setBackendArgs(List.of("--max-model-len=8192", "--x=" + huge));

        List<SpecError> errors = errors(md);
        assertThat(errors).extracting(SpecError::field).contains("spec.model.id", "spec.quickStart.backendArgs[1]");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain(huge));
    }

    @Test
    void tooManyBackendArgsAreRefused() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(new ArrayList<>(Collections.nCopies(200, "--enforce-eager")));

        assertThat(fields(md)).contains("spec.quickStart.backendArgs");
    }

    @Test
    void aHealthPathMustBeAnHttpPath() {
        ModelDeployment md = Fixtures.expert();
        md.getSpec().getExpert().setHealthPath("health check");

        assertThat(fields(md)).containsExactly("spec.expert.healthPath");
    }

    @Test
    void bothModeBlocksAreRefused() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setExpert(Fixtures.expert().getSpec().getExpert());

        assertThat(fields(md)).contains("spec");
    }

    @Test
    void aDuplicateAdapterIsRefusedOnce() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setAdapters(Fixtures.adapters("sql", "sql"));

        assertThat(fields(md)).containsExactly("spec.adapters[1].name");
    }
}
