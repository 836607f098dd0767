package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specs a tenant could write to get more than a plain pod in their namespace would give them, applied to the REAL
 * API server and reconciled by the packaged operator (tenancy.md). Each gets its clear answer, Failed with
 * InvalidSpec naming the field, and nothing is created for it. The hostile-tenant suite of issue 13 grows here.
 */
class HostileTenantIT {
    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("hostile");

    /** An expert deployment whose serving container and pod spec carry what the tenant asks for. */
    private static String expert(String podSpec, String container) {
        return """
                model: {id: mistralai/Mistral-7B-Instruct-v0.3}
                expert:
                  port: 8000
                  template:
                    spec:
                %s
                      containers:
                        - name: server
                          image: vllm/vllm-openai:v0.8.4
                          ports: [{containerPort: 8000}]
                %s
                """.formatted(podSpec.indent(6).stripTrailing(), container.indent(10).stripTrailing());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "privileged      | spec.expert.template.spec.containers[0].securityContext.privileged | | 'securityContext: {privileged: true}'",
            "escalation      | spec.expert.template.spec.containers[0].securityContext.allowPrivilegeEscalation | | 'securityContext: {allowPrivilegeEscalation: true}'",
            "capabilities    | spec.expert.template.spec.containers[0].securityContext.capabilities.add | | 'securityContext: {capabilities: {add: [NET_ADMIN]}}'",
            "host-network    | spec.expert.template.spec.hostNetwork | hostNetwork: true | ",
            "host-pid        | spec.expert.template.spec.hostPID | hostPID: true | ",
            "host-path       | spec.expert.template.spec.volumes[0].hostPath | 'volumes: [{name: root, hostPath: {path: /}}]' | ",
            "service-account | spec.expert.template.spec.serviceAccountName | serviceAccountName: modeldeploy-operator | ",
            "token           | spec.expert.template.spec.automountServiceAccountToken | automountServiceAccountToken: true | ",
    })
    void anExpertTemplateAskingForMoreThanAPlainPodIsRefusedNamingTheField(String name, String field, String podSpec,
                                                                           String container) {
        String md = "expert-" + name;
        ns.create(Manifests.modelDeployment(md, expert(podSpec == null ? "" : podSpec, container == null ? "" : container)));

        assertRefused(md, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "key-flag   | '\"--api-key\", \"sk-mine\"'",
            "key-inline | '\"--api-key=sk-mine\"'",
            "expansion  | '\"--served-model-name\", \"$(VLLM_API_KEY)\"'",
    })
    void backendArgsCannotCarryTheKeyOrAnExpansion(String name, String args) {
        String md = "args-" + name;
        GenericKubernetesResource resource = Manifests.quickStart(md, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi}", "");
        Manifests.section(resource, "spec", "quickStart").put("backendArgs", Serialization.unmarshal("[" + args + "]", List.class));
        ns.create(resource);

        assertRefused(md, "spec.quickStart.backendArgs");
    }

    @Test
    void aGpuTypeThatIsNoLabelValueIsRefusedBeforeAnyPodIsRendered() {
        ns.create(Manifests.quickStart("gpu-space", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: H100 80GB, count: 1}}", ""));

        assertRefused("gpu-space", "spec.quickStart.resources.gpu.type");
    }

    /** What the API server refuses in an object the operator renders reaches the user, not only the log. */
    @Test
    void anObjectTheApiServerRefusesIsReportedAsReconcileErrorWithAWarning() {
        ns.create(Manifests.quickStart("bad-class", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi}", "exposure: {ingress: {host: chat.example.com, className: Not_A_Class}}"));

        Await.until("Ready=False ReconcileError", Duration.ofSeconds(60),
                () -> ns.md("bad-class").conditionIs("Ready", "False", "ReconcileError"));
        assertThat(ns.md("bad-class").conditionMessage("Ready")).contains("Ingress").contains("ingressClassName");
        Await.until("a ReconcileError Warning", Duration.ofSeconds(30),
                () -> ns.eventReasons("bad-class").contains("ReconcileError"));
    }

    /**
     * A Secret not meant for the operator (no vendor-credentials label, or a ServiceAccount token whatever its
     * labels) is neither read nor marked, no vendor is called (the endpoint does not even resolve), and deleting
     * the deployment does not wait for a vendor.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"unlabelled,Opaque,false", "token,kubernetes.io/service-account-token,true"})
    void aSecretNotMeantForTheOperatorIsNeverSentAnywhere(String name, String type, boolean labelled) {
        String secret = name + "-secret";
        SecretBuilder builder = new SecretBuilder().withNewMetadata().withName(secret)
                .addToAnnotations("kubernetes.io/service-account.name", "default")
                .addToLabels(labelled ? Map.of("modeldeploy.io/secret-type", "vendor-credentials") : Map.of())
                .endMetadata().withType(type);
        if (!type.endsWith("token")) {
            builder.withStringData(Map.of("token", "sk-not-for-the-operator"));
        }
        ns.client().secrets().inNamespace(ns.name()).resource(builder.build()).create();
        String md = "creds-" + name;
        ns.create(Manifests.quickStart(md, "deepseek-r1", "vllm", "0.8.4", "{cpu: \"2\", memory: 8Gi}", """
                target:
                  provider: DRun
                  endpoint: https://vendor.invalid
                  credentialsSecretRef: {name: %s}
                  dRun: {region: r-1, skuId: sku-1}""".formatted(secret)));

        Await.until("Ready=False CredentialsNotAllowed", Duration.ofSeconds(60),
                () -> ns.md(md).conditionIs("Ready", "False", "CredentialsNotAllowed"));
        Secret after = ns.client().secrets().inNamespace(ns.name()).withName(secret).get();
        assertThat(after.getMetadata().getFinalizers()).isNullOrEmpty();
        assertThat(after.getMetadata().getLabels()).doesNotContainKey("modeldeploy.io/credentials-in-use");

        ns.mds().withName(md).delete();
        Await.until("the deployment gone", Duration.ofSeconds(30), () -> ns.mds().withName(md).get() == null);
        assertThat(ns.eventReasons(md)).contains("CredentialsNotAllowed");
    }

    /** A Service someone else made under the name the deployment needs is left alone until it is gone. */
    @Test
    void anObjectTheOperatorDidNotCreateIsNeverTakenOver() {
        Service theirs = new ServiceBuilder().withNewMetadata().withName("taken").endMetadata()
                .withNewSpec().addNewPort().withPort(9999).endPort().endSpec().build();
        ns.client().services().inNamespace(ns.name()).resource(theirs).create();
        ns.create(Manifests.quickStart("taken", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi}", ""));

        Await.until("Ready=False ResourceConflict", Duration.ofSeconds(60),
                () -> ns.md("taken").conditionIs("Ready", "False", "ResourceConflict"));
        Service after = ns.client().services().inNamespace(ns.name()).withName("taken").get();
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(after.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(9999));
        assertThat(ns.eventReasons("taken")).contains("ResourceConflict");

        ns.client().services().inNamespace(ns.name()).withName("taken").delete();
        Await.until("the deployment's own Service", Duration.ofSeconds(90), () -> {
            Service own = ns.client().services().inNamespace(ns.name()).withName("taken").get();
            return own != null && own.getMetadata().getOwnerReferences() != null
                    && !own.getMetadata().getOwnerReferences().isEmpty();
        });
    }

    /** Failed with InvalidSpec naming the field, and no workload, Service or key Secret made for it. */
    private static void assertRefused(String md, String field) {
        ModelDeploymentView view = ns.awaitPhase(md, "Failed");
        assertThat(view.conditionIs("Ready", "False", "InvalidSpec")).isTrue();
        assertThat(view.conditionMessage("Ready")).contains(field);
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName(md).get()).isNull();
        assertThat(ns.client().services().inNamespace(ns.name()).withName(md).get()).isNull();
        assertThat(ns.client().secrets().inNamespace(ns.name()).withName(md + "-api-key").get()).isNull();
    }
}
