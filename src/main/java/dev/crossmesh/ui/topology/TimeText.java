package dev.crossmesh.ui.topology;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the live view shows them: the local wall-clock time to the second, which is what people compare with logs. */
final class TimeText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private TimeText() {
    }

    static String of(Instant at) {
        return at == null ? "—" : CLOCK.format(at);
    }
}
