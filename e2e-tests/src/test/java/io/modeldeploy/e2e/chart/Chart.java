package io.modeldeploy.e2e.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The Helm chart in {@code helm-chart/}, rendered through helm-java (Helm's Go code, no helm binary). */
public final class Chart {
    public static final String RELEASE = "modeldeploy";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    public static Path root() {
        String configured = System.getProperty("modeldeploy.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("helm-chart/templates"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find helm-chart/ from " + start);
    }

    public static Path dir() {
        return root().resolve("helm-chart");
    }

    /** The values file for a list of watched namespaces (test resource {@code chart/namespaces-values.yaml}). */
    public static Path namespacesValues() {
        try {
            return Path.of(Chart.class.getResource("/chart/namespaces-values.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code helm template} into a namespace, with an optional values file; one node per object. */
    public static List<ObjectNode> render(String namespace, Optional<Path> values) {
        return render(namespace, values.map(List::of).orElse(List.of()));
    }

    /** {@code helm template} with values files applied in order, later ones winning. */
    public static List<ObjectNode> render(String namespace, List<Path> valuesFiles) {
        var template = new Helm(dir()).template().withName(RELEASE).withNamespace(namespace);
        valuesFiles.forEach(template::withValuesFile);
        return parse(template.call());
    }

    static List<ObjectNode> parse(String manifests) {
        try (YAMLParser parser = new YAMLFactory().createParser(manifests)) {
            List<ObjectNode> out = new ArrayList<>();
            StreamSupport.stream(YAML.readValues(parser, JsonNode.class).readAll().spliterator(), false)
                    .filter(JsonNode::isObject)
                    .forEach(n -> out.add((ObjectNode) n));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("helm template produced unparseable YAML:\n" + manifests, e);
        }
    }

    public static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }
}
