package io.modeldeploy.e2e.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.e2e.support.MetricsText;
import io.modeldeploy.e2e.support.OperatorProcess;
import io.modeldeploy.sim.node.NodeSimulatorConfig.NodeSpec;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.sim.testing.BoundedProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@code make bench}: the operator at scale on the real local control plane, side by side with a plain Fabric8 client
 * doing the same writes in the same run. Not a test: it asserts nothing and prints one table (README "Scale").
 * Environment: {@code BENCH_N} deployments (default 1000) in one namespace, {@code BENCH_SAMPLES} single creations
 * timed one after another (default 100), {@code BENCH_THREADS} creating threads (default 16),
 * {@code BENCH_STEADY_SECONDS} of steady state (default 60); {@code BENCH_NMT=1} also logs where the operator's memory
 * goes (native memory tracking, which costs a little memory itself, and the largest classes on the heap);
 * {@code BENCH_JFR=<file>} records the operator with Java Flight Recorder's profiling settings, for {@code jfr print};
 * {@code BENCH_APISERVER_PPROF=<dir>} saves the API server's CPU profile over the first seconds of each burst, for
 * {@code go tool pprof}.
 */
public final class ScaleBench {
    static final String GPU_PRODUCT = "NVIDIA-H100-80GB-HBM3";
    static final String MODEL = "Qwen/Qwen2.5-0.5B-Instruct";
    private static final Duration BURST_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration ONE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(10);
    /**
     * Before steady state: with a thousand pending pods the scheduler returns to the newest ones (the samples) in
     * bursts more than {@link #QUIET} apart, and each first verdict is a real status change.
     */
    private static final Duration SETTLED = Duration.ofSeconds(Long.getLong("modeldeploy.bench.settled-seconds", 45));
    private static final Duration NAMESPACE_DELETION = Duration.ofMinutes(10);
    private static final int LORA_INSTANCES = 10;

    private static final boolean NMT = "1".equals(System.getenv("BENCH_NMT"));
    private static final String JFR = System.getenv("BENCH_JFR");
    private static final String OPERATOR = "operator";
    private static final String PPROF = System.getenv("BENCH_APISERVER_PPROF");
    /** Shorter than either burst on these machines, so both profiles cover busy time only. */
    private static final Duration PPROF_SECONDS = Duration.ofSeconds(8);
    private final int n = env("BENCH_N", 1000);
    private final int samples = env("BENCH_SAMPLES", 100);
    private final int threads = env("BENCH_THREADS", 16);
    private final int steadySeconds = env("BENCH_STEADY_SECONDS", 60);
    private final LocalCluster cluster;
    private final KubernetesClient client;
    private final ApiServerRequests requests;
    private final BenchTable table = new BenchTable();
    private OperatorProcess operator;

