package dev.parley.synth;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An independent, deliberately plain implementation of pipeline-service's quality gate and rules (its README, with
 * the default configuration), run over generated files. It shares no code with the generator: the numbers below
 * are copied from the README, so a generator that drifts from the contract fails the tests.
 */
final class RuleOracle {

    static final List<String> RULES = List.of("RULE-MED-001", "RULE-MED-002", "RULE-MED-003", "RULE-MED-004",
        "RULE-MED-005", "RULE-MED-006", "RULE-MED-007", "RULE-RX-001", "RULE-RX-002", "RULE-RX-003");
    static final Map<String, int[]> WEIGHT_AND_CAP = Map.of(
        "RULE-MED-001", new int[] {15, 45}, "RULE-MED-002", new int[] {5, 30}, "RULE-MED-003", new int[] {5, 25},
        "RULE-MED-004", new int[] {20, 60}, "RULE-MED-005", new int[] {10, 40}, "RULE-MED-006", new int[] {10, 30},
        "RULE-MED-007", new int[] {10, 40}, "RULE-RX-001", new int[] {8, 40}, "RULE-RX-002", new int[] {10, 30},
        "RULE-RX-003", new int[] {10, 40});
    private static final Map<String, Integer> MAX_UNITS =
        Map.of("97110", 6, "97140", 6, "97530", 6, "96372", 4, "36415", 2);
    private static final Map<String, Integer> MINUTES = Map.of("90837", 60, "90834", 45, "90832", 30, "99215", 40,
        "99214", 30, "97110", 15, "97140", 15, "97530", 15);
    private static final Map<String, String> PAIRS =
        Map.of("80053", "80048", "93000", "93010", "45380", "45378", "99215", "99211");
    private static final Set<String> VISITS =
        Set.of("99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215");
    private static final Set<String> HIGHEST_VISITS = Set.of("99205", "99215");
    private static final Pattern CPT = Pattern.compile("[0-9]{4}[0-9A-Z]");
    private static final Pattern NDC = Pattern.compile("[0-9]{11}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    record Claim(String id, String member, String billing, LocalDate date, String code, int units,
                 BigDecimal amount, int daysSupply, boolean passed) {
    }

    /** Which claims reach the rules: those passing the quality gate (skip_invalid), or all (flag_only). */
    enum QualityMode { SKIP_INVALID, FLAG_ONLY }

    /** The sd of outlier groups: population (stddev_pop) or sample (stddev_samp). */
    enum Deviation { POPULATION, SAMPLE }

    /** Whose shares make a specialty's peer mean: providers with E/M claims, or every provider of the specialty. */
    enum Peers { WITH_VISITS, ALL }

    final Map<String, String> specialtyByNpi = new HashMap<>();
    final Map<String, LocalDate> coverageEnd = new HashMap<>();
    final Set<String> members = new HashSet<>();
    final Map<String, Set<String>> qualityFailures = new TreeMap<>();
    final List<Claim> medical = new ArrayList<>();
    final List<Claim> pharmacy = new ArrayList<>();
    final Map<String, String> billingByClaim = new HashMap<>();

    static RuleOracle read(Path dir) throws IOException {
        var oracle = new RuleOracle();
        CsvFile providers = CsvFile.read(dir.resolve("providers.csv"));
        for (List<String> row : providers.rows()) {
            oracle.specialtyByNpi.put(row.get(providers.column("npi")), row.get(providers.column("specialty")));
        }
        CsvFile members = CsvFile.read(dir.resolve("members.csv"));
        for (List<String> row : members.rows()) {
            String id = row.get(members.column("member_id"));
            oracle.members.add(id);
            String end = row.get(members.column("coverage_end"));
            if (!end.isEmpty()) {
                oracle.coverageEnd.put(id, LocalDate.parse(end));
            }
        }
        oracle.readClaims(CsvFile.read(dir.resolve("medical.csv")), false);
        oracle.readClaims(CsvFile.read(dir.resolve("pharmacy.csv")), true);
        return oracle;
    }

