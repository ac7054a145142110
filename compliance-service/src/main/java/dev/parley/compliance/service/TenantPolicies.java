package dev.parley.compliance.service;

import dev.parley.compliance.config.ComplianceConfig;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.PiiType;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import dev.parley.pii.scrub.Operator;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's detection policy and operators, read from configuration (keyed by tenant hash) once at start-up, so
 * a mistyped level, type or operator stops the service with the property named instead of failing requests later.
 * Detectors are made once per distinct policy and shared by every tenant that has it.
 */
@ApplicationScoped
@Startup
public class TenantPolicies {

    /** A tenant's policy and the operator of each type it overrides. */
    private record TenantRule(Policy policy, Map<PiiType, Operator> operators) {}

    private final Sensitivity defaultLevel;
    private final Operator defaultOperator;
    private final Map<String, TenantRule> tenants = new HashMap<>();
    private final Map<Policy, PiiDetector> detectors = new ConcurrentHashMap<>();

    public TenantPolicies(ComplianceConfig config) {
        this.defaultLevel = configured("parley.compliance.level", () -> level(config.level()));
        this.defaultOperator = configured("parley.compliance.default-operator", () -> Operator.parse(config.defaultOperator()));
        config.tenants().forEach((tenantHash, tenant) -> {
            String prefix = "parley.compliance.tenants.\"" + tenantHash + "\".";
            Sensitivity level = tenant.level().isPresent()
                    ? configured(prefix + "level", () -> level(tenant.level().get())) : defaultLevel;
            Map<PiiType, Operator> operators = new EnumMap<>(PiiType.class);
            tenant.operators().forEach((type, operator) -> operators.put(
                    configured(prefix + "operators." + type, () -> PiiType.valueOf(type.toUpperCase(Locale.ROOT))),
                    configured(prefix + "operators." + type, () -> Operator.parse(operator))));
            Policy policy = new Policy(level, Set.copyOf(tenant.allow().orElse(List.of())),
                    Set.copyOf(tenant.deny().orElse(List.of())), Policy.DEFAULT_THRESHOLD);
            tenants.put(tenantHash, new TenantRule(policy, Map.copyOf(operators)));
        });
    }

    /** The policy of {@code tenantHash}, at {@code level} when one is asked for (else the tenant's or default). */
    public Policy policy(String tenantHash, Sensitivity level) {
        TenantRule rule = tenants.get(tenantHash);
        Policy base = rule == null ? Policy.of(defaultLevel) : rule.policy();
        return level == null ? base : base.withLevel(level);
    }

    public PiiDetector detector(Policy policy) {
        return detectors.computeIfAbsent(policy, PiiDetector::new);
    }

    /** The operator of each finding type for this tenant: the requested one for all, else the tenant's choices. */
    public Map<PiiType, Operator> operators(String tenantHash, Operator requested) {
        TenantRule rule = tenants.get(tenantHash);
        return requested != null || rule == null ? Map.of() : rule.operators();
    }

    public Operator defaultOperator(Operator requested) {
        return requested == null ? defaultOperator : requested;
    }

    /** {@code minimal}, {@code moderate} or {@code strict}, in any case. */
    public static Sensitivity level(String name) {
        try {
            return Sensitivity.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown level " + name + " (minimal, moderate, strict)");
        }
    }

    private static <T> T configured(String property, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is invalid: " + e.getMessage());
        }
    }
}
