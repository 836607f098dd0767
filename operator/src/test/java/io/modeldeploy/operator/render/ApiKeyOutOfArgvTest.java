package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.modeldeploy.operator.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key never reaches a container's command line ({@code /proc/<pid>/cmdline}): neither its value nor a
 * {@code $(VAR)} reference the kubelet would expand into argv. Engines get it from env only.
 */
class ApiKeyOutOfArgvTest {
    /** What the kubelet expands in command and args (a shell's {@code $(command)} is not a name and stays). */
    private static final Pattern KUBELET_REFERENCE = Pattern.compile("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)");
    /** A shell script that expands the key's variable would put its value on a command line too. */
    private static final Pattern SHELL_KEY_REFERENCE = Pattern.compile("\\$\\{?(VLLM_API_KEY|MODELDEPLOY_API_KEY)");

    private static List<String> argv(Container c) {
        List<String> out = new ArrayList<>(c.getCommand() == null ? List.of() : c.getCommand());
        out.addAll(c.getArgs() == null ? List.of() : c.getArgs());
        return out;
    }

    @Test
    void noRenderedCommandLineCarriesTheKeyOrAnExpansion() {
        for (RenderSettings settings : List.of(Fixtures.settings(), Fixtures.settings().withPodSecurity(PodSecurityProfile.RESTRICTED))) {
            Map<String, PodSpec> pods = RenderedPods.all(settings);
            pods.forEach((name, pod) -> pod.getContainers().forEach(c -> assertThat(argv(c)).as(name + " " + c.getName())
                    .noneMatch(word -> word.contains(Fixtures.API_KEY))
                    .noneMatch(word -> KUBELET_REFERENCE.matcher(word).find())
                    .noneMatch(word -> SHELL_KEY_REFERENCE.matcher(word).find())
                    .noneMatch(word -> word.equals("--api-key") || word.startsWith("--api-key="))));
        }
    }

    @Test
    void everyServingContainerGetsTheKeyFromTheSecretThroughEnv() {
        RenderedPods.all(Fixtures.settings()).forEach((name, pod) -> assertThat(pod.getContainers().get(0).getEnv())
                .as(name).anySatisfy(e -> {
                    assertThat(e.getName()).isIn("VLLM_API_KEY", "MODELDEPLOY_API_KEY");
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("qwen-chat-api-key");
                }));
    }
}
