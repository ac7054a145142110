package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.RiskLevel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code active_cases_by_risk_level{level}}: cases not closed, over every workspace of this database, counted every
 * 30 s (a gauge read on every scrape would put a query on the scraper's clock).
 */
@ApplicationScoped
public class CaseGauges {

    private static final Logger LOG = Logger.getLogger(CaseGauges.class);
    private static final Duration EVERY = Duration.ofSeconds(30);

    private final Pool pool;
    private final Map<RiskLevel, AtomicLong> active = new EnumMap<>(RiskLevel.class);
    private Cancellable ticks;

    public CaseGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        for (RiskLevel level : RiskLevel.values()) {
            AtomicLong count = new AtomicLong();
            active.put(level, count);
            Gauge.builder("active.cases.by.risk.level", count, AtomicLong::get)
                    .description("Investigation cases not closed, by risk level").tag("level", level.wire())
                    .register(registry);
        }
    }

    void start(@Observes StartupEvent event) {
        ticks = Multi.createFrom().ticks().startingAfter(Duration.ofSeconds(1)).every(EVERY).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> pool.query("""
                                SELECT risk_level, count(*) AS n FROM investigation_case WHERE status <> 'closed'
                                GROUP BY risk_level""").execute()
                        .onFailure().invoke(failure -> LOG.debugf("case gauges not refreshed: %s", failure.getClass()))
                        .onFailure().recoverWithNull())
                .subscribe().with(rows -> {
                    if (rows == null) {
                        return;
                    }
                    Map<RiskLevel, Long> counts = new EnumMap<>(RiskLevel.class);
                    for (Row row : rows) {
                        counts.put(RiskLevel.parse(row.getString("risk_level")), row.getLong("n"));
                    }
                    active.forEach((level, gauge) -> gauge.set(counts.getOrDefault(level, 0L)));
                });
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticks != null) {
            ticks.cancel();
        }
    }
}
