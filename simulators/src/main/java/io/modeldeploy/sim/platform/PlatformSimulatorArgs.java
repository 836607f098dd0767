package io.modeldeploy.sim.platform;

import io.modeldeploy.sim.platform.http.SimOptions;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link PlatformSimulatorMain}:
 * {@code <alayanew|zstack|qianfan|drun> [--port P] [--bind HOST] <credentials> [--deploy-delay D]
 * [--transition-delay D] [--delete-delay D] [--session-ttl D]}, with credentials {@code --access-key A --secret-key S}
 * (alayanew, qianfan), {@code --account A --password P} (zstack) or {@code --token T} (drun); durations like
 * {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or plain seconds.
 */
record PlatformSimulatorArgs(String vendor, InetSocketAddress bind, Map<String, String> credentials,
                           SimOptions options) {
    static final List<String> VENDORS = List.of("alayanew", "zstack", "qianfan", "drun");
    static final String USAGE = "usage: PlatformSimulatorMain <alayanew|zstack|qianfan|drun> [--port P] [--bind HOST]\n"
            + "         alayanew|qianfan: --access-key A --secret-key S;  zstack: --account A --password P;"
            + "  drun: --token T\n"
            + "         [--deploy-delay 5s] [--transition-delay 2s] [--delete-delay 0s] [--session-ttl 2h]";

    private static final Map<String, List<String>> CREDENTIALS = Map.of(
            "alayanew", List.of("access-key", "secret-key"),
            "qianfan", List.of("access-key", "secret-key"),
            "zstack", List.of("account", "password"),
            "drun", List.of("token"));
    private static final List<String> SETTINGS = List.of("port", "bind", "deploy-delay", "transition-delay",
            "delete-delay", "session-ttl");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    /** @throws IllegalArgumentException with a message for the user */
    static PlatformSimulatorArgs parse(String[] args) {
        if (args.length == 0 || !VENDORS.contains(args[0])) {
            throw new IllegalArgumentException("first argument must be one of " + VENDORS);
        }
        String vendor = args[0];
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String flag = args[i];
            if (!flag.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --flag value pairs, got '" + flag + "'");
            }
            String name = flag.substring(2);
            if (!SETTINGS.contains(name) && !CREDENTIALS.get(vendor).contains(name)) {
                throw new IllegalArgumentException("--" + name + " is not an option for " + vendor);
            }
            flags.put(name, args[i + 1]);
        }
        Map<String, String> credentials = new HashMap<>();
        for (String name : CREDENTIALS.get(vendor)) {
            String value = flags.get(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(vendor + " needs --" + name);
            }
            credentials.put(name, value);
        }
        int port = port(flags.getOrDefault("port", "0"));
        InetSocketAddress bind = new InetSocketAddress(flags.getOrDefault("bind", "127.0.0.1"), port);
        SimOptions defaults = SimOptions.defaults();
        SimOptions options = defaults
                .withDeployDelay(duration(flags, "deploy-delay", defaults.deployDelay()))
                .withTransitionDelay(duration(flags, "transition-delay", defaults.transitionDelay()))
                .withDeleteDelay(duration(flags, "delete-delay", defaults.deleteDelay()))
                .withSessionTtl(duration(flags, "session-ttl", defaults.sessionTtl()));
        return new PlatformSimulatorArgs(vendor, bind, Map.copyOf(credentials), options);
    }

    String credential(String name) {
        return credentials.get(name);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be 0..65535, not '" + text + "'");
        }
    }

    static Duration duration(Map<String, String> flags, String name, Duration fallback) {
        String text = flags.get(name);
        if (text == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + name + " must look like 500ms, 5s, 2m or 1h, not '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
