package dev.dataemulator.examples.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.SettingAliases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The HTTP service's {@code POST /emulator} body as a front door: the spec it would start. */
public final class HttpDoor {
    private HttpDoor() {
    }

    /** @return the spec of the request body {@code json} (the memory sink) */
    public static EmulationSpec spec(String json) {
        try {
            return EmulationRequest.toSpec(new ObjectMapper().readTree(json), Map.of("memory", Map.of()),
                    DomainRegistry.discover());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the request's names for the settings */
    public static SettingAliases aliases() {
        return EmulationRequest.ALIASES;
    }
}
