package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.GroupEnv;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.deployment.GroupMember;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.Names;
import io.modeldeploy.operator.engine.vllm.RayScripts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** The pods of one multi-node group (vLLM over Ray; SGLang with its own ranks). */
class GroupPodRendererTest {

    private static ModelDeployment vllm(int workers) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(workers);
        return md;
    }

    private static ModelDeployment sglang(int workers) {
        ModelDeployment md = Fixtures.sglangQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(workers);
        md.getSpec().getQuickStart().getResources().getGpu().setCount(4);
        return md;
    }

    private static List<Pod> render(ModelDeployment md) {
        return GroupPodRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings(), 1, "k7x2p", Optional.empty());
    }

    private static Container engine(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }

    private static String env(Pod pod, String name) {
        return engine(pod).getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static List<String> flag(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertThat(i).as(flag + " in " + args).isNotNegative();
        return List.of(args.get(i + 1));
    }

    @Test
    void aGroupIsOnePodPerNodeNamedByGroupIncarnationAndRank() {
        ModelDeployment md = vllm(3);
        List<Pod> pods = render(md);

        String name = md.getMetadata().getName();
        assertThat(pods).extracting(p -> p.getMetadata().getName())
                .containsExactly(name + "-1-k7x2p-0", name + "-1-k7x2p-1", name + "-1-k7x2p-2");
        assertThat(pods).extracting(p -> p.getMetadata().getLabels().get(GroupLabels.ROLE))
                .containsExactly("leader", "worker", "worker");
        assertThat(pods).extracting(p -> p.getMetadata().getLabels().get(GroupLabels.RANK)).containsExactly("0", "1", "2");
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.getMetadata().getLabels()).containsEntry(GroupLabels.GROUP, "1")
                    .containsEntry(GroupLabels.INCARNATION, "k7x2p").containsEntry(Labels.DEPLOYMENT, name);
            assertThat(p.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getController()).isTrue());
            // Every node holds its share of the model on the instance's per-node GPUs.
            assertThat(engine(p).getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"));
            assertThat(p.getSpec().getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3");
        });
    }

    @Test
    void membersOfOneIncarnationRepelEachOtherAcrossNodes() {
        Pod leader = render(vllm(2)).get(0);

        PodAffinityTerm term = leader.getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(term.getLabelSelector().getMatchLabels()).containsEntry(GroupLabels.GROUP, "1")
                .containsEntry(GroupLabels.INCARNATION, "k7x2p");
    }

    @Test
    void everyMemberKnowsItsLeaderByAStableDnsName() {
        ModelDeployment md = vllm(2);
        List<Pod> pods = render(md);
        String name = md.getMetadata().getName();
        String leaderAddress = name + "-1-k7x2p-0." + name + "-leaders." + md.getMetadata().getNamespace() + ".svc";

        assertThat(pods).allSatisfy(p -> {
            assertThat(p.getSpec().getHostname()).isEqualTo(p.getMetadata().getName());
            assertThat(p.getSpec().getSubdomain()).isEqualTo(name + "-leaders");
            assertThat(env(p, GroupEnv.LEADER_ADDRESS)).isEqualTo(leaderAddress);
            assertThat(env(p, GroupEnv.GROUP_SIZE)).isEqualTo("2");
        });
        assertThat(pods).extracting(p -> env(p, GroupEnv.NODE_RANK)).containsExactly("0", "1");
    }

    @Test
    void vllmLeaderStartsTheRayHeadThenServesWithPipelineParallelAcrossNodes() {
        Container leader = engine(render(vllm(2)).get(0));

        assertThat(leader.getCommand()).containsExactly("/bin/sh", "-c", RayScripts.LEADER, "vllm-leader");
        assertThat(RayScripts.LEADER).contains("ray start --head --port=6379")
                .contains("-ge \"$MODELDEPLOY_GROUP_SIZE\"")
                .endsWith("exec python3 -m vllm.entrypoints.openai.api_server \"$@\"");
        assertThat(flag(leader.getArgs(), "--tensor-parallel-size")).containsExactly("2");
        assertThat(flag(leader.getArgs(), "--pipeline-parallel-size")).containsExactly("2");
        assertThat(flag(leader.getArgs(), "--distributed-executor-backend")).containsExactly("ray");
        assertThat(leader.getArgs()).contains("--max-model-len", "--served-model-name");
        assertThat(leader.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8000);
        assertThat(leader.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(leader.getEnv()).extracting(EnvVar::getName).contains("VLLM_API_KEY");
    }

    @Test
    void vllmWorkersOnlyJoinTheLeadersRayClusterAndAnswerNoHttp() {
        Container worker = engine(render(vllm(2)).get(1));

        assertThat(worker.getCommand()).containsExactly("/bin/sh", "-c", RayScripts.WORKER);
        assertThat(RayScripts.WORKER).contains("ray start --address=\"$MODELDEPLOY_LEADER_ADDRESS:6379\"")
                .contains("--block").startsWith("until ");
        assertThat(worker.getArgs()).isEmpty();
        assertThat(worker.getPorts()).isEmpty();
        assertThat(worker.getReadinessProbe()).isNull();
        assertThat(worker.getLivenessProbe()).isNull();
        assertThat(worker.getStartupProbe()).isNull();
    }

    @Test
    void backendArgsOverrideTheParallelismTheOperatorChose() {
        ModelDeployment md = vllm(2);
        md.getSpec().getQuickStart().setBackendArgs(List.of("--pipeline-parallel-size=1", "--tensor-parallel-size", "4"));

        List<String> args = engine(render(md).get(0)).getArgs();

        assertThat(flag(args, "--pipeline-parallel-size")).containsExactly("1");
        assertThat(flag(args, "--tensor-parallel-size")).containsExactly("4");
        assertThat(args.stream().filter(a -> a.equals("--tensor-parallel-size")).count()).isEqualTo(1);
    }

    @Test
    void sglangRunsTheLauncherOnEveryNodeWithItsRankAndTensorParallelOverAllGpus() {
        ModelDeployment md = sglang(2);
        List<Pod> pods = render(md);
        String leaderAddress = Names.leaderAddress(Fixtures.resolve(md).ref(), new GroupMember(1, "k7x2p", 0, 2));

        for (int rank = 0; rank < 2; rank++) {
            Container c = engine(pods.get(rank));
            assertThat(c.getCommand()).startsWith("python3", "-c");
            assertThat(c.getCommand().get(2)).contains("sglang.launch_server");
            assertThat(flag(c.getArgs(), "--tp-size")).containsExactly("8");
            assertThat(flag(c.getArgs(), "--dist-init-addr")).containsExactly(leaderAddress + ":5000");
            assertThat(flag(c.getArgs(), "--nnodes")).containsExactly("2");
            assertThat(flag(c.getArgs(), "--node-rank")).containsExactly(Integer.toString(rank));
            // Ranks above 0 answer /health and /health_generate too: the same probes hold.
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health_generate");
            assertThat(c.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(30000);
        }
    }

    @Test
    void theDigestIgnoresGroupAndIncarnationButFollowsTheSpecAndTheKey() {
        ModelDeployment md = vllm(2);
        String digest = GroupPodRenderer.digest(Fixtures.resolve(md), apiKeyRef(), settings());
        List<Pod> a = GroupPodRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings(), 0, "aaaaa", Optional.empty());
        List<Pod> b = GroupPodRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings(), 3, "bbbbb", Optional.empty());

        assertThat(a).allSatisfy(p -> assertThat(p.getMetadata().getAnnotations()).containsEntry(GroupLabels.GROUP_DIGEST, digest));
        assertThat(b).allSatisfy(p -> assertThat(p.getMetadata().getAnnotations()).containsEntry(GroupLabels.GROUP_DIGEST, digest));
        assertThat(GroupPodRenderer.digest(Fixtures.resolve(md), apiKeyRef("another key"), settings())).isNotEqualTo(digest);
        md.getSpec().getQuickStart().setBackendArgs(List.of("--max-model-len=4096"));
        assertThat(GroupPodRenderer.digest(Fixtures.resolve(md), apiKeyRef(), settings())).isNotEqualTo(digest);
    }

    @Test
    void aReplacementCarriesWhyAndHowManyQuickRestartsPreceded() {
        List<Pod> pods = GroupPodRenderer.render(Fixtures.resolve(vllm(2)), apiKeyRef(), settings(), 0, "ccccc",
                Optional.of(new GroupPodRenderer.Replacement("worker pod x-0-bbbbb-1 is gone", 2)));

        assertThat(pods).allSatisfy(p -> assertThat(p.getMetadata().getAnnotations())
                .containsEntry(GroupLabels.RESTART_REASON, "worker pod x-0-bbbbb-1 is gone")
                .containsEntry(GroupLabels.RESTARTS, "2"));
    }

    @Test
    void theLeadersServiceIsHeadlessAndPublishesLeadersBeforeTheyAreReady() {
        ModelDeployment md = vllm(2);
        var service = LeadersServiceRenderer.render(Fixtures.resolve(md));

        assertThat(service.getMetadata().getName()).isEqualTo(md.getMetadata().getName() + "-leaders");
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getSelector()).isEqualTo(Map.of(Labels.DEPLOYMENT, md.getMetadata().getName(),
                GroupLabels.ROLE, GroupLabels.LEADER));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(6379));
        assertThat(LeadersServiceRenderer.render(Fixtures.resolve(sglang(2))).getSpec().getPorts().get(0).getPort()).isEqualTo(5000);
    }

    @Test
    void clientsReachOnlyLeaders() {
        ModelDeployment md = vllm(2);

        assertThat(ServiceRenderer.render(Fixtures.resolve(md)).getSpec().getSelector()).containsEntry(GroupLabels.ROLE, GroupLabels.LEADER);
        assertThat(ServiceRenderer.render(Fixtures.resolve(Fixtures.vllmQuickStart())).getSpec().getSelector())
                .doesNotContainKey(GroupLabels.ROLE);
    }
}
