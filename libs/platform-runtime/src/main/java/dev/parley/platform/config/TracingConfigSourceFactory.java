package dev.parley.platform.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is off until an OTLP endpoint is configured: setting {@code parley.tracing.otlp-endpoint}
 * ({@code PARLEY_TRACING_OTLP_ENDPOINT}) alone turns the OpenTelemetry SDK on and points its trace exporter there.
 * Environment variables and system properties (ordinals 300, 400) still override what this source derives.
 */
public class TracingConfigSourceFactory implements ConfigSourceFactory {

    static final String ENDPOINT = "parley.tracing.otlp-endpoint";
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue(ENDPOINT);
        if (endpoint == null || endpoint.getValue() == null || endpoint.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", endpoint.getValue().trim()),
                "parley-tracing", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
