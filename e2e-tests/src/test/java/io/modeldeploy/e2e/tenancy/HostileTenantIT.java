package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
 * Specs a tenant could write to get more than a plain pod in their namespace would give them, or to break the
 * operator, applied to the REAL API server and reconciled by the packaged operator (tenancy.md). Each gets its clear
 * answer: refused at apply by the schema, or Failed with InvalidSpec naming the field within seconds (nothing is
 * created for it), or the named reason of its case. {@link TenantWatch} then checks the whole run: no credential or
 * key in the operator's log, an Event or a status, and nothing outside the deployments changed.
 */
class HostileTenantIT {
    /** How long a refusal may take: the resolver answers on the first reconcile, the rest is a noisy machine. */
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("hostile");

    @RegisterExtension
    static final TenantWatch watch = new TenantWatch(ns);

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
            "host-ipc        | spec.expert.template.spec.hostIPC | hostIPC: true | ",
            "second-hostpath | spec.expert.template.spec.volumes[1].hostPath | 'volumes: [{name: a, emptyDir: {}}, {name: b, hostPath: {path: /var/run}}]' | ",
            "old-sa-field    | spec.expert.template.spec.serviceAccountName | serviceAccount: modeldeploy-operator | ",
            "init-privileged | spec.expert.template.spec.initContainers[0].securityContext.privileged | 'initContainers: [{name: init, image: busybox, securityContext: {privileged: true}}]' | ",
            "init-host-port  | spec.expert.template.spec.initContainers[0].ports[0].hostPort | 'initContainers: [{name: init, image: busybox, ports: [{containerPort: 80, hostPort: 80}]}]' | ",
            "sys-admin       | spec.expert.template.spec.containers[0].securityContext.capabilities.add | | 'securityContext: {capabilities: {add: [SYS_ADMIN], drop: [ALL]}}'",
    })
    void anExpertTemplateAskingForMoreThanAPlainPodIsRefusedNamingTheField(String name, String field, String podSpec,
                                                                           String container) {
        String md = "expert-" + name;
        refused(Manifests.modelDeployment(md, expert(podSpec == null ? "" : podSpec, container == null ? "" : container)), field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "key-flag      | '\"--api-key\", \"sk-mine-0123456789\"'",
            "key-inline    | '\"--api-key=sk-mine-0123456789\"'",
            "expansion     | '\"--served-model-name\", \"$(VLLM_API_KEY)\"'",
            "own-key       | '\"--served-model-name\", \"$(MODELDEPLOY_API_KEY)\"'",
            "mid-expansion | '\"--served-model-name=chat-$(HOME)\"'",
    })
    void backendArgsCannotCarryTheKeyOrAnExpansion(String name, String args) {
        watch.secret("sk-mine-0123456789");
        String md = "args-" + name;
        GenericKubernetesResource resource = Manifests.quickStart(md, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi}", "");
        Manifests.section(resource, "spec", "quickStart").put("backendArgs", Serialization.unmarshal("[" + args + "]", List.class));

        refused(resource, "spec.quickStart.backendArgs");
    }

    /** Resources that would escape as exceptions, overflow, or reach a node selector or pod name unchecked. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gpu-space      | spec.quickStart.resources.gpu.type   | '{cpu: \"2\", memory: 8Gi, gpu: {type: H100 80GB, count: 1}}'",
            "gpu-slash      | spec.quickStart.resources.gpu.type   | '{cpu: \"2\", memory: 8Gi, gpu: {type: nvidia.com/H100, count: 1}}'",
            "gpu-long       | spec.quickStart.resources.gpu.type   | '{cpu: \"2\", memory: 8Gi, gpu: {type: H100-0123456789012345678901234567890123456789012345678901234567890, count: 1}}'",
            "gpu-untyped    | spec.quickStart.resources.gpu.type   | '{cpu: \"2\", memory: 8Gi, gpu: {count: 1}}'",
            "gpu-negative   | spec.quickStart.resources.gpu.count  | '{cpu: \"2\", memory: 8Gi, gpu: {type: H100, count: -1}}'",
            "memory-minus   | spec.quickStart.resources.memory     | '{cpu: \"2\", memory: -1Gi}'",
            "memory-word    | spec.quickStart.resources.memory     | '{cpu: \"2\", memory: lots}'",
            "cpu-zero       | spec.quickStart.resources.cpu        | '{cpu: \"0\", memory: 8Gi}'",
            "workers-zero   | spec.quickStart.resources.workers    | '{cpu: \"2\", memory: 8Gi, workers: 0}'",
            "group-no-gpu   | spec.quickStart.resources.gpu.count  | '{cpu: \"2\", memory: 8Gi, workers: 2}'",
    })
    void resourcesThatCannotBeScheduledSafelyAreRefused(String name, String field, String resources) {
        refused(Manifests.quickStart("res-" + name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4", resources, ""), field);
    }

    /** Whole specs that make no sense, or that would put tenant text into object names, hosts and image tags. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "version-shell  | spec.quickStart.backendVersion | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4; rm -rf /\", resources: {cpu: \"2\"}}'",
            "version-digest | spec.quickStart.backendVersion | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"x@sha256:00\", resources: {cpu: \"2\"}}'",
            "no-mode        | spec                           | 'model: {id: m}'",
            "two-modes      | spec                           | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}\\nlora: {baseRef: {name: b}}\\nadapters: [{name: a, uri: hf://o/a}]'",
            "replicas-minus | spec.replicas                  | 'model: {id: m}\\nreplicas: -1\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}'",
            "no-model-id    | spec.model.id                  | 'model: {uri: hf://o/m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}'",
            "model-metadata | spec.model.uri                 | 'model: {id: m, uri: \"http://169.254.169.254/latest/meta-data\"}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}'",
            "adapter-twice  | spec.adapters                  | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}\\nadapters: [{name: a, uri: hf://o/a}, {name: a, uri: hf://o/b}]'",
            "adapter-name   | spec.adapters[0].name          | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}\\nadapters: [{name: Bad_Name, uri: hf://o/a}]'",
            "adapter-scheme | spec.adapters[0].uri           | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}\\nadapters: [{name: a, uri: \"ftp://evil.example/a\"}]'",
            "lora-no-adapt  | spec.adapters                  | 'model: {id: m}\\nlora: {baseRef: {name: b}}'",
            "lora-no-base   | spec.lora.baseRef.name         | 'model: {id: m}\\nlora: {}\\nadapters: [{name: a, uri: hf://o/a}]'",
            "ingress-host   | spec.exposure.ingress.host     | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}\\nexposure: {ingress: {host: Bad_Host}}'",
            "key-no-name    | spec.apiKey.secretRef.name     | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\"}}\\napiKey: {secretRef: {key: k}}'",
            "group-adapters | spec.adapters                  | 'model: {id: m}\\nquickStart: {backend: vllm, backendVersion: \"0.8.4\", resources: {cpu: \"2\", workers: 2, gpu: {type: H100, count: 1}}}\\nadapters: [{name: a, uri: hf://o/a}]'",
    })
    void specsThatMakeNoSenseAreRefusedNamingTheField(String name, String field, String spec) {
        refused(Manifests.modelDeployment("spec-" + name, spec.replace("\\n", "\n")), field);
    }

    /** Its name becomes a Service name, label values and pod hostnames: a name that fits none is refused. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"dotted,chat.v2", "long,chat-0123456789-0123456789-0123456789-0123456789-0123456789-0123"})
    void aNameNoServiceCanHaveIsRefused(String name, String md) {
        refused(Manifests.quickStart(md, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4", "{cpu: \"2\", memory: 8Gi}", ""),
                "metadata.name");
    }

    /** An expert container without a name would reach the API server (or a null check) unnamed. */
    @Test
    void anUnnamedExpertContainerIsRefused() {
        refused(Manifests.modelDeployment("expert-unnamed", """
                model: {id: m}
                expert:
                  port: 8000
                  template:
                    spec:
                      containers:
                        - {name: server, image: vllm/vllm-openai:v0.8.4, ports: [{containerPort: 8000}]}
                        - {image: busybox}"""), "spec.expert.template.spec.containers[1].name");
    }

    @Test
    void anExpertPortNoContainerDeclaresIsRefused() {
        refused(Manifests.modelDeployment("expert-port", expert("", "").replace("port: 8000", "port: 9000")), "spec.expert.port");
    }

    /** A model path is read inside the engine's own container: nothing of the node is mounted for it. */
    @Test
    void aFileModelPathMountsNothingFromTheNode() {
        ns.create(Manifests.modelDeployment("file-model", """
                model: {id: m, uri: "file:///etc/kubernetes"}
                quickStart: {backend: vllm, backendVersion: "0.8.4", resources: {cpu: "2", memory: 8Gi}}"""));

        Deployment deployment = Await.until("the deployment's workload", WITHIN_SECONDS,
                () -> ns.client().apps().deployments().inNamespace(ns.name()).withName("file-model").get());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        assertPlainPod(pod);
    }

    /** The operator's own pods get nothing a tenant could not ask for in a plain pod. */
    @Test
    void aQuickStartPodHasNoPrivilegesNoHostAccessAndNoToken() {
        ns.create(Manifests.quickStart("plain", "Qwen/Qwen2.5-0.5B-Instruct", "sglang", "0.4.6", "{cpu: \"2\", memory: 8Gi}", ""));

        Deployment deployment = Await.until("the deployment's workload", WITHIN_SECONDS,
                () -> ns.client().apps().deployments().inNamespace(ns.name()).withName("plain").get());
        assertPlainPod(deployment.getSpec().getTemplate().getSpec());
    }

    /** Managed targets: a spec the platform cannot serve is refused before the credentials Secret is read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"DRun,'dRun: {region: r-1, skuId: sku-1}'", "Qianfan,'endpoint: https://qianfan.baidubce.com'", "ZStack,"})
    void aMultiNodeSpecForAPlatformWithoutItIsRefusedBeforeAnyCredentialIsRead(String provider, String options) {
        String md = "managed-" + provider.toLowerCase();
        refused(Manifests.quickStart(md, "deepseek-r1", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, workers: 2, gpu: {type: H100, count: 1}}", """
                target:
                  provider: %s
                  credentialsSecretRef: {name: %s}
                  %s""".formatted(provider, TenantWatch.BYSTANDER, options == null ? "endpoint: https://zstack.example.com" : options)),
                "spec.quickStart.resources.workers");
    }

    /**
     * A Secret not meant for the operator (no vendor-credentials label, or a ServiceAccount token whatever its
     * labels) is neither read nor marked, no vendor is called, and deleting
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
        if (!type.endsWith("token")) {
            watch.secret("sk-not-for-the-operator");
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

    /** Objects of every kind the operator makes, each under the name the deployment wants, made by someone else. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"service", "secret", "deployment", "ingress"})
    void noObjectOfAnyKindIsTakenOver(String kind) {
        String md = "theirs-" + kind;
        HasMetadata theirs = switch (kind) {
            case "service" -> new ServiceBuilder().withNewMetadata().withName(md).endMetadata()
                    .withNewSpec().addNewPort().withPort(9999).endPort().endSpec().build();
            case "secret" -> new SecretBuilder().withNewMetadata().withName(md + "-api-key").endMetadata()
                    .withStringData(Map.of("apiKey", watch.secret("their-own-key-0123456789"))).build();
            case "deployment" -> new DeploymentBuilder().withNewMetadata().withName(md).endMetadata().withNewSpec()
                    .withReplicas(0).withNewSelector().addToMatchLabels("app", "theirs").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "theirs").endMetadata().withNewSpec()
                    .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().endTemplate().endSpec().build();
            case "ingress" -> new IngressBuilder().withNewMetadata().withName(md).endMetadata().withNewSpec()
                    .addNewRule().withHost("theirs.example.com").endRule().endSpec().build();
            default -> throw new IllegalArgumentException(kind);
        };
        HasMetadata before = ns.client().resource(theirs).inNamespace(ns.name()).create();
        ns.create(Manifests.quickStart(md, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4", "{cpu: \"2\", memory: 8Gi}",
                "ingress".equals(kind) ? "exposure: {ingress: {host: mine.example.com}}" : ""));

        Await.until("Ready=False ResourceConflict", WITHIN_SECONDS,
                () -> ns.md(md).conditionIs("Ready", "False", "ResourceConflict"));
        assertThat(ns.md(md).conditionMessage("Ready")).contains(before.getMetadata().getName());
        HasMetadata after = ns.client().resource(before).inNamespace(ns.name()).get();
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
        if (after instanceof Deployment) {
            // Its own controller writes its status; a change by the operator would move the generation.
            assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        } else {
            assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        }
    }

    /** A name an object next to the tenant's already has (the suite's bystander Service) is not theirs to take. */
    @Test
    void aDeploymentNamedLikeABystanderLeavesItAlone() {
        ns.create(Manifests.quickStart(TenantWatch.BYSTANDER, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi}", ""));

        Await.until("Ready=False ResourceConflict", WITHIN_SECONDS,
                () -> ns.md(TenantWatch.BYSTANDER).conditionIs("Ready", "False", "ResourceConflict"));
        ns.mds().withName(TenantWatch.BYSTANDER).delete();
        Await.until("the deployment gone", WITHIN_SECONDS, () -> ns.mds().withName(TenantWatch.BYSTANDER).get() == null);
        // TenantWatch checks afterwards that the bystanders kept their resourceVersion.
    }

    /**
     * The clear answer to a spec that is wrong: the API server refuses it at apply naming the field (the CRD's
     * schema), or the operator marks it Failed with InvalidSpec naming the field within seconds. Either way no
     * workload, Service or key Secret is made for it.
     */
    private static void refused(GenericKubernetesResource resource, String field) {
        String md = resource.getMetadata().getName();
        try {
            ns.create(resource);
        } catch (KubernetesClientException refusedAtApply) {
            assertThat(refusedAtApply.getCode()).as(refusedAtApply.getMessage()).isEqualTo(422);
            assertThat(refusedAtApply.getMessage()).satisfiesAnyOf(
                    message -> assertThat(message).contains(schemaPath(field)),
                    message -> assertThat(message).contains(schemaPath(field).replaceAll("\\.[^.]+$", "") + ":"));
            return;
        }
        ModelDeploymentView view = Await.until(md + " Failed", WITHIN_SECONDS, () -> {
            ModelDeploymentView current = ns.md(md);
            if (!"Failed".equals(current.phase())) {
                throw new AssertionError("status is " + current.status());
            }
            return current;
        });
        assertThat(view.conditionIs("Ready", "False", "InvalidSpec")).as(String.valueOf(view.status())).isTrue();
        assertThat(view.conditionMessage("Ready")).contains(field);
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName(md).get()).isNull();
        assertThat(ns.client().services().inNamespace(ns.name()).withName(md).get()).isNull();
        assertThat(ns.client().secrets().inNamespace(ns.name()).withName(md + "-api-key").get()).isNull();
    }

    /**
     * How the API server names a field the schema refuses: no list indices, and a required object as itself
     * ({@code spec.lora.baseRef: Required value} for what the operator calls {@code spec.lora.baseRef.name}).
     */
    private static String schemaPath(String field) {
        return field.replaceAll("\\[\\d+]", "");
    }

    private static void assertPlainPod(PodSpec pod) {
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getServiceAccountName()).isIn(null, "default");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getContainers()).allSatisfy(c -> {
            if (c.getSecurityContext() != null) {
                assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
                assertThat(c.getSecurityContext().getCapabilities() == null
                        || c.getSecurityContext().getCapabilities().getAdd() == null
                        || c.getSecurityContext().getCapabilities().getAdd().isEmpty()).isTrue();
            }
            assertThat(c.getPorts()).allSatisfy(p -> assertThat(p.getHostPort()).isIn(null, 0));
        });
    }
}
