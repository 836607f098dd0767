package io.modeldeploy.operator.engine;

import io.fabric8.kubernetes.api.model.Container;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a container's image and command line, for engines that recognise themselves in an expert template. */
public final class EngineLaunches {
    private EngineLaunches() {
    }

    public static boolean mentions(Container container, String word) {
        String launch = container.getImage() + " " + String.join(" ", Optional.ofNullable(container.getCommand()).orElse(List.of()))
                + " " + String.join(" ", Optional.ofNullable(container.getArgs()).orElse(List.of()));
        return launch.toLowerCase(Locale.ROOT).contains(word);
    }
}
