package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the engine invocation (and a {@code ray start}, for multi-node vLLM) in a container launch and reads
 * each engine's flags and defaults.
 */
final class LaunchParser {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh");
    /** Words after which a new simple command starts, as after an operator. */
    private static final Set<String> SHELL_KEYWORDS = Set.of("exec", "until", "while", "if", "then", "do", "else", "!");
    private static final String VLLM_MODULE = "vllm.entrypoints.openai.api_server";
    private static final String SGLANG_MODULE = "sglang.launch_server";
    /** The default of the api_server's {@code --model}, used when no model is named. */
    private static final String VLLM_DEFAULT_MODEL = "facebook/opt-125m";

    /**
     * An engine started by a Python launcher ({@code python3 -c <script> <flags>}) that runs the engine's module
     * as {@code __main__}, adding {@code --api-key} from an environment variable: how the operator keeps SGLang's
     * key out of argv. The simulator plays the script: the module it runs and the variable it reads.
     */
    private static final Pattern LAUNCHER_MODULE = Pattern.compile("run_module\\(\\s*[\"']([\\w.]+)[\"']");
    private static final Pattern LAUNCHER_KEY_ENV = Pattern.compile("os\\.environ\\.get\\(\\s*[\"'](\\w+)[\"']");

    /**
     * @param prog        how the engine's argparse names itself in errors ({@code sys.argv[0]}'s base name, or
     *                    {@code vllm serve} for the CLI's subcommand)
     * @param positionals positionals the engine's parser takes ({@code vllm serve <model>}: one)
     * @param keyFromEnv  the key a launcher adds from the environment, when it does
     */
    private record Invocation(EngineKind kind, List<String> engineArgs, String prog, int positionals,
                              Optional<String> keyFromEnv) {
        Invocation(EngineKind kind, List<String> engineArgs, String prog) {
            this(kind, engineArgs, prog, 0, Optional.empty());
        }
    }

    private static final String VLLM_PROG = "api_server.py";
    private static final String SGLANG_PROG = "launch_server.py";

    private LaunchParser() {
    }

    static Optional<EngineLaunch> parse(String image, List<String> command, List<String> args, Map<String, String> env) {
        return parseContainer(image, command, args, env).engine();
    }

    static ContainerLaunch parseContainer(String image, List<String> command, List<String> args, Map<String, String> env) {
        List<String> cmd = command == null ? List.of() : command;
        List<String> arguments = args == null ? List.of() : args;
        Map<String, String> environment = env == null ? Map.of() : env;

        List<String> argv = new ArrayList<>(cmd);
        argv.addAll(arguments);
        List<String> words = unwrapShell(argv, environment);
        Optional<Invocation> invocation = pythonLauncher(argv, environment).or(() -> findInvocation(words));
        if (invocation.isEmpty() && cmd.isEmpty()) {
            invocation = fromImageEntrypoint(image, arguments);
        }
        String version = ImageTag.version(image);
        invocation.ifPresent(i -> new Argparse(i.prog(), EngineArgTables.of(i.kind(), version), i.positionals())
                .check(i.engineArgs()));
        Optional<EngineLaunch> engine = invocation.map(i -> i.kind() == EngineKind.VLLM
                ? vllm(i.engineArgs(), environment)
                : sglang(i.engineArgs(), i.keyFromEnv()));
        return new ContainerLaunch(findRayStart(words), engine);
    }

    /** {@code python3 -c <script> <flags>} whose script runs an engine's module; the flags are its sys.argv[1:]. */
    private static Optional<Invocation> pythonLauncher(List<String> argv, Map<String, String> env) {
        if (argv.size() < 3 || !basename(argv.get(0)).startsWith("python") || !argv.get(1).equals("-c")) {
            return Optional.empty();
        }
        String script = argv.get(2);
        Matcher module = LAUNCHER_MODULE.matcher(script);
        if (!module.find() || !module.group(1).equals(SGLANG_MODULE)) {
            return Optional.empty();
        }
        Matcher keyEnv = LAUNCHER_KEY_ENV.matcher(script);
        Optional<String> key = keyEnv.find() ? nonBlank(env.get(keyEnv.group(1))) : Optional.empty();
        // runpy with alter_sys=True sets sys.argv[0] to the module's file, which argparse names itself after
        return Optional.of(new Invocation(EngineKind.SGLANG, List.copyOf(argv.subList(3, argv.size())), SGLANG_PROG,
                0, key));
    }

