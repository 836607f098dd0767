package io.modeldeploy.sim.platform.zstack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** ZStack writes dates the way Gson does by default, e.g. {@code Nov 14, 2017 10:20:57 PM}. */
final class ZStackDates {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private ZStackDates() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
