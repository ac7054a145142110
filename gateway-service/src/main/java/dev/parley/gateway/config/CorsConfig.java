package dev.parley.gateway.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Which web origins may call the API from a browser, under {@code parley.cors}. */
@ConfigMapping(prefix = "parley.cors")
public interface CorsConfig {

    /** Exact origins ({@code https://app.example.com}), comma-separated; none means same-origin only. */
    Optional<List<String>> allowedOrigins();
}
