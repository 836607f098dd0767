package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A ModelDeployment gives its author no power a plain pod in their namespace would not (tenancy.md). */
class TenantPolicyTest {

    /**
     * An expert deployment serving on 8000 from container {@code server}: {@code serverContainerYaml} goes into that
     * container, {@code podSpecYaml} into the pod spec (keys under template.spec).
     */
    private static ModelDeployment expert(String podSpecYaml, String serverContainerYaml) {
        String container = serverContainerYaml.contains("ports:") ? serverContainerYaml
                : serverContainerYaml + "\nports: [{containerPort: 8000}]";
        return Fixtures.modelDeployment("""
                expert:
                  template:
                    spec:
                      containers:
                        - name: server
                          image: vllm/vllm-openai:v0.8.4
                %s
                %s
                model: {id: mistralai/Mistral-7B-Instruct-v0.3}
                """.formatted(container.indent(10).stripTrailing(), podSpecYaml.indent(6).stripTrailing()));
    }

    private static List<String> fields(ModelDeployment md, TenantPolicy policy) {
        return new DeploymentResolver(Fixtures.providers(), policy).resolve(md).errors().stream()
                .map(SpecError::field).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "spec.expert.template.spec.hostNetwork                                     | hostNetwork: true                | ",
            "spec.expert.template.spec.hostPID                                         | hostPID: true                    | ",
            "spec.expert.template.spec.hostIPC                                         | hostIPC: true                    | ",
            "spec.expert.template.spec.serviceAccountName                              | serviceAccountName: operator     | ",
            "spec.expert.template.spec.automountServiceAccountToken                    | automountServiceAccountToken: true | ",
            "spec.expert.template.spec.volumes[0].hostPath                             | 'volumes: [{name: root, hostPath: {path: /}}]' | ",
            "spec.expert.template.spec.containers[0].securityContext.privileged        |                                  | 'securityContext: {privileged: true}'",
            "spec.expert.template.spec.containers[0].securityContext.allowPrivilegeEscalation | | 'securityContext: {allowPrivilegeEscalation: true}'",
            "spec.expert.template.spec.containers[0].securityContext.capabilities.add  |                                  | 'securityContext: {capabilities: {add: [SYS_ADMIN]}}'",
            "spec.expert.template.spec.containers[0].ports[1].hostPort                 |                                  | 'ports: [{containerPort: 8000}, {containerPort: 22, hostPort: 22}]'",
    })
    void whatAPlainPodCouldNotHaveIsRefusedNamingTheField(String field, String podSpec, String container) {
        ModelDeployment md = expert(podSpec == null ? "" : podSpec, container == null ? "" : container);

        List<SpecError> errors = Fixtures.resolver().resolve(md).errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).startsWith("PolicyViolation: " + field);
        });
    }

    @Test
    void theInstallationCanAllowEachItem() {
        ModelDeployment md = expert("""
                hostNetwork: true
                serviceAccountName: operator
                volumes: [{name: root, hostPath: {path: /}}]""",
                "securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN]}}");

        assertThat(fields(md, TenantPolicy.STRICT)).hasSize(5);
        assertThat(fields(md, new TenantPolicy(true, true, true, true, false, true))).isEmpty();
        assertThat(fields(md, new TenantPolicy(true, true, true, false, false, true)))
                .containsExactly("spec.expert.template.spec.volumes[0].hostPath");
    }

    @Test
    void aPlainTemplateAndTheDefaultServiceAccountPass() {
        assertThat(Fixtures.resolver().resolve(expert("serviceAccountName: default", "")).errors()).isEmpty();
        assertThat(Fixtures.resolver().resolve(Fixtures.expert()).errors()).isEmpty();
    }

    @Test
    void everyContainerNeedsAName() {
        ModelDeployment md = Fixtures.expert();
        md.getSpec().getExpert().getTemplate().getSpec().getContainers().get(1).setName(null);

        assertThat(Fixtures.resolver().resolve(md).errors()).extracting(SpecError::field)
                .containsExactly("spec.expert.template.spec.containers[1].name");
    }

    @ParameterizedTest
    @CsvSource({"--api-key,sk-mine", "--api-key=sk-mine,", "--served-model-name,$(VLLM_API_KEY)"})
    void backendArgsCannotCarryTheKeyOrAnExpansion(String flag, String value) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(value == null ? List.of(flag) : List.of(flag, value));

        assertThat(Fixtures.resolver().resolve(md).errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("spec.quickStart.backendArgs"));
    }
}