    private void readClaims(CsvFile file, boolean pharmacyClaims) {
        List<String> npiColumns = pharmacyClaims ? List.of("pharmacy_npi", "prescriber_npi") : List.of("provider_npi");
        String billingColumn = npiColumns.getFirst();
        String dateColumn = pharmacyClaims ? "fill_date" : "service_date";
        for (List<String> row : file.rows()) {
            Function<String, String> cell = name -> row.get(file.column(name));
            var issues = new TreeSet<String>();
            for (String value : row) {
                if (value.isEmpty()) {
                    issues.add("missing_field");
                }
            }
            LocalDate date = date(cell.apply(dateColumn));
            if (date == null) {
                invalidIfPresent(issues, cell.apply(dateColumn));
            }
            for (String npiColumn : npiColumns) {
                if (!cell.apply(npiColumn).isEmpty() && !luhnNpi(cell.apply(npiColumn))) {
                    issues.add("invalid_value");
                }
            }
            BigDecimal amount = positive(cell.apply("amount_billed"), issues);
            int units = 0;
            int daysSupply = 0;
            String code;
            if (pharmacyClaims) {
                code = cell.apply("ndc_code");
                if (!code.isEmpty() && !NDC.matcher(code).matches()) {
                    issues.add("invalid_value");
                }
                positive(cell.apply("quantity"), issues);
                daysSupply = atLeastOne(cell.apply("days_supply"), issues);
            } else {
                code = cell.apply("cpt_code");
                if (!code.isEmpty() && !CPT.matcher(code).matches()) {
                    issues.add("invalid_value");
                }
                units = atLeastOne(cell.apply("units"), issues);
            }
            String billing = cell.apply(billingColumn);
            if (!specialtyByNpi.containsKey(billing)) {
                issues.add("unknown_provider");
            }
            String id = cell.apply("claim_id");
            billingByClaim.put(id, billing);
            issues.forEach(issue -> qualityFailures.computeIfAbsent(issue, key -> new TreeSet<>()).add(id));
            // flag_only sends failing claims to the rules too, with whatever of their values parse
            LocalDate anyDate = date != null ? date : parseOrNull(cell.apply(dateColumn));
            var claim = new Claim(id, cell.apply("member_id"), billing, anyDate, code,
                pharmacyClaims ? 0 : parseIntOrZero(cell.apply("units")),
                amount != null ? amount : parseDecimalOrNull(cell.apply("amount_billed")),
                pharmacyClaims ? parseIntOrZero(cell.apply("days_supply")) : 0, issues.isEmpty());
            if (claim.passed() || claim.date() != null && claim.amount() != null) {
                (pharmacyClaims ? pharmacy : medical).add(claim);
            }
        }
    }