    private ScaleBench(LocalCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.requests = new ApiServerRequests(client);
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        LocalCluster cluster = LocalCluster.get();
        OperatorHarness.installCrds(cluster);
        ScaleBench bench = new ScaleBench(cluster);
        List<String> jvm = new java.util.ArrayList<>(ChartJvm.options(cluster.root()));
        if (NMT) {
            jvm.add("-XX:NativeMemoryTracking=summary");
        }
        if (JFR != null && !JFR.isBlank()) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(JFR).toAbsolutePath());
        }
        log("operator JVM options (the chart's): " + String.join(" ", jvm) + "; " + ChartJvm.env(cluster.root()));
        OperatorHarness.ensureNamespace(cluster, OperatorHarness.GATEWAY_NAMESPACE);
        // As the chart installs it: metrics per controller (the test harness counts per resource; the chart does
        // not), and each key published for the gateway.
        Map<String, String> asInstalled = new java.util.HashMap<>(Map.of("MODELDEPLOY_METRICS_PER_RESOURCE", "false",
                "MODELDEPLOY_GATEWAY_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE));
        asInstalled.putAll(ChartJvm.env(cluster.root()));
        try (OperatorProcess operator = new OperatorProcess(cluster, asInstalled).withJvmOptions(jvm).start()) {
            bench.run(operator);
        }
        log("done in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        System.exit(0);
    }

    private void run(OperatorProcess operator) throws Exception {
        this.operator = operator;
        long seriesAtStart = series(operator.metrics());
        Memory memoryAtStart = Memory.of(operator);
        String plainNs = cluster.createNamespace("bench-plain");
        Burst plain = plainRun(plainNs);
        Latencies[] plainOne = plainSamples(plainNs);
        log("deleting " + plainNs + " before the operator's run");
        deleteNamespace(plainNs);

        String opNs = cluster.createNamespace("bench-op");
        try {
            Burst op = operatorRun(opNs);
            Latencies[] opOne = operatorSamples(opNs);
            table.compare(n + " created at once (" + threads + " threads) -> all with objects and status", op.seconds,
                    plain.seconds, "s", "<= 2x");
            table.compare("create one -> its objects exist, p50", opOne[0].percentile(50), plainOne[0].percentile(50),
                    "ms", "<= 1.5x");
            table.compare("create one -> its objects exist, p99", opOne[0].percentile(99), plainOne[0].percentile(99),
                    "ms", "<= 2x");
            table.compare("... the plain client's objects seen by the same watch as the operator's, p50",
                    opOne[0].percentile(50), plainOne[1].percentile(50), "ms", "");
            table.compare("... the same, p99", opOne[0].percentile(99), plainOne[1].percentile(99), "ms", "");
            table.operatorOnly("create one -> status.phase set, p50 / p99", BenchTable.format(opOne[1].percentile(50), "ms")
                    + " / " + BenchTable.format(opOne[1].percentile(99), "ms"), "");
            table.compare("CPU-seconds the whole machine spent on the burst", op.cpu().machine(),
                    plain.cpu().machine(), "s", "");
            table.operatorOnly("... of which the operator's process", BenchTable.format(op.cpu().process(OPERATOR), "s")
                    + " (idle in the plain run: " + BenchTable.format(plain.cpu().process(OPERATOR), "s") + ")", "");
            table.sideBySide("... by process", byProcess(op.cpu()), byProcess(plain.cpu()));
            table.compare("... requests of the cluster's controllers and scheduler while it was timed, per deployment",
                    op.controlPlanesInWindow(n), plain.controlPlanesInWindow(n), "", "");
            table.compare("API requests per created deployment", op.perDeployment(n), plain.perDeployment(n), "", "");
            table.operatorOnly("... by verb and resource (with the benchmark's own POST modeldeployments)",
                    op.byResource(n), "");
            table.operatorOnly("reconciles per created deployment (until quiet)",
                    String.format("%.2f", op.reconciles() / n), "");
            steadyState(opNs);
            memory(operator, memoryAtStart);
            lora(opNs);
            // Last: with per-resource series, the page itself costs the operator heap.
            metricSeries(operator, seriesAtStart);
        } finally {
            // Whatever was measured is printed, also when a measure failed.
            table.print(System.out, "ModelDeploy scale benchmark: N=" + n + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs, " + Instant.now());
            log("deleting " + opNs);
            deleteNamespace(opNs);
        }
    }

    /** Garbage collection of a thousand Deployments with their ReplicaSets and pods takes minutes on a small machine. */
    private void deleteNamespace(String ns) {
        client.namespaces().withName(ns).delete();
        Await.until("namespace " + ns + " gone", NAMESPACE_DELETION, () -> client.namespaces().withName(ns).get() == null);
    }

    /**
     * How long a burst took, what the API server served meanwhile, and the CPU-seconds the machine and the operator
     * spent until the last object and status were seen, and the reconciles the operator began until it was quiet.
     */
    private record Burst(double seconds, ApiServerRequests.Snapshot served, long ownCreates, CpuTime.Spent cpu,
                         double reconciles, ApiServerRequests.Snapshot inWindow) {
        double perDeployment(int n) {
            return (served.count(ApiServerRequests.Key::operators) - ownCreates) / (double) n;
        }

        /** The control plane's own requests while the burst was being timed, per deployment. */
        double controlPlanesInWindow(int n) {
            return inWindow.count(ApiServerRequests.Key::controlPlanes) / (double) n;
        }

        String byResource(int n) {
            return ScaleBench.byResource(served, n);
        }
    }

    /** With {@code BENCH_APISERVER_PPROF=<dir>}, the API server's CPU profile over a burst's first seconds; else null. */
    private ApiServerProfile apiServerProfile(String run) {
        return PPROF == null || PPROF.isBlank() ? null
                : ApiServerProfile.start(cluster.kubeconfig(), Path.of(PPROF, "apiserver-" + run + ".pprof"), PPROF_SECONDS);
    }

    /** The processes whose CPU time a burst reports: the operator, the control plane's, and this benchmark's own. */
    private Map<String, Long> followedProcesses() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        pids.put(OPERATOR, operator.pid());
        Path dir = cluster.kubeconfig().getParent().resolve("pids");
        for (String part : List.of("kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler")) {
            try {
                pids.put(part, Long.parseLong(Files.readString(dir.resolve(part + ".pid")).trim()));
            } catch (IOException | NumberFormatException e) {
                log("no CPU time for " + part + ": " + e.getMessage());
            }
        }
        // The node and engine simulators run in this process.
        pids.put("benchmark and simulators", ProcessHandle.current().pid());
        return pids;
    }

    private static String byProcess(CpuTime.Spent spent) {
        return spent.processes().entrySet().stream().map(e -> e.getKey() + " " + BenchTable.format(e.getValue(), "s"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The operator's requests in {@code served} by verb and resource, each divided by {@code per}. */
    private static String byResource(ApiServerRequests.Snapshot served, double per) {
        StringBuilder out = new StringBuilder();
        served.counts().entrySet().stream().filter(e -> e.getKey().operators() && e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ApiServerRequests.Key::resource)
                        .thenComparing(ApiServerRequests.Key::verb)))
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey().verb()).append(' ')
                        .append(e.getKey().resource()).append(e.getKey().subresource().isEmpty() ? "" : "/"
                                + e.getKey().subresource()).append(' ').append(String.format("%.2f", e.getValue() / per)));
        return out.toString();
    }

    private Burst plainRun(String ns) throws Exception {
        log("plain client: " + n + " x (Secret + Deployment + Service) in " + ns);
        PlainWrites writes = new PlainWrites(client, ns);
        ApiServerRequests.Snapshot before = requests.now();
        CpuTime.Start cpu = CpuTime.start(followedProcesses());
        long start = System.nanoTime();
        double seconds;
        CpuTime.Spent spent;
        try (ApiServerProfile profile = apiServerProfile("plain")) {
            inParallel(n, i -> writes.create("m-" + i));
            seconds = (System.nanoTime() - start) / 1e9;
            spent = cpu.spent();
        }
        ApiServerRequests.Snapshot inWindow = requests.now().minus(before);
        awaitQuiet();
        log("plain client: " + seconds + " s");
        return new Burst(seconds, requests.now().minus(before), 0, spent, 0, inWindow);
    }

    /**
     * [0]: the three POSTs returned; [1]: the three objects seen by a watching client, as the operator's are measured
     * (which adds the watch's delivery to the operator's figures, but not to [0]).
     */
    private Latencies[] plainSamples(String ns) {
        PlainWrites writes = new PlainWrites(client, ns);
        Latencies returned = new Latencies();
        Latencies seen = new Latencies();
        try (Watches watches = new Watches(client, ns)) {
            for (int i = 0; i < samples; i++) {
                String name = "one-" + i;
                long start = System.nanoTime();
                writes.create(name);
                returned.addNanos(System.nanoTime() - start);
                seen.addNanos(watches.objects(name) - start);
            }
        }
        return new Latencies[] {returned, seen};
    }

    private Burst operatorRun(String ns) throws Exception {
        log("operator: " + n + " ModelDeployments in " + ns);
        List<String> names = IntStream.range(0, n).mapToObj(i -> "m-" + i).toList();
        try (Watches watches = new Watches(client, ns)) {
            ApiServerRequests.Snapshot before = requests.now();
            double reconcilesBefore = reconcilesStarted();
            CpuTime.Start cpu = CpuTime.start(followedProcesses());
            long start = System.nanoTime();
            long end;
            CpuTime.Spent spent;
            try (ApiServerProfile profile = apiServerProfile("operator")) {
                inParallel(n, i -> client.resource(deployment(names.get(i))).inNamespace(ns).create());
                end = watches.awaitAll(names, BURST_TIMEOUT);
                spent = cpu.spent();
            }
            ApiServerRequests.Snapshot inWindow = requests.now().minus(before);
            double seconds = (end - start) / 1e9;
            awaitQuiet();
            log("operator: " + seconds + " s");
            return new Burst(seconds, requests.now().minus(before), n, spent,
                    reconcilesStarted() - reconcilesBefore, inWindow);
        }
    }

    /** [0]: create -> Secret, Deployment and Service seen; [1]: create -> status.phase seen. */
    private Latencies[] operatorSamples(String ns) {
        Latencies objects = new Latencies();
        Latencies status = new Latencies();
        try (Watches watches = new Watches(client, ns)) {
            for (int i = 0; i < samples; i++) {
                String name = "one-" + i;
                long start = System.nanoTime();
                client.resource(deployment(name)).inNamespace(ns).create();
                objects.addNanos(watches.objects(name) - start);
                status.addNanos(watches.phase.await(name, ONE_TIMEOUT) - start);
            }
        }
        return new Latencies[] {objects, status};
    }

    /** Writes and GET/LISTs of operator resources per minute while nothing changes. */
    private void steadyState(String ns) throws InterruptedException {
        log("steady state: " + steadySeconds + " s with " + (n + samples) + " deployments");
        // The scheduler reaches a thousand pending pods over minutes on two CPUs, and each first verdict is a real
        // status change (Pending with the scheduler's reason): steady state starts once every pod has one.
        Await.until("every pod in " + ns + " seen by the scheduler", Duration.ofMinutes(10),
                () -> client.pods().inNamespace(ns).list().getItems().stream().allMatch(ScaleBench::scheduled));
        awaitQuiet(SETTLED);
        ApiServerRequests.Snapshot before = requests.now();
        Thread.sleep(Duration.ofSeconds(steadySeconds).toMillis());
        ApiServerRequests.Snapshot served = requests.now().minus(before);
        double perMinute = 60.0 / steadySeconds;
        table.operatorOnly("steady state, writes per minute (" + (n + samples) + " deployments)",
                BenchTable.format(served.count(k -> k.operators() && k.write()) * perMinute, ""), "0");
        table.operatorOnly("steady state, GET/LIST per minute", BenchTable.format(
                served.count(k -> k.operators() && k.read()) * perMinute, ""), "0");
        if (served.count(ApiServerRequests.Key::operators) > 0) {
            table.operatorOnly("... steady state by verb and resource, per minute", byResource(served, 1 / perMinute), "");
        }
    }

    private static boolean scheduled(io.fabric8.kubernetes.api.model.Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "PodScheduled".equals(c.getType()));
    }

    /** RSS from /proc, heap from the JVM itself (jcmd): no scrape of /q/metrics, which allocates in the operator. */
    private record Memory(long rssMb, long heapMb) {
        static Memory of(OperatorProcess operator) throws IOException {
            String status = Files.readString(Path.of("/proc/" + operator.pid() + "/status"));
            long rssKb = status.lines().filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(-1);
            String heapInfo = BoundedProcess.run(new ProcessBuilder("jcmd", Long.toString(operator.pid()), "GC.heap_info"),
                    Duration.ofSeconds(30)).output();
            long heapKb = heapInfo.lines().filter(l -> l.contains("generation"))
                    .map(l -> java.util.regex.Pattern.compile("used (\\d+)K").matcher(l))
                    .filter(java.util.regex.Matcher::find).mapToLong(m -> Long.parseLong(m.group(1))).sum();
            return new Memory(rssKb / 1024, heapKb / 1024);
        }

        @Override
        public String toString() {
            return rssMb + " MB / " + heapMb + " MB";
        }
    }

    /** With every deployment in place, beside the idle operator's figures at start: what the deployments cost. */
    private void memory(OperatorProcess operator, Memory atStart) throws IOException {
        table.operatorOnly("operator RSS / heap used: idle at start; with " + (n + samples)
                + " deployments (chart JVM settings)", atStart + "; " + Memory.of(operator), "RSS <= 300 MB at 1000");
        if (NMT) {
            log("native memory, committed by category:\n" + jcmd(operator, "VM.native_memory", "summary").lines()
                    .filter(l -> l.startsWith("-") || l.startsWith("Total")).collect(java.util.stream.Collectors.joining("\n")));
            log("largest classes on the heap:\n" + jcmd(operator, "GC.class_histogram").lines().limit(25)
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
    }

    private static String jcmd(OperatorProcess operator, String... command) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("jcmd", Long.toString(operator.pid())));
        args.addAll(List.of(command));
        return BoundedProcess.run(new ProcessBuilder(args), Duration.ofSeconds(60)).output();
    }

    private void metricSeries(OperatorProcess operator, long seriesAtStart) {
        String metrics = operator.metrics();
        table.operatorOnly("metric series on /q/metrics: at start / with " + (n + samples + 2) + " deployments",
                seriesAtStart + " / " + series(metrics), "independent of N");
        table.operatorOnly("... largest metric families", largestFamilies(metrics), "");
    }

    /** Adapter change on a base of 10 instances, and a LoRA service's wait after its base holds its adapter. */
    private void lora(String ns) {
        List<String> nodes = List.of("bench-l40s-0", "bench-l40s-1");
        for (String name : nodes) {
            NodeSpec spec = new NodeSpec(name, "NVIDIA-L40S", 8, "96", "1024Gi", Map.of(),
                    List.of("nvidia.com/gpu=present:NoSchedule"));
            // Under load the control plane may change a new Node between the simulator's writes (409): it tries again.
            Await.until("simulated node " + name, Duration.ofMinutes(1), () -> {
                if (!cluster.nodes().nodeNames().contains(name)) {
                    cluster.nodes().addNodes(List.of(spec));
                }
                return true;
            });
        }
        try {
            log("LoRA: a base of " + LORA_INSTANCES + " instances");
            client.resource(Manifests.quickStart("bench-base", MODEL, "vllm", "0.8.4",
                    "{cpu: \"1\", memory: 4Gi, gpu: {type: L40S, count: 1}}",
                    "replicas: " + LORA_INSTANCES + "\nadapters: []")).inNamespace(ns).create();
            awaitBase(ns, List.of(), Duration.ofMinutes(4));
            long start = System.nanoTime();
            setBaseAdapters(ns, List.of("a"));
            awaitBase(ns, List.of("a"), Duration.ofMinutes(2));
            table.operatorOnly("adapter added -> loaded on " + LORA_INSTANCES + " instances (in status)",
                    BenchTable.format((System.nanoTime() - start) / 1e6, "ms"), "");

            // As users hit it: the base's adapter list changes, and a LoRA service on it is created right after.
            List<String> pods = client.pods().inNamespace(ns).withLabel("modeldeploy.io/deployment", "bench-base").list()
                    .getItems().stream().map(p -> p.getMetadata().getName()).toList();
            setBaseAdapters(ns, List.of("a", "b"));
            start = System.nanoTime();
            client.resource(Manifests.modelDeployment("bench-svc", """
                    model: {id: %s}
                    lora: {baseRef: {name: bench-base}}
                    adapters:
                      - {name: s, uri: hf://example/s-lora}
                    """.formatted(MODEL))).inNamespace(ns).create();
            long held = Await.until("every base engine holding s", Duration.ofMinutes(2), () -> pods.stream()
                    .allMatch(p -> cluster.nodes().engine(ns, p).map(e -> e.loadedAdapters().contains("s")).orElse(false))
                    ? System.nanoTime() : null);
            long running = Await.until("bench-svc Running", Duration.ofMinutes(6), () -> "Running".equals(view(ns, "bench-svc")
                    .phase()) ? System.nanoTime() : null);
            table.operatorOnly("LoRA service created (right after its base's adapters changed) -> the base's "
                    + LORA_INSTANCES + " engines hold its adapter", BenchTable.format((held - start) / 1e6, "ms"), "");
            table.operatorOnly("... base's engines hold it -> LoRA service Running",
                    BenchTable.format(Math.max(0, running - held) / 1e6, "ms"), "a few seconds");
        } finally {
            cluster.nodes().removeNodes(nodes);
        }
    }

    private void setBaseAdapters(String ns, List<String> adapters) {
        client.genericKubernetesResources(OperatorHarness.API_VERSION, OperatorHarness.KIND).inNamespace(ns)
                .withName("bench-base").edit(md -> {
                    Manifests.section(md, "spec").put("adapters", adapters.stream()
                            .map(a -> Map.of("name", a, "uri", "hf://example/" + a + "-lora")).toList());
                    return md;
                });
    }

    private void awaitBase(String ns, List<String> adapters, Duration timeout) {
        Await.until("bench-base Running with " + LORA_INSTANCES + " instances holding " + adapters, timeout, () -> {
            ModelDeploymentView md = view(ns, "bench-base");
            return "Running".equals(md.phase()) && md.instances().size() == LORA_INSTANCES && md.instances().stream()
                    .allMatch(i -> adapters.equals(i.get("loraModels")));
        });
    }

    private ModelDeploymentView view(String ns, String name) {
        return new ModelDeploymentView(client.genericKubernetesResources(OperatorHarness.API_VERSION, OperatorHarness.KIND)
                .inNamespace(ns).withName(name).get());
    }

    private static String largestFamilies(String metrics) {
        Map<String, Long> byName = metrics.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .collect(java.util.stream.Collectors.groupingBy(l -> l.split("[{ ]", 2)[0],
                        java.util.stream.Collectors.counting()));
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Reconciles the operator began, of both its controllers, from its aggregated JOSDK counters. */
    private double reconcilesStarted() {
        return MetricsText.parse(operator.metrics()).stream()
                .filter(sample -> sample.name().equals("operator_sdk_reconciliations_started_total"))
                .mapToDouble(MetricsText.Sample::value).sum();
    }

    private static long series(String metrics) {
        return metrics.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    /** Until the operator's resources have seen no request for {@link #QUIET}: the burst's reconciles are over. */
    private void awaitQuiet() {
        awaitQuiet(QUIET);
    }

    private void awaitQuiet(Duration quiet) {
        long[] last = {requests.now().count(ApiServerRequests.Key::operators), System.nanoTime()};
        Await.until("no more requests on operator resources for " + quiet.toSeconds() + " s", Duration.ofMinutes(10), () -> {
            long now = requests.now().count(ApiServerRequests.Key::operators);
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - last[1] > quiet.toNanos();
        });
    }

    private void inParallel(int count, Consumer<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                done.add(pool.submit(() -> task.accept(index)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static GenericKubernetesResource deployment(String name) {
        return Manifests.quickStart(name, MODEL, "vllm", "0.8.4", "{cpu: \"1\", memory: 4Gi, gpu: {type: H100, count: 1}}", "");
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }

    /** The objects and status of the benchmark's ModelDeployments as a client watching them sees them. */
    private static final class Watches implements AutoCloseable {
        final FirstSeen<io.fabric8.kubernetes.api.model.Secret> secrets;
        final FirstSeen<Deployment> deployments;
        final FirstSeen<io.fabric8.kubernetes.api.model.Service> services;
        final FirstSeen<GenericKubernetesResource> phase;

        Watches(KubernetesClient client, String ns) {
            secrets = new FirstSeen<>("Secret", client.secrets().inNamespace(ns), s -> true);
            deployments = new FirstSeen<>("Deployment", client.apps().deployments().inNamespace(ns), d -> true);
            services = new FirstSeen<>("Service", client.services().inNamespace(ns), s -> true);
            phase = new FirstSeen<>("status.phase of", client.genericKubernetesResources(OperatorHarness.API_VERSION,
                    OperatorHarness.KIND).inNamespace(ns), md -> new ModelDeploymentView(md).phase() != null);
        }

        long objects(String name) {
            return Math.max(secrets.await(name + "-api-key", ONE_TIMEOUT), Math.max(deployments.await(name, ONE_TIMEOUT),
                    services.await(name, ONE_TIMEOUT)));
        }

        long awaitAll(List<String> names, Duration timeout) {
            long last = Math.max(phase.awaitAll(names, timeout), deployments.awaitAll(names, timeout));
            last = Math.max(last, services.awaitAll(names, timeout));
            return Math.max(last, secrets.awaitAll(names.stream().map(n -> n + "-api-key").toList(), timeout));
        }

        @Override
        public void close() {
            secrets.close();
            deployments.close();
            services.close();
            phase.close();
        }
    }
}