    /**
     * {@code ["/bin/sh", "-c", "script", "$0", "$1"...]} becomes the script's words, with the words after the
     * script as its positional parameters (so {@code exec vllm ... "$@"} gets the container's args); anything
     * else is kept as is.
     */
    private static List<String> unwrapShell(List<String> argv, Map<String, String> env) {
        if (argv.isEmpty() || !SHELLS.contains(basename(argv.get(0)))) {
            return argv;
        }
        for (int i = 1; i < argv.size() - 1; i++) {
            String option = argv.get(i);
            if (option.startsWith("-") && !option.startsWith("--") && option.indexOf('c') > 0) {
                return ShellWords.split(argv.get(i + 1), env, argv.subList(i + 2, argv.size()));
            }
        }
        return argv;
    }

    /** The first {@code ray start} command of the words, read after shell keywords such as {@code until} or {@code exec}. */
    private static Optional<RayStart> findRayStart(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            boolean commandStart = i == 0 || ShellWords.OPERATORS.contains(words.get(i - 1))
                    || SHELL_KEYWORDS.contains(words.get(i - 1));
            if (commandStart && basename(words.get(i)).equals("ray") && words.get(i + 1).equals("start")) {
                return Optional.of(rayStart(untilOperator(words.subList(i + 2, words.size()))));
            }
        }
        return Optional.empty();
    }

    private static RayStart rayStart(List<String> args) {
        EngineFlags flags = EngineFlags.parse(args, true);
        if (flags.isSet("head")) {
            return RayStart.head(flags.intValue(RayStart.DEFAULT_PORT, "port"));
        }
        return RayStart.worker(flags.value("address")
                .orElseThrow(() -> new IllegalArgumentException("ray start: neither --head nor --address given")));
    }

    private static Optional<Invocation> findInvocation(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            String word = words.get(i);
            String next = words.get(i + 1);
            List<String> rest = untilOperator(words.subList(i + 2, words.size()));
            if (basename(word).equals("vllm") && next.equals("serve")) {
                // the serve subcommand takes the model as its one optional positional (model_tag)
                return Optional.of(new Invocation(EngineKind.VLLM, rest, "vllm serve", 1, Optional.empty()));
            } else if (word.equals("-m") && next.equals(VLLM_MODULE)) {
                return Optional.of(new Invocation(EngineKind.VLLM, rest, VLLM_PROG));
            } else if (word.equals("-m") && next.equals(SGLANG_MODULE)) {
                return Optional.of(new Invocation(EngineKind.SGLANG, rest, SGLANG_PROG));
            }
        }
        return Optional.empty();
    }

    /** The vLLM image's entrypoint is the OpenAI server; the SGLang image's args name the launcher's flags. */
    private static Optional<Invocation> fromImageEntrypoint(String image, List<String> args) {
        String name = image == null ? "" : image.toLowerCase(Locale.ROOT);
        if (name.contains("sglang")) {
            return Optional.of(new Invocation(EngineKind.SGLANG, args, SGLANG_PROG));
        }
        if (name.contains("vllm")) {
            return Optional.of(new Invocation(EngineKind.VLLM, args, VLLM_PROG));
        }
        return Optional.empty();
    }

    private static EngineLaunch vllm(List<String> engineArgs, Map<String, String> env) {
        EngineFlags flags = EngineFlags.parse(engineArgs, true);
        String model = flags.positionals().stream().findFirst()
                .or(() -> flags.value("model"))
                .orElse(VLLM_DEFAULT_MODEL);
        List<String> served = flags.values("served-model-name");
        Optional<String> apiKey = flags.value("api-key").flatMap(LaunchParser::nonBlank)
                .or(() -> nonBlank(env.get("VLLM_API_KEY")));
        Map<String, String> adapters = adapters(flags.values("lora-modules"), "name", "path", false);
        String runtimeSwitch = env.getOrDefault("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "0").trim().toLowerCase(Locale.ROOT);
        return new EngineLaunch(EngineKind.VLLM, model, served.isEmpty() ? List.of(model) : served,
                port(flags, 8000), apiKey,
                flags.isSet("enable-lora"), adapters,
                flags.intValue(1, "max-loras"),
                flags.intValue(16, "max-lora-rank"),
                Integer.MAX_VALUE, // vLLM keeps every registered adapter; --max-cpu-loras only sizes a cache
                runtimeSwitch.equals("1") || runtimeSwitch.equals("true"),
                true,
                flags.intValue(1, "tensor-parallel-size", "tp"),
                flags.intValue(1, "pipeline-parallel-size", "pp"),
                engineArgs);
    }

    private static EngineLaunch sglang(List<String> engineArgs, Optional<String> keyFromEnv) {
        EngineFlags flags = EngineFlags.parse(engineArgs, false);
        // argparse has refused a launch without --model-path (required=True) before this reads it
        String model = flags.value("model-path", "model").orElse("");
        Map<String, String> adapters = adapters(flags.values("lora-paths"), "lora_name", "lora_path", true);
        boolean enableLora = flags.isSet("enable-lora") || !adapters.isEmpty();
        return new EngineLaunch(EngineKind.SGLANG, model,
                List.of(flags.value("served-model-name").orElse(model)),
                port(flags, 30000), flags.value("api-key").flatMap(LaunchParser::nonBlank).or(() -> keyFromEnv),
                enableLora, adapters,
                flags.intValue(8, "max-loras-per-batch"),
                flags.intValue(0, "max-lora-rank"),
                flags.intValue(Integer.MAX_VALUE, "max-loaded-loras"),
                enableLora, // SGLang needs no switch for run-time loading, only LoRA itself
                flags.isSet("enable-metrics"),
                flags.intValue(1, "tensor-parallel-size", "tp-size", "tp"),
                flags.intValue(1, "pipeline-parallel-size", "pp-size"),
                engineArgs);
    }

    private static int port(EngineFlags flags, int fallback) {
        int port = flags.intValue(fallback, "port");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("argument --port: out of range: " + port);
        }
        return port;
    }

    /**
     * Adapter specs: {@code name=path}, a JSON object (vLLM {@code {"name","path"}}, SGLang
     * {@code {"lora_name","lora_path"}}) or, for SGLang only, a bare path that is also the name.
     */
    static Map<String, String> adapters(List<String> specs, String nameKey, String pathKey, boolean barePathAllowed) {
        Map<String, String> adapters = new LinkedHashMap<>();
        for (String spec : specs) {
            String s = spec.trim();
            if (s.startsWith("{")) {
                JsonNode json = readJson(s);
                String name = json.path(nameKey).asText("");
                String path = json.path(pathKey).asText("");
                if (name.isEmpty() || path.isEmpty()) {
                    throw new IllegalArgumentException("adapter spec needs '" + nameKey + "' and '" + pathKey + "': " + s);
                }
                adapters.put(name, path);
            } else if (s.contains("=")) {
                adapters.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            } else if (barePathAllowed && !s.isEmpty()) {
                adapters.put(s, s);
            } else {
                throw new IllegalArgumentException("invalid adapter spec '" + s + "': expected name=path or JSON");
            }
        }
        return adapters;
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON adapter spec: " + text, e);
        }
    }

    private static List<String> untilOperator(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (ShellWords.OPERATORS.contains(w)) {
                break;
            }
            out.add(w);
        }
        return out;
    }

    /** Both engines treat an empty key as no key. */
    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
