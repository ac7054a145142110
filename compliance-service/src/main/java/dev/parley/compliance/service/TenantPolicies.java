package dev.parley.compliance.service;

import dev.parley.compliance.config.ComplianceConfig;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.PiiType;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import dev.parley.pii.scrub.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's detection policy (from configuration, keyed by tenant hash; the defaults otherwise) and a detector
 * per tenant and level, made once.
 */
@ApplicationScoped
public class TenantPolicies {

    private final ComplianceConfig config;
    private final Sensitivity defaultLevel;
    private final Operator defaultOperator;
    private final Map<String, PiiDetector> detectors = new ConcurrentHashMap<>();

    public TenantPolicies(ComplianceConfig config) {
        this.config = config;
        this.defaultLevel = level(config.level());
        this.defaultOperator = Operator.parse(config.defaultOperator());
    }

    /** The policy of {@code tenantHash}, at {@code level} when one is asked for. */
    public Policy policy(String tenantHash, String level) {
        ComplianceConfig.TenantPolicy tenant = config.tenants().get(tenantHash);
        Sensitivity base = tenant != null && tenant.level().isPresent() ? level(tenant.level().get()) : defaultLevel;
        Sensitivity chosen = level == null ? base : level(level);
        if (tenant == null) {
            return Policy.of(chosen);
        }
        Map<PiiType, String> operators = new EnumMap<>(PiiType.class);
        tenant.operators().forEach((type, operator) -> operators.put(PiiType.valueOf(type.toUpperCase(Locale.ROOT)), operator));
        return new Policy(chosen, Set.copyOf(tenant.allow().orElse(List.of())), Set.copyOf(tenant.deny().orElse(List.of())),
                Policy.DEFAULT_THRESHOLD, operators);
    }

    public PiiDetector detector(String tenantHash, String level) {
        Policy policy = policy(tenantHash, level);
        return detectors.computeIfAbsent(tenantHash + "|" + policy.level(), key -> new PiiDetector(policy));
    }

    /** Operators per type for {@code policy}, the configured default for the rest. */
    public Map<PiiType, Operator> operators(Policy policy, String requested) {
        Map<PiiType, Operator> operators = new EnumMap<>(PiiType.class);
        if (requested == null) {
            policy.operators().forEach((type, name) -> operators.put(type, Operator.parse(name)));
        }
        return operators;
    }

    public Operator defaultOperator(String requested) {
        return requested == null ? defaultOperator : Operator.parse(requested);
    }

    /** {@code minimal}, {@code moderate} or {@code strict}, in any case. */
    public static Sensitivity level(String name) {
        try {
            return Sensitivity.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown level " + name + " (minimal, moderate, strict)");
        }
    }
}
