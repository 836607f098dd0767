package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.groups.Groups;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.render.GroupPodRenderer;
import io.modeldeploy.operator.render.IngressRenderer;
import io.modeldeploy.operator.render.LeadersServiceRenderer;
import io.modeldeploy.operator.render.NetworkPolicySettings;
import io.modeldeploy.operator.render.PodAnnotations;
import io.modeldeploy.operator.status.Conditions;
import io.modeldeploy.operator.status.Pods;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.modeldeploy.operator.reconcile.FlowFixture.delay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every branch of the in-cluster flow (quickStart and expert deployments) against an API server, engines and
 * adapter-sync sidecars in memory: what it writes, in which order, and what it reports.
 */
class InClusterFlowTest {
    private static final String NAME = Fixtures.NAME;
    private static final String KEY_SECRET = NAME + "-api-key";
    private static final String POD = NAME + "-a";
    private static final String IP = "10.0.0.7";

    private final FlowFixture f = new FlowFixture();
    private final InClusterFlow flow = f.inClusterFlow();
    /** The other ModelDeployments of the namespace, as the informer's cache shows them. */
    private final List<ModelDeployment> neighbours = new ArrayList<>();
    private ModelDeployment md = Fixtures.vllmQuickStart();

    /** What the informers show: the cluster as the writes so far left it, this deployment and its neighbours. */
    private FakeContext context() {
        return new FakeContext().seeing(f.cluster).withDeployments(Stream.concat(Stream.of(md), neighbours.stream())
                .toArray(ModelDeployment[]::new));
    }

    private UpdateControl<ModelDeployment> reconcile() {
        return f.reconcile(flow, md, context());
    }

    /** Reconciles once, then forgets the writes: the cluster holds what that reconcile made. */
    private void deployed() {
        reconcile();
        f.cluster.forgetWrites();
    }

    /** vLLM on 2 x H100, two instances, and the spec's {@code moreSpec} (YAML, as the user writes it). */
    private void vllmWith(String moreSpec) {
        md = Fixtures.modelDeployment(Fixtures.VLLM_SPEC + moreSpec);
    }

    private void exposed() {
        vllmWith("exposure: {ingress: {host: qwen.example.com}}\n");
    }

    private void keyFromTeamSecret() {
        vllmWith("apiKey: {secretRef: {name: team-key}}\n");
    }

    /** One instance whose pod is ready at {@link #IP}; LoRA enabled with {@code adapters}. */
    private void oneInstanceServing(String... adapters) {
        md.getSpec().setReplicas(1);
        md.getSpec().setAdapters(Fixtures.adapters(adapters));
        f.cluster.with(serving(POD, IP));
    }

    /** Ready, with a uid and an IP: an instance the operator talks to. */
    private static Pod serving(String name, String ip) {
        return new PodBuilder(Pods.ready(name)).editMetadata().withUid(name + "-uid").endMetadata()
                .editStatus().withPodIP(ip).endStatus().build();
    }

    private String keyInCluster(String secretName) {
        Secret secret = f.cluster.get(Secret.class, secretName).orElseThrow();
        return SecretValues.of(secret).get("apiKey");
    }

    /** The key digest the applied Deployment's pods carry: which key they were rendered with. */
    private String keyDigestOfDeployment() {
        return f.cluster.get(Deployment.class, NAME).orElseThrow().getSpec().getTemplate().getMetadata()
                .getAnnotations().get(PodAnnotations.API_KEY_DIGEST);
    }

    private List<List<String>> loraModelsOfInstances() {
        return md.getStatus().getInstances().stream().map(InstanceStatus::getLoraModels).toList();
    }

    private String condition(String type) {
        return FlowFixture.condition(md, type);
    }

    // ---------------------------------------------------------------- objects and idempotence