    private static LocalDate date(String text) {
        try {
            LocalDate date = LocalDate.parse(text);
            return date.isBefore(EARLIEST) || date.isAfter(LocalDate.now().plusDays(1)) ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate parseOrNull(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int parseIntOrZero(String text) {
        return INTEGER.matcher(text).matches() ? Integer.parseInt(text) : 0;
    }

    private static BigDecimal parseDecimalOrNull(String text) {
        return DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    private static void invalidIfPresent(Set<String> issues, String text) {
        if (!text.isEmpty()) {
            issues.add("invalid_value");
        }
    }

    private static BigDecimal positive(String text, Set<String> issues) {
        if (text.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(text).matches() || new BigDecimal(text).signum() <= 0) {
            issues.add("invalid_value");
            return null;
        }
        return new BigDecimal(text);
    }

    private static int atLeastOne(String text, Set<String> issues) {
        if (text.isEmpty()) {
            return 0;
        }
        if (!INTEGER.matcher(text).matches() || Long.parseLong(text) < 1) {
            issues.add("invalid_value");
            return 0;
        }
        return Integer.parseInt(text);
    }

    /** The NPI check: ten digits, Luhn over "80840" and all ten. */
    static boolean luhnNpi(String npi) {
        if (!npi.matches("[0-9]{10}")) {
            return false;
        }
        String digits = "80840" + npi;
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    Map<String, Set<String>> hits() {
        return hits(Deviation.POPULATION, Peers.WITH_VISITS, QualityMode.SKIP_INVALID);
    }

    Map<String, Set<String>> hits(Deviation deviation, Peers peers, QualityMode mode) {
        List<Claim> medical = this.medical.stream().filter(claim -> claim.passed() || mode == QualityMode.FLAG_ONLY)
            .toList();
        List<Claim> pharmacy = this.pharmacy.stream()
            .filter(claim -> claim.passed() || mode == QualityMode.FLAG_ONLY).toList();
        var hits = new TreeMap<String, Set<String>>();
        RULES.forEach(rule -> hits.put(rule, new TreeSet<>()));
        duplicates(medical, hits.get("RULE-MED-001"));
        upcoding(medical, hits.get("RULE-MED-002"), peers);
        for (Claim claim : medical) {
            if (claim.units() > MAX_UNITS.getOrDefault(claim.code(), 10)) {
                hits.get("RULE-MED-003").add(claim.id());
            }
        }
        impossibleDays(medical, hits.get("RULE-MED-004"));
        unbundling(medical, hits.get("RULE-MED-005"));
        outliers(medical, hits.get("RULE-MED-006"), deviation);
        outliers(pharmacy, hits.get("RULE-RX-002"), deviation);
        unknownOrInactive(medical, hits.get("RULE-MED-007"));
        unknownOrInactive(pharmacy, hits.get("RULE-RX-003"));
        earlyRefills(pharmacy, hits.get("RULE-RX-001"));
        return hits;
    }

    private static void duplicates(List<Claim> medical, Set<String> hits) {
        var groups = new HashMap<String, List<Claim>>();
        for (Claim claim : medical) {
            groups.computeIfAbsent(claim.billing() + "|" + claim.member() + "|" + claim.date() + "|" + claim.code(),
                key -> new ArrayList<>()).add(claim);
        }
        for (List<Claim> group : groups.values()) {
            group.sort(Comparator.comparing(Claim::id));
            group.subList(1, group.size()).forEach(claim -> hits.add(claim.id()));
        }
    }

    private void upcoding(List<Claim> medical, Set<String> hits, Peers peers) {
        var visits = new HashMap<String, int[]>();
        specialtyByNpi.keySet().forEach(npi -> visits.put(npi, new int[2]));
        for (Claim claim : medical) {
            if (VISITS.contains(claim.code())) {
                int[] counts = visits.computeIfAbsent(claim.billing(), npi -> new int[2]);
                counts[0]++;
                counts[1] += HIGHEST_VISITS.contains(claim.code()) ? 1 : 0;
            }
        }
        var upcoders = new HashSet<String>();
        for (var entry : visits.entrySet()) {
            int[] counts = entry.getValue();
            if (counts[0] < 20) {
                continue;
            }
            double share = (double) counts[1] / counts[0];
            double peerSum = 0;
            int peerCount = 0;
            for (var other : visits.entrySet()) {
                boolean peer = !other.getKey().equals(entry.getKey()) && specialtyByNpi.containsKey(other.getKey())
                    && specialtyByNpi.get(other.getKey()).equals(specialtyByNpi.get(entry.getKey()));
                if (peer && (other.getValue()[0] > 0 || peers == Peers.ALL)) {
                    peerSum += other.getValue()[0] == 0 ? 0 : (double) other.getValue()[1] / other.getValue()[0];
                    peerCount++;
                }
            }
            if (peerCount > 0 && share >= 0.5 && share >= 2.0 * peerSum / peerCount) {
                upcoders.add(entry.getKey());
            }
        }
        for (Claim claim : medical) {
            if (upcoders.contains(claim.billing()) && HIGHEST_VISITS.contains(claim.code())) {
                hits.add(claim.id());
            }
        }
    }

    private static void impossibleDays(List<Claim> medical, Set<String> hits) {
        var minutes = new HashMap<String, Integer>();
        for (Claim claim : medical) {
            if (MINUTES.containsKey(claim.code())) {
                minutes.merge(claim.billing() + "|" + claim.date(), MINUTES.get(claim.code()) * claim.units(),
                    Integer::sum);
            }
        }
        for (Claim claim : medical) {
            if (MINUTES.containsKey(claim.code()) && minutes.get(claim.billing() + "|" + claim.date()) > 1440) {
                hits.add(claim.id());
            }
        }
    }

    private static void unbundling(List<Claim> medical, Set<String> hits) {
        var codesByVisit = new HashMap<String, Set<String>>();
        for (Claim claim : medical) {
            codesByVisit.computeIfAbsent(visitKey(claim), key -> new HashSet<>()).add(claim.code());
        }
        for (Claim claim : medical) {
            Set<String> codes = codesByVisit.get(visitKey(claim));
            for (var pair : PAIRS.entrySet()) {
                if (claim.code().equals(pair.getValue()) && codes.contains(pair.getKey())) {
                    hits.add(claim.id());
                }
            }
        }
    }

    private static String visitKey(Claim claim) {
        return claim.billing() + "|" + claim.member() + "|" + claim.date();
    }

    private static void outliers(List<Claim> claims, Set<String> hits, Deviation deviation) {
        var groups = new HashMap<String, List<Claim>>();
        claims.forEach(claim -> groups.computeIfAbsent(claim.code(), key -> new ArrayList<>()).add(claim));
        for (List<Claim> group : groups.values()) {
            int n = group.size();
            if (n < 30) {
                continue;
            }
            double mean = group.stream().mapToDouble(claim -> claim.amount().doubleValue()).average().orElseThrow();
            double squares = group.stream()
                .mapToDouble(claim -> Math.pow(claim.amount().doubleValue() - mean, 2)).sum();
            double sd = Math.sqrt(squares / (deviation == Deviation.POPULATION ? n : n - 1));
            for (Claim claim : group) {
                if (claim.amount().doubleValue() > mean + 3 * sd) {
                    hits.add(claim.id());
                }
            }
        }
    }

    private void unknownOrInactive(List<Claim> claims, Set<String> hits) {
        for (Claim claim : claims) {
            LocalDate end = coverageEnd.get(claim.member());
            if (!members.contains(claim.member()) || end != null && claim.date().isAfter(end)) {
                hits.add(claim.id());
            }
        }
    }

    private static void earlyRefills(List<Claim> pharmacy, Set<String> hits) {
        var chains = new HashMap<String, List<Claim>>();
        for (Claim claim : pharmacy) {
            chains.computeIfAbsent(claim.member() + "|" + claim.code(), key -> new ArrayList<>()).add(claim);
        }
        for (List<Claim> chain : chains.values()) {
            chain.sort(Comparator.comparing(Claim::date).thenComparing(Claim::id));
            for (int i = 1; i < chain.size(); i++) {
                Claim previous = chain.get(i - 1);
                long elapsed = ChronoUnit.DAYS.between(previous.date(), chain.get(i).date());
                if (elapsed < 0.75 * previous.daysSupply()) {
                    hits.add(chain.get(i).id());
                }
            }
        }
    }

    /** Billing NPI -> rule -> hits. */
    Map<String, Map<String, Integer>> hitsByProvider(Map<String, Set<String>> hits) {
        var byProvider = new TreeMap<String, Map<String, Integer>>();
        hits.forEach((rule, ids) -> ids.forEach(id -> byProvider
            .computeIfAbsent(billingByClaim.get(id), key -> new TreeMap<>()).merge(rule, 1, Integer::sum)));
        return byProvider;
    }

    static int points(String rule, int hits) {
        int[] weightAndCap = WEIGHT_AND_CAP.get(rule);
        return Math.min(weightAndCap[1], weightAndCap[0] * hits);
    }
}
