package io.modeldeploy.sim.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SIMULATED adapter-sync sidecar: plays the operator's {@code adapter-sync/sync.py} the way the engine
 * simulator plays vLLM. It follows the adapter list in its configMap volume (re-read as the kubelet
 * refreshes it), "downloads" each hf:// or s3:// adapter after a delay by marking its directory as
 * written in the pod's shared emptyDir (so the engine can load it from there and nowhere else), reports
 * what exists for pvc:// and file:// entries, removes adapters dropped from the list, and answers
 * {@code GET /status} exactly as the real script does.
 */
final class AdapterSyncSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdapterSyncSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);

    private record Entry(String state, String path, String message) {
    }

    private final Container container;
    private final PodVolumes volumes;
    private final String listPath;
    private final Duration downloadTime;
    private final Map<String, Entry> states = new LinkedHashMap<>();
    /** Per adapter directory (a new URI is a new directory): when its download finishes. */
    private final Map<String, Instant> downloadDone = new HashMap<>();
    private final Set<String> pathsWritten = new java.util.HashSet<>();
    private final ScheduledExecutorService loop;
    private final HttpServer server;

    /** True for a container running the operator's sync script (its command and env are the script's interface). */
    static boolean runs(Container container, List<String> command, Map<String, String> env) {
        return command.stream().anyMatch(part -> part.endsWith("/sync.py")) && env.containsKey("ADAPTER_LIST");
    }

    static AdapterSyncSimulator start(Container container, Map<String, String> env, InetAddress podIp,
                                      PodVolumes volumes, Duration downloadTime) throws IOException {
        return new AdapterSyncSimulator(container, env, podIp, volumes, downloadTime);
    }

    private AdapterSyncSimulator(Container container, Map<String, String> env, InetAddress podIp, PodVolumes volumes,
                                 Duration downloadTime) throws IOException {
        this.container = container;
        this.volumes = volumes;
        this.listPath = env.get("ADAPTER_LIST");
        this.downloadTime = downloadTime;
        int port = Integer.parseInt(env.getOrDefault("ADAPTER_SYNC_PORT", "8001"));
        this.server = HttpServer.create(new InetSocketAddress(podIp, port), 16);
        server.createContext("/", exchange -> {
            byte[] body;
            int code;
            if ("/status".equals(exchange.getRequestURI().getPath())) {
                body = statusJson().getBytes(StandardCharsets.UTF_8);
                code = 200;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            } else {
                body = new byte[0];
                code = 404;
            }
            exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "adapter-sync-sim-" + podIp.getHostAddress());
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(this::syncSafely, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("adapter-sync simulator on {}:{} following {}", podIp.getHostAddress(), port, listPath);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        server.stop(0);
    }

    private void syncSafely() {
        try {
            sync(Instant.now());
        } catch (RuntimeException | IOException e) {
            LOG.warn("adapter-sync simulator: {}", e.toString());
        }
    }

    private synchronized void sync(Instant now) throws IOException {
        Optional<String> list = volumes.readProjected(container, listPath);
        if (list.isEmpty()) {
            return; // the real script fails to open the file and tries again next round
        }
        JsonNode adapters = JSON.readTree(list.get());
        Set<String> listed = new java.util.HashSet<>();
        Set<String> listedPaths = new java.util.HashSet<>();
        for (JsonNode adapter : adapters) {
            String name = adapter.path("name").asText();
            String path = adapter.path("path").asText();
            listed.add(name);
            listedPaths.add(path);
            if (!adapter.path("synced").asBoolean()) {
                boolean exists = volumes.existingFor(container).test(path);
                states.put(name, new Entry(exists ? "Ready" : "Failed", path, exists ? null : path + " does not exist in the pod"));
                continue;
            }
            Instant done = downloadDone.computeIfAbsent(path, p -> now.plus(downloadTime));
            if (now.isBefore(done)) {
                states.put(name, new Entry("Downloading", path, null));
            } else {
                volumes.write(container, path);
                pathsWritten.add(path);
                states.put(name, new Entry("Ready", path, null));
            }
        }
        // As the real script: directories of adapters (or versions) no longer listed are deleted.
        for (String stale : pathsWritten.stream().filter(p -> !listedPaths.contains(p)).toList()) {
            volumes.remove(container, stale);
            pathsWritten.remove(stale);
            downloadDone.remove(stale);
        }
        states.keySet().removeIf(n -> !listed.contains(n));
    }

    private synchronized String statusJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode adapters = root.putObject("adapters");
        states.forEach((name, e) -> {
            ObjectNode n = adapters.putObject(name);
            n.put("state", e.state());
            n.put("path", e.path());
            if (e.message() == null) {
                n.putNull("message");
            } else {
                n.put("message", e.message());
            }
        });
        return root.toString();
    }
}