    @Test
    void theFirstReconcileCreatesTheApiKeyThenAppliesTheDeploymentAndItsService() {
        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.cluster.writes()).containsExactly(
                "create Secret/" + KEY_SECRET, "create NetworkPolicy/" + NAME, "create Deployment/" + NAME, "create Service/" + NAME);
        assertThat(keyInCluster(KEY_SECRET)).startsWith("sk-");
        assertThat(keyDigestOfDeployment()).isEqualTo(ApiKeySecretRenderer.digest(keyInCluster(KEY_SECRET)));
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Pending);
        assertThat(md.getStatus().getApiKeySecret()).isEqualTo(KEY_SECRET);
        assertThat(control.getScheduleDelay()).isEmpty();
    }

    @Test
    void anIngressIsAppliedWhenTheSpecExposesTheService() {
        exposed();

        reconcile();

        assertThat(f.cluster.created).containsExactly("Secret/" + KEY_SECRET, "NetworkPolicy/" + NAME, "Deployment/" + NAME,
                "Service/" + NAME, "Ingress/" + NAME);
        assertThat(md.getStatus().getServiceUrl()).isEqualTo("http://qwen.example.com/v1");
    }

    @Test
    void aSecondReconcileOverWhatTheClusterNowHoldsWritesNothing() {
        exposed();
        md.getSpec().setAdapters(Fixtures.adapters("sql"));
        deployed();

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.cluster.writes()).isEmpty();
        assertThat(control.isNoUpdate()).isTrue();
    }

    @Test
    void aNetworkPolicyMadeBeforePoliciesWereTurnedOffIsDeletedAndNothingElseTouched() {
        deployed();
        InClusterFlow withoutPolicies = f.inClusterFlow(f.engines,
                Fixtures.settings().withNetworkPolicy(new NetworkPolicySettings(false, Optional.empty(), Optional.empty())));

        f.reconcile(withoutPolicies, md, context());

        assertThat(f.cluster.writes()).containsExactly("delete NetworkPolicy/" + NAME);
        f.cluster.forgetWrites();
        f.reconcile(withoutPolicies, md, context());
        assertThat(f.cluster.writes()).isEmpty();
    }

    @Test
    void anIngressNoLongerAskedForIsDeletedAndNothingElseTouched() {
        exposed();
        deployed();
        md.getSpec().setExposure(null);

        reconcile();

        assertThat(f.cluster.writes()).containsExactly("delete Ingress/" + NAME);
    }

    @Test
    void aSpecChangeReappliesOnlyWhatItChanges() {
        deployed();
        md.getSpec().setReplicas(3);

        reconcile();

        assertThat(f.cluster.writes()).containsExactly("apply Deployment/" + NAME);
    }

    // ---------------------------------------------------------------- API key

    @Test
    void aKeyAnEarlierReconcileMadeIsKeptThoughTheCacheDoesNotShowItYet() {
        f.cluster.with(ApiKeySecretRenderer.render(f.resolved(md), Fixtures.API_KEY));

        f.reconcile(flow, md, new FakeContext().withDeployments(md));

        assertThat(f.cluster.created).noneMatch(w -> w.startsWith("Secret/"));
        assertThat(keyInCluster(KEY_SECRET)).isEqualTo(Fixtures.API_KEY);
        assertThat(keyDigestOfDeployment()).isEqualTo(ApiKeySecretRenderer.digest(Fixtures.API_KEY));
    }

    @Test
    void aUserNamedKeySecretIsReadFromTheApiServerAndNeverWritten() {
        keyFromTeamSecret();
        f.cluster.with(FlowFixture.secret("team-key", Map.of("apiKey", "sk-team")));

        // The informers select the operator's label: a user's Secret is never in their cache.
        f.reconcile(flow, md, new FakeContext().withDeployments(md));

        assertThat(f.cluster.writes()).containsExactly("create NetworkPolicy/" + NAME, "create Deployment/" + NAME, "create Service/" + NAME);
        assertThat(keyDigestOfDeployment()).isEqualTo(ApiKeySecretRenderer.digest("sk-team"));
        assertThat(md.getStatus().getApiKeySecret()).isEqualTo("team-key");
    }

    @Test
    void aUserNamedKeySecretThatDoesNotExistIsWaitedForWithoutDeployingAnything() {
        keyFromTeamSecret();

        UpdateControl<ModelDeployment> control = reconcile();

        assertWaitingForTheKey(control, "Secret team-key named by spec.apiKey.secretRef does not exist");
    }

    @Test
    void aUserNamedKeySecretWithoutTheKeyIsWaitedForLikeAMissingOne() {
        keyFromTeamSecret();
        f.cluster.with(FlowFixture.secret("team-key", Map.of("token", "sk-team")));

        UpdateControl<ModelDeployment> control = reconcile();

        assertWaitingForTheKey(control, "Secret team-key has no key 'apiKey'");
    }

    private void assertWaitingForTheKey(UpdateControl<ModelDeployment> control, String message) {
        assertThat(f.cluster.writes()).isEmpty();
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Pending);
        assertThat(condition("Ready")).isEqualTo("False ApiKeyNotFound");
        assertThat(condition("Degraded")).isEqualTo("True ApiKeyNotFound");
        assertThat(f.events.recorded).contains("Warning ApiKeyNotFound: " + message);
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(30));
    }

    // ---------------------------------------------------------------- adapters

    @Test
    void theAdapterSyncConfigMapIsAppliedBeforeTheDeploymentWhosePodsMountIt() {
        md.getSpec().setAdapters(Fixtures.adapters("sql"));

        reconcile();

        assertThat(f.cluster.created).containsExactly("Secret/" + KEY_SECRET,
                "NetworkPolicy/" + NAME, "ConfigMap/" + NAME + "-adapter-sync", "Deployment/" + NAME, "Service/" + NAME);
    }

    @Test
    void adaptersOnDiskAreLoadedIntoEveryReadyInstanceWithTheDeploymentsKey() {
        md.getSpec().setAdapters(Fixtures.adapters("sql", "chat"));
        // The informer shows a Deployment its controller has rolled out.
        f.cluster.with(Pods.rolledOut(2), serving(NAME + "-a", "10.0.0.7"), serving(NAME + "-b", "10.0.0.8"));
        f.engines.sidecarAt("10.0.0.7").ready("sql", "chat");
        f.engines.sidecarAt("10.0.0.8").ready("sql", "chat");

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.engines.opened).containsExactlyInAnyOrder("engine 10.0.0.7:8000", "sidecar 10.0.0.7:8001",
                "engine 10.0.0.8:8000", "sidecar 10.0.0.8:8001");
        assertThat(f.engines.credentials).containsOnly(keyInCluster(KEY_SECRET));
        assertThat(f.engines.at("10.0.0.7").loadCalls).containsExactly("sql", "chat");
        assertThat(f.engines.at("10.0.0.8").loadCalls).containsExactly("sql", "chat");
        assertThat(loraModelsOfInstances()).containsExactly(List.of("chat", "sql"), List.of("chat", "sql"));
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Running);
        assertThat(condition("AdaptersReady")).isEqualTo("True AllAdaptersLoaded");
        assertThat(control.getScheduleDelay()).isEmpty();
    }

    @Test
    void anInstanceThatIsNotReadyIsNotAskedToLoadAnything() {
        md.getSpec().setAdapters(Fixtures.adapters("sql"));
        f.cluster.with(Pods.loading(POD));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.engines.opened).isEmpty();
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Starting);
        assertThat(control.getScheduleDelay()).isEmpty();
    }

    @Test
    void whileAnAdapterDownloadsTheEngineIsLookedAtAgainEvery3SecondsUntilItHoldsIt() {
        oneInstanceServing("sql");
        f.engines.sidecarAt(IP).downloading("sql");

        UpdateControl<ModelDeployment> downloading = reconcile();
        assertThat(f.engines.at(IP).loadCalls).isEmpty();
        assertThat(loraModelsOfInstances()).containsExactly(List.of());
        assertThat(condition("AdaptersReady")).isEqualTo("False AdaptersLoading");
        assertThat(delay(downloading)).isEqualTo(Duration.ofSeconds(3));

        f.engines.sidecarAt(IP).ready("sql");
        UpdateControl<ModelDeployment> loaded = reconcile();
        assertThat(f.engines.at(IP).loadCalls).containsExactly("sql");
        assertThat(loraModelsOfInstances()).containsExactly(List.of("sql"));
        assertThat(condition("AdaptersReady")).isEqualTo("True AllAdaptersLoaded");
        assertThat(loaded.getScheduleDelay()).isEmpty();
    }

    @Test
    void aLoadTheEngineRefusesIsReportedAndLookedAtAgain() {
        oneInstanceServing("sql");
        f.engines.sidecarAt(IP).ready("sql");
        f.engines.at(IP).refusals.put("sql", "rank 64 exceeds --max-lora-rank 16");

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(condition("Degraded")).isEqualTo("True AdapterLoadFailed");
        assertThat(FlowFixture.message(md, "Degraded")).contains("rank 64 exceeds --max-lora-rank 16");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theAdaptersOfLoraServicesOnThisBaseAreLoadedTooAndReportedForThem() {
        oneInstanceServing();
        ModelDeployment service = Fixtures.lora();
        service.getMetadata().setName("sql-service");
        service.getMetadata().setUid("sql-service-uid");
        service.getSpec().getLora().getBaseRef().setName(NAME);
        neighbours.add(service);
        f.engines.sidecarAt(IP).downloading("sql-lora");

        UpdateControl<ModelDeployment> downloading = reconcile();
        // The service's adapter is this base's to load: a download ends without any Kubernetes event.
        assertThat(delay(downloading)).isEqualTo(Duration.ofSeconds(3));

        f.engines.sidecarAt(IP).ready("sql-lora");
        UpdateControl<ModelDeployment> loaded = reconcile();
        assertThat(f.engines.at(IP).loadCalls).containsExactly("sql-lora");
        assertThat(loraModelsOfInstances()).containsExactly(List.of("sql-lora"));
        assertThat(f.reports.of(ResourceID.fromResource(md))).contains(Map.of(POD,
                new InstanceAdapters(true, List.of("sql-lora"), Map.of(), Map.of())));
        assertThat(loaded.getScheduleDelay()).isEmpty();
    }

    // ---------------------------------------------------------------- pods the API server refuses

    private static final String QUOTA_MESSAGE = "pods \"qwen-chat-5d8f-abcde\" is forbidden: exceeded quota: team-quota,"
            + " requested: limits.cpu=4, used: limits.cpu=0, limited: limits.cpu=1";

    @Test
    void aReplicaFailureOfTheDeploymentIsReadyFalseWithTheApiServersWordsAndAWarning() {
        deployed();
        Deployment live = f.cluster.get(Deployment.class, NAME).orElseThrow();
        live.setStatus(new DeploymentStatusBuilder().withReplicas(0).withObservedGeneration(1L)
                .addNewCondition().withType("ReplicaFailure").withStatus("True").withReason("FailedCreate")
                .withMessage(QUOTA_MESSAGE).endCondition().build());

        reconcile();

        assertThat(condition("Ready")).isEqualTo("False ReplicaFailure");
        assertThat(condition("Degraded")).isEqualTo("True ReplicaFailure");
        assertThat(Conditions.find(md.getStatus().getConditions(), "Ready").orElseThrow().getMessage())
                .contains("exceeded quota: team-quota");
        assertThat(f.events.recorded).anyMatch(e -> e.startsWith("Warning ReplicaFailure: ") && e.contains("exceeded quota"));
        assertThat(f.cluster.writes()).isEmpty();
    }

    @Test
    void aReplicaFailureClearedByTheControllerIsForgotten() {
        deployed();
        Deployment live = f.cluster.get(Deployment.class, NAME).orElseThrow();
        live.setStatus(new DeploymentStatusBuilder().addNewCondition().withType("ReplicaFailure").withStatus("False")
                .withMessage(QUOTA_MESSAGE).endCondition().build());

        reconcile();

        assertThat(condition("Ready")).doesNotContain("ReplicaFailure");
    }

    @Test
    void aGroupPodRefusedByTheApiServerIsReadyFalseWithItsWordsAndLookedAtAgain() {
        multiNode();
        f.cluster.podCreateRefusal = Optional.of(new KubernetesClientException(new StatusBuilder().withCode(403)
                .withReason("Forbidden").withMessage(QUOTA_MESSAGE).build()));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(condition("Ready")).isEqualTo("False ReplicaFailure");
        assertThat(Conditions.find(md.getStatus().getConditions(), "Ready").orElseThrow().getMessage())
                .contains("exceeded quota: team-quota");
        assertThat(f.events.recorded).anyMatch(e -> e.startsWith("Warning ReplicaFailure: "));
        assertThat(FlowFixture.delay(control)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anotherErrorOnAGroupPodCreateIsNotMistakenForARefusal() {
        multiNode();
        f.cluster.podCreateRefusal = Optional.of(new KubernetesClientException(new StatusBuilder().withCode(500)
                .withMessage("etcd timeout").build()));

        assertThatThrownBy(this::reconcile).isInstanceOf(KubernetesClientException.class);
    }

    // ---------------------------------------------------------------- multi-node

    /** Two nodes per instance (vLLM on 2 x H100 each), one instance; the clock at the groups' fixtures' time. */
    private void multiNode() {
        md = Groups.md(2, 1);
        f.clock.advance(Duration.between(f.clock.instant(), Groups.NOW));
    }

    /** The groups' fixtures are rendered with {@link Fixtures#API_KEY}: the cluster holds that key. */
    private void keyOfTheGroupFixtures() {
        f.cluster.with(ApiKeySecretRenderer.render(f.resolved(md), Fixtures.API_KEY));
    }

    private void clusterHolds(List<Pod> pods) {
        pods.forEach(f.cluster::with);
    }

    @Test
    void aMultiNodeSpecAppliesTheLeadersServiceAndCreatesAWholeGroup() {
        multiNode();

        reconcile();

        assertThat(f.cluster.writes()).satisfiesExactly(
                secret -> assertThat(secret).isEqualTo("create Secret/" + KEY_SECRET),
                policy -> assertThat(policy).isEqualTo("create NetworkPolicy/" + NAME),
                leaders -> assertThat(leaders).isEqualTo("create Service/" + NAME + "-leaders"),
                service -> assertThat(service).isEqualTo("create Service/" + NAME),
                leader -> assertThat(leader).matches("create Pod/" + NAME + "-0-[a-z0-9]{5}-0"),
                worker -> assertThat(worker).matches("create Pod/" + NAME + "-0-[a-z0-9]{5}-1"));
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Pending);
    }

    @Test
    void aDeploymentLeftFromASingleNodePastIsDeleted() {
        multiNode();
        f.cluster.with(Pods.rolledOut(1));

        reconcile();

        assertThat(f.cluster.deleted).containsExactly("Deployment/" + NAME);
        assertThat(f.cluster.writes()).startsWith("create Secret/" + KEY_SECRET, "create NetworkPolicy/" + NAME, "delete Deployment/" + NAME);
    }

    @Test
    void aHealthyGroupOfTheCurrentSpecIsLeftAlone() {
        multiNode();
        keyOfTheGroupFixtures();
        clusterHolds(Groups.ready(md, 0, "aaaaa", 600));
        deployed();

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.cluster.writes()).isEmpty();
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Running);
        assertThat(control.getScheduleDelay()).isEmpty();
    }

    @Test
    void aGroupThatLostAWorkerIsRestartedAsAUnitAndTheRestartRecorded() {
        multiNode();
        keyOfTheGroupFixtures();
        clusterHolds(Groups.without(Groups.ready(md, 0, "aaaaa", 600), 1));

        reconcile();

        assertThat(f.cluster.deleted).containsExactly("Pod/" + NAME + "-0-aaaaa-0");
        assertThat(f.cluster.created).filteredOn(c -> c.startsWith("Pod/")).hasSize(2);
        assertThat(f.events.recorded).contains("Warning GroupRestarted: group 0 (leader " + NAME
                + "-0-aaaaa-0) restarts as a unit: worker pod " + NAME + "-0-aaaaa-1 is gone");
    }

    @Test
    void aGroupThatBrokeSoonAfterARestartWaitsOutItsBackoffAndIsLookedAtWhenItEnds() {
        multiNode();
        keyOfTheGroupFixtures();
        List<Pod> restartedOnce = Groups.rendered(md, 0, "aaaaa", 4,
                Optional.of(new GroupPodRenderer.Replacement("worker pod gone", 1))).stream().map(Groups::readyPod).toList();
        clusterHolds(Groups.without(restartedOnce, 1));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.cluster.created).noneMatch(c -> c.startsWith("Pod/"));
        assertThat(f.cluster.deleted).isEmpty();
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aSingleNodeSpecDeletesTheGroupsAndLeadersServiceOfAMultiNodePast() {
        ModelDeployment before = Groups.md(2, 2);
        clusterHolds(Groups.ready(before, 0, "aaaaa", 600));
        clusterHolds(Groups.ready(before, 1, "bbbbb", 600).stream().map(Pods::terminating).toList());
        f.cluster.with(LeadersServiceRenderer.render(Fixtures.resolve(before)));

        reconcile();

        assertThat(f.cluster.writes()).containsExactly("create Secret/" + KEY_SECRET, "create NetworkPolicy/" + NAME,
                "delete Pod/" + NAME + "-0-aaaaa-0", "delete Pod/" + NAME + "-0-aaaaa-1", "delete Service/" + NAME + "-leaders",
                "create Deployment/" + NAME, "create Service/" + NAME);
    }

    // ---------------------------------------------------------------- deletion

    @Test
    void deletionIsLeftToGarbageCollection() {
        deployed();

        DeleteControl control = flow.cleanup(f.resolved(md), md, context());

        assertThat(FlowFixture.outcome(control)).isEqualTo("remove finalizer");
        assertThat(f.cluster.writes()).isEmpty();
    }

    @Test
    void anObjectOfTheSameNameTheOperatorDidNotCreateIsNeverTakenOver() {
        Service foreign = new ServiceBuilder().withNewMetadata().withName(NAME).withNamespace(Fixtures.NAMESPACE)
                .endMetadata().withNewSpec().withType("NodePort").endSpec().build();
        f.cluster.with(foreign);
        // The informers select the operator's own objects only: the foreign Service is not in the cache.
        FakeContext cacheWithoutIt = new FakeContext().withDeployments(md);

        UpdateControl<ModelDeployment> control = f.reconcile(flow, md, cacheWithoutIt);

        assertThat(f.cluster.applied).doesNotContain("Service/" + NAME);
        assertThat(f.cluster.get(Service.class, NAME)).contains(foreign);
        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False ResourceConflict");
        assertThat(FlowFixture.message(md, "Ready")).startsWith("Service " + NAME + " already exists and is not managed");
        assertThat(f.events.reasons()).containsOnlyOnce("Warning ResourceConflict");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(30));

        f.reconcile(flow, md, cacheWithoutIt);
        assertThat(f.events.reasons()).as("said once").containsOnlyOnce("Warning ResourceConflict");

        f.cluster.delete(foreign);
        f.cluster.forgetWrites();
        f.reconcile(flow, md, cacheWithoutIt);
        assertThat(f.cluster.created).contains("Service/" + NAME);
        assertThat(FlowFixture.condition(md, "Ready")).isNotEqualTo("False ResourceConflict");
    }

    @Test
    void aKeySecretTheOperatorDidNotCreateIsNeitherReadNorServed() {
        Secret theirs = new SecretBuilder().withNewMetadata().withName(NAME + "-api-key").withNamespace(Fixtures.NAMESPACE)
                .endMetadata().addToData("apiKey", "dGhlaXItb3du").build();
        f.cluster.with(theirs);

        f.reconcile(flow, md, new FakeContext().withDeployments(md));

        assertThat(f.cluster.applied).isEmpty();
        assertThat(f.cluster.get(Secret.class, NAME + "-api-key")).contains(theirs);
        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False ResourceConflict");
        assertThat(FlowFixture.message(md, "Ready")).startsWith("Secret " + NAME + "-api-key already exists");
    }

    /** A pod someone else made in the namespace, labelled like member {@code rank} of this deployment's group 0. */
    private Pod squatter(int rank) {
        Pod pod = Groups.ready(Groups.md(2, 1), 0, "zzzzz", 600).get(rank);
        pod.getMetadata().setOwnerReferences(List.of());
        pod.getMetadata().setUid("squatter-" + rank);
        return pod;
    }

    @Test
    void aPodLabelledAsAGroupMemberThatThisDeploymentDoesNotControlIsNeverDeleted() {
        multiNode();
        Pod theirs = squatter(0);
        f.cluster.with(theirs);

        reconcile();

        assertThat(f.cluster.deleted).isEmpty();
        assertThat(f.cluster.created).filteredOn(w -> w.startsWith("Pod/")).hasSize(2)
                .noneMatch(w -> w.equals("Pod/" + theirs.getMetadata().getName()));
        assertThat(f.cluster.get(Pod.class, theirs.getMetadata().getName())).contains(theirs);
    }

    @Test
    void goingBackToOneNodeDeletesOnlyTheGroupPodsThisDeploymentControls() {
        Pod theirs = squatter(1);
        f.cluster.with(theirs);

        reconcile();

        assertThat(f.cluster.deleted).doesNotContain("Pod/" + theirs.getMetadata().getName());
        assertThat(f.cluster.get(Pod.class, theirs.getMetadata().getName())).contains(theirs);
    }

    // ---------------------------------------------------------------- Ingress hosts

    /** The Ingress another deployment, {@code namespace/name}, made for {@code host}, {@code age} ago. */
    private Ingress ingressOf(String namespace, String name, String host, Duration age) {
        ModelDeployment other = Fixtures.modelDeployment(Fixtures.VLLM_SPEC + "exposure: {ingress: {host: " + host + "}}\n");
        other.getMetadata().setNamespace(namespace);
        other.getMetadata().setName(name);
        other.getMetadata().setUid(name + "-uid");
        Ingress ingress = IngressRenderer.render(Fixtures.resolve(other)).orElseThrow();
        ingress.getMetadata().setCreationTimestamp(f.clock.instant().minus(age).toString());
        return ingress;
    }

    @Test
    void anIngressHostAnotherDeploymentServesIsAConflictNamingItAndNoIngressIsMade() {
        exposed();
        f.ingressesElsewhere.add(ingressOf("team-b", "first", "qwen.example.com", Duration.ofHours(1)));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.cluster.applied).noneMatch(w -> w.startsWith("Ingress/"));
        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False ResourceConflict");
        assertThat(FlowFixture.message(md, "Ready")).contains("qwen.example.com").contains("team-b/first");
        assertThat(f.events.reasons()).containsOnlyOnce("Warning ResourceConflict");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void whenTheHolderLetsGoTheHostIsTakenByItself() {
        exposed();
        Ingress first = ingressOf("team-b", "first", "qwen.example.com", Duration.ofHours(1));
        f.ingressesElsewhere.add(first);
        reconcile();

        f.ingressesElsewhere.remove(first);
        reconcile();

        assertThat(f.cluster.created).contains("Ingress/" + NAME);
        assertThat(FlowFixture.condition(md, "Ready")).isNotEqualTo("False ResourceConflict");
    }

    @Test
    void theFirstKeepsItsHostWhenAnotherAsksForItLater() {
        exposed();
        deployed();
        f.cluster.get(Ingress.class, NAME).orElseThrow().getMetadata()
                .setCreationTimestamp(f.clock.instant().minus(Duration.ofHours(1)).toString());
        f.ingressesElsewhere.add(ingressOf("a-team", "later", "qwen.example.com", Duration.ofMinutes(1)));

        reconcile();

        assertThat(f.cluster.writes()).isEmpty();
        assertThat(FlowFixture.condition(md, "Ready")).isNotEqualTo("False ResourceConflict");
    }

    @Test
    void aDeploymentThatLostARaceForAHostDeletesItsOwnIngress() {
        exposed();
        deployed();
        Ingress mine = f.cluster.get(Ingress.class, NAME).orElseThrow();
        // Both were made in the same second: the namespace/name order decides, the same way for both.
        f.ingressesElsewhere.add(ingressOf("a-team", "rival", "qwen.example.com", Duration.ZERO));
        mine.getMetadata().setCreationTimestamp(f.clock.instant().toString());

        reconcile();

        assertThat(f.cluster.deleted).containsExactly("Ingress/" + NAME);
        assertThat(FlowFixture.message(md, "Ready")).contains("a-team/rival");
    }

    @Test
    void aFreshIngressIsLookedAtAgainSoonAndAnOldOneNot() {
        exposed();

        UpdateControl<ModelDeployment> justMade = reconcile();
        // Another deployment's Ingress for the host made a moment before may not be in the informer yet.
        assertThat(delay(justMade)).isEqualTo(Duration.ofSeconds(5));

        f.cluster.get(Ingress.class, NAME).orElseThrow().getMetadata().setCreationTimestamp(f.clock.instant().toString());
        f.clock.advance(Duration.ofSeconds(31));
        UpdateControl<ModelDeployment> settled = reconcile();
        assertThat(settled.getScheduleDelay()).isEmpty();
    }
}
