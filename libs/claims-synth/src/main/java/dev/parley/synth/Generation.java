package dev.parley.synth;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.datafaker.Faker;

/** One run of a {@link ClaimsGenerator}: all its state lives here, so every run of a spec writes the same bytes. */
final class Generation {

    static final String[] PROVIDER_HEADER = {"npi", "name", "specialty", "state"};
    static final String[] MEMBER_HEADER = {"member_id", "first_name", "last_name", "date_of_birth", "coverage_end"};
    static final String[] MEDICAL_HEADER = {"claim_id", "member_id", "provider_npi", "service_date", "cpt_code",
        "units", "amount_billed", "diagnosis_code", "place_of_service"};
    static final String[] PHARMACY_HEADER = {"claim_id", "member_id", "pharmacy_npi", "prescriber_npi", "fill_date",
        "ndc_code", "quantity", "days_supply", "amount_billed"};

    static final String MISSING_FIELD = "missing_field";
    static final String INVALID_VALUE = "invalid_value";
    static final String UNKNOWN_PROVIDER = "unknown_provider";

    private static final int DAYS = MedicalLedger.DAYS;
    private static final String[] DAY_TEXT = new String[DAYS];
    /** 2025-07-01, the first day after the inactive members' coverage end. */
    private static final int FIRST_DAY_AFTER_COVERAGE = 181;
    private static final String INACTIVE_COVERAGE_END = "2025-06-30";
    private static final long FIRST_BIRTH_DAY = LocalDate.of(1930, 1, 1).toEpochDay();
    private static final long LAST_BIRTH_DAY = LocalDate.of(2020, 12, 31).toEpochDay();
    private static final long FIRST_COVERAGE_END = LocalDate.of(2026, 1, 31).toEpochDay();
    private static final long LAST_COVERAGE_END = LocalDate.of(2027, 12, 31).toEpochDay();
    private static final int MAX_ATTEMPTS = 10_000;
    private static final int OUTLIER_GROUP_ORDINARY_CLAIMS = 100;
    private static final int OUTLIERS_PER_GROUP = 3;
    private static final String[] STATES = {"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID",
        "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
        "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
        "WI", "WY", "DC"};
    private static final String[] PHARMACY_SUFFIXES =
        {"Pharmacy", "Drugs", "Family Pharmacy", "Community Pharmacy", "Apothecary", "Drug Store"};

    static {
        LocalDate first = LocalDate.of(2025, 1, 1);
        for (int day = 0; day < DAYS; day++) {
            DAY_TEXT[day] = first.plusDays(day).toString();
        }
    }

    private final SynthSpec spec;
    private final Layout layout;
    private final SplittableRandom planning;
    private final SplittableRandom people;
    private final SplittableRandom medicalRandom;
    private final SplittableRandom pharmacyRandom;
    private final Faker faker;
    private final LongSet npiBases = new LongSet(1024);

    private final List<Provider> providerFile = new ArrayList<>();
    private Provider[] medical;
    private Provider[] pharmacies;
    private int[] billingMedical;
    private int[] billingPharmacies;
    private int[] prescribers;
    private int qualityMedical = -1;
    private int qualityPharmacy = -1;
    private final Map<FraudRule, List<Integer>> plantedOn = new EnumMap<>(FraudRule.class);
    private boolean[] upcoder;
    private int[] impossibleDay;

    private int[] cleanMembers;
    private int[] inactiveMembers;
    private int nextInactive;
    private int nextUnknown;

    private final Map<FraudRule, Set<String>> hits = new EnumMap<>(FraudRule.class);
    private final Map<String, Integer> hitsByNpi = new TreeMap<>();
    private final Map<String, Set<String>> qualityIssues = new TreeMap<>();

    private MedicalLedger ledger;
    private GroupStats procedureStats;
    private AmountSpread procedureSpread;
    private RefillChains chains;
    private GroupStats drugStats;
    private AmountSpread drugSpread;
    private CsvWriter medicalOut;
    private CsvWriter pharmacyOut;
    private int medicalRows;
    private int encounterProvider;
    private int encounterMember;
    private int encounterDay;
    private int encounterLines;
    private int encounterRefusals;
    private String encounterDiagnosis;
    private int pharmacyRows;

    Generation(SynthSpec spec, Layout layout) {
        this.spec = spec;
        this.layout = layout;
        var root = new SplittableRandom(spec.seed());
        planning = root.split();
        people = root.split();
        medicalRandom = root.split();
        pharmacyRandom = root.split();
        faker = new Faker(Locale.US, new Random(spec.seed()));
        for (FraudRule rule : FraudRule.values()) {
            hits.put(rule, new TreeSet<>());
            plantedOn.put(rule, new ArrayList<>());
        }
    }

    GroundTruth write(Writer providersOut, Writer membersOut, Writer medicalWriter, Writer pharmacyWriter)
        throws IOException {
        planProviders();
        writeProviders(providersOut);
        writeMembers(membersOut);
        writeMedical(medicalWriter);
        writePharmacy(pharmacyWriter);
        verify();
        return groundTruth();
    }

    // --- providers ---------------------------------------------------------------------------------------------

    private record Role(Specialty specialty, FraudRule planted, boolean qualityOnly) {
    }

    private void planProviders() {
        var roles = new ArrayList<Role>();
        int plantedMedical = 0;
        for (FraudRule rule : FraudRule.values()) {
            int plants = rule.pharmacy() ? layout.pharmacyPlantsPerRule() : layout.medicalPlantsPerRule();
            List<Specialty> turns = Layout.PLANTED_SPECIALTIES.get(rule);
            for (int i = 0; i < plants; i++) {
                roles.add(new Role(turns.get(i % turns.size()), rule, false));
                plantedMedical += rule.pharmacy() ? 0 : 1;
            }
        }
        if (layout.qualityMedical()) {
            roles.add(new Role(Specialty.FAMILY_MEDICINE, null, true));
        }
        int cleanMedical = layout.medicalProviders() - plantedMedical - (layout.qualityMedical() ? 1 : 0);
        for (int i = 0; i < cleanMedical; i++) {
            roles.add(new Role(Layout.cleanSpecialty(i), null, false));
        }
        if (layout.qualityPharmacy()) {
            roles.add(new Role(Specialty.PHARMACY, null, true));
        }
        while (roles.size() < spec.providers()) {
            roles.add(new Role(Specialty.PHARMACY, null, false));
        }
        // planted providers anywhere in the file, not first
        for (int i = roles.size() - 1; i > 0; i--) {
            int j = planning.nextInt(i + 1);
            roles.set(i, roles.set(j, roles.get(i)));
        }
        var medicalList = new ArrayList<Provider>();
        var pharmacyList = new ArrayList<Provider>();
        for (Role role : roles) {
            boolean pharmacy = role.specialty() == Specialty.PHARMACY;
            var provider = new Provider(newNpi(pharmacy ? 2 : 1), providerName(role.specialty()), role.specialty(),
                STATES[planning.nextInt(STATES.length)], role.planted(), role.qualityOnly());
            providerFile.add(provider);
            List<Provider> list = pharmacy ? pharmacyList : medicalList;
            if (role.planted() != null) {
                plantedOn.get(role.planted()).add(list.size());
            }
            if (role.qualityOnly()) {
                if (pharmacy) {
                    qualityPharmacy = list.size();
                } else {
                    qualityMedical = list.size();
                }
            }
            list.add(provider);
        }
        medical = medicalList.toArray(Provider[]::new);
        pharmacies = pharmacyList.toArray(Provider[]::new);
        billingMedical = indices(medical, provider -> !provider.qualityOnly());
        billingPharmacies = indices(pharmacies, provider -> !provider.qualityOnly());
        prescribers = indices(medical, provider -> provider.clean()
            && provider.specialty() != Specialty.PHYSICAL_THERAPY);
        upcoder = new boolean[medical.length];
        plantedOn.get(FraudRule.MED_002).forEach(index -> upcoder[index] = true);
        impossibleDay = new int[medical.length];
        Arrays.fill(impossibleDay, -1);
        plantedOn.get(FraudRule.MED_004).forEach(index -> impossibleDay[index] = planning.nextInt(DAYS));
    }

    private static int[] indices(Provider[] providers, Predicate<Provider> test) {
        var selected = new ArrayList<Integer>();
        for (int i = 0; i < providers.length; i++) {
            if (test.test(providers[i])) {
                selected.add(i);
            }
        }
        return selected.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A fresh NPI: individuals start with 1, organizations with 2. */
    private String newNpi(int firstDigit) {
        while (true) {
            long base = firstDigit * 100_000_000L + planning.nextLong(100_000_000L);
            if (npiBases.add(base)) {
                return Npi.of(base);
            }
        }
    }

    private String providerName(Specialty specialty) {
        if (specialty == Specialty.PHARMACY) {
            return faker.name().lastName() + " " + PHARMACY_SUFFIXES[planning.nextInt(PHARMACY_SUFFIXES.length)];
        }
        String credential = specialty == Specialty.PHYSICAL_THERAPY ? "DPT" : planning.nextInt(7) == 0 ? "DO" : "MD";
        return faker.name().firstName() + " " + faker.name().lastName() + " " + credential;
    }

    private void writeProviders(Writer out) throws IOException {
        var csv = new CsvWriter(out, PROVIDER_HEADER);
        for (Provider provider : providerFile) {
            csv.text(provider.npi()).text(provider.name()).text(provider.specialty().label()).text(provider.state())
                .endRow();
        }
        csv.flush();
    }

    // --- members -----------------------------------------------------------------------------------------------

    private void writeMembers(Writer out) throws IOException {
        int members = spec.members();
        var inactive = new boolean[members];
        for (int chosen = 0; chosen < layout.inactiveMembers(); ) {
            int member = people.nextInt(members);
            if (!inactive[member]) {
                inactive[member] = true;
                chosen++;
            }
        }
        cleanMembers = new int[members - layout.inactiveMembers()];
        inactiveMembers = new int[layout.inactiveMembers()];
        var csv = new CsvWriter(out, MEMBER_HEADER);
        int clean = 0;
        int ended = 0;
        for (int member = 0; member < members; member++) {
            String coverageEnd;
            if (inactive[member]) {
                inactiveMembers[ended++] = member;
                coverageEnd = INACTIVE_COVERAGE_END;
            } else {
                cleanMembers[clean++] = member;
                coverageEnd = people.nextInt(5) == 0
                    ? LocalDate.ofEpochDay(between(FIRST_COVERAGE_END, LAST_COVERAGE_END)).toString() : "";
            }
            csv.text(memberId(member)).text(faker.name().firstName()).text(faker.name().lastName())
                .text(LocalDate.ofEpochDay(between(FIRST_BIRTH_DAY, LAST_BIRTH_DAY)).toString()).text(coverageEnd)
                .endRow();
        }
        csv.flush();
    }

    private long between(long first, long last) {
        return first + people.nextLong(last - first + 1);
    }

    private static String memberId(int member) {
        return numbered("M", member + 1);
    }

    private int cleanMember(SplittableRandom random) {
        return cleanMembers[random.nextInt(cleanMembers.length)];
    }

    /** A member id that members.csv does not hold. */
    private int unknownMember() {
        return spec.members() + nextUnknown++;
    }

    // --- medical claims ----------------------------------------------------------------------------------------

    private interface Emission {
        void emit() throws IOException;
    }

    private record Scheduled(int position, Emission emission) {
    }

    private interface Pattern {
        void plant(int provider) throws IOException;
    }

    /**
     * Places each planted provider's claims before a random clean claim; outliers late in the file, when their
     * groups have most of their ordinary claims.
     */
    private void schedulePatterns(List<Scheduled> events, int clean, Map<FraudRule, Pattern> patterns,
                                  SplittableRandom random) {
        for (FraudRule rule : FraudRule.values()) {
            Pattern pattern = patterns.get(rule);
            if (pattern == null) {
                continue;
            }
            boolean outlier = rule == FraudRule.MED_006 || rule == FraudRule.RX_002;
            for (int provider : plantedOn.get(rule)) {
                int position = outlier ? clean - random.nextInt(clean / 20 + 1) : random.nextInt(clean + 1);
                events.add(new Scheduled(position, () -> pattern.plant(provider)));
            }
        }
    }

    private record Slot(int member, int day) {
    }

    private void writeMedical(Writer out) throws IOException {
        medicalOut = new CsvWriter(out, MEDICAL_HEADER);
        ledger = new MedicalLedger(medical.length, (long) spec.members() + layout.unknownMembers(),
            spec.medicalClaims());
        procedureStats = new GroupStats(Procedures.ALL.size());
        procedureSpread = new AmountSpread(Procedures.ALL.size(), medicalRandom.split());
        int clean = layout.cleanMedicalClaims();
        SplittableRandom random = medicalRandom;
        var events = new ArrayList<Scheduled>();
        schedulePatterns(events, clean, Map.of(
            FraudRule.MED_001, this::plantDuplicates,
            FraudRule.MED_002, this::plantUpcodedVisits,
            FraudRule.MED_003, this::plantExcessUnits,
            FraudRule.MED_004, this::plantImpossibleDay,
            FraudRule.MED_005, this::plantUnbundledPairs,
            FraudRule.MED_006, this::plantMedicalOutliers,
            FraudRule.MED_007, this::plantMedicalMemberClaims), random);
        if (layout.qualityMedical()) {
            for (int variant = 0; variant < Layout.QUALITY_MEDICAL_CLAIMS; variant++) {
                int chosen = variant;
                events.add(new Scheduled(random.nextInt(clean + 1), () -> plantMedicalQualityIssue(chosen)));
            }
        }
        events.sort(Comparator.comparingInt(Scheduled::position));
        int next = 0;
        for (int written = 0; written <= clean; written++) {
            while (next < events.size() && events.get(next).position() == written) {
                events.get(next++).emission().emit();
            }
            if (written < clean) {
                writeCleanMedical();
            }
        }
        medicalOut.flush();
        if (medicalRows != spec.medicalClaims()) {
            throw new IllegalStateException("wrote " + medicalRows + " medical claims, not " + spec.medicalClaims());
        }
    }

    /**
     * The next line of an encounter: a provider sees a member on a day and bills one to four codes of its mix (at
     * most one visit, never both codes of a pair: the ledger refuses a family twice). A line that does not fit
     * is drawn again; an encounter that keeps refusing lines is closed.
     */
    private void writeCleanMedical() throws IOException {
        SplittableRandom random = medicalRandom;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (encounterLines == 0 || encounterRefusals > 4) {
                openEncounter(random);
            }
            Specialty specialty = medical[encounterProvider].specialty();
            Procedure procedure = ledger.visitLevel(encounterProvider, specialty.pickProcedure(random),
                upcoder[encounterProvider]);
            int units = 1 + random.nextInt(procedure.cleanMaxUnits());
            if (ledger.book(encounterProvider, encounterMember, encounterDay, procedure, units, true, 1)) {
                encounterLines--;
                emitMedical(encounterProvider, encounterMember, encounterDay, procedure, units,
                    ordinaryCents(procedure), encounterDiagnosis, specialty.placeOfService(procedure, random), null);
                return;
            }
            encounterRefusals++;
        }
        throw new IllegalArgumentException("too many medical claims for the providers and members");
    }

    private void openEncounter(SplittableRandom random) {
        encounterProvider = billingMedical[random.nextInt(billingMedical.length)];
        encounterMember = cleanMember(random);
        encounterDay = random.nextInt(DAYS);
        int lines = random.nextInt(10);
        encounterLines = lines < 4 ? 1 : lines < 7 ? 2 : lines < 9 ? 3 : 4;
        encounterRefusals = 0;
        encounterDiagnosis = medical[encounterProvider].specialty().pickDiagnosis(random);
    }

    /** Books an ordinary claim (minutes capped) of a random clean member on a random day from {@code firstDay}. */
    private Slot book(int provider, int member, Procedure procedure, int units, int copies, int firstDay) {
        SplittableRandom random = medicalRandom;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int chosen = member >= 0 ? member : cleanMember(random);
            int day = firstDay + random.nextInt(DAYS - firstDay);
            if (ledger.book(provider, chosen, day, procedure, units, true, copies)) {
                return new Slot(chosen, day);
            }
        }
        throw new IllegalArgumentException("too many medical claims for the providers and members");
    }

    private long ordinaryCents(Procedure procedure) {
        return procedureSpread.nextCents(procedure.index(), procedure.basePriceCents());
    }

    private void emitMedical(int provider, int member, int day, Procedure procedure, int units, long cents,
                             FraudRule plantedHit) throws IOException {
        Specialty specialty = medical[provider].specialty();
        emitMedical(provider, member, day, procedure, units, cents, specialty.pickDiagnosis(medicalRandom),
            specialty.placeOfService(procedure, medicalRandom), plantedHit);
    }

    private void emitMedical(int provider, int member, int day, Procedure procedure, int units, long cents,
                             String diagnosis, String place, FraudRule plantedHit) throws IOException {
        String npi = medical[provider].npi();
        String id = medicalRow(memberId(member), npi, DAY_TEXT[day], procedure.code(), units, cents, diagnosis,
            place);
        procedureStats.add(procedure.index(), cents, plantedHit == FraudRule.MED_006);
        FraudRule hit = plantedHit;
        if (upcoder[provider] && procedure.highestLevel()) {
            hit = FraudRule.MED_002;
        }
        if (impossibleDay[provider] == day && procedure.timeBased()) {
            hit = FraudRule.MED_004;
        }
        recordHit(hit, id, medical[provider]);
    }

    private void recordHit(FraudRule hit, String claimId, Provider billing) {
        if (hit == null) {
            return;
        }
        if (hit != billing.planted()) {
            throw new IllegalStateException(hit.id() + " would hit " + claimId + " of a provider not planted with it");
        }
        hits.get(hit).add(claimId);
        hitsByNpi.merge(billing.npi(), 1, Integer::sum);
    }

    private String medicalRow(String member, String npi, String date, String cpt, long units, long cents,
                              String diagnosis, String place) throws IOException {
        String id = numbered("MC-", ++medicalRows);
        medicalOut.text(id).text(member).text(npi).text(date).text(cpt).number(units).cents(cents).text(diagnosis)
            .text(place).endRow();
        return id;
    }

    /** RULE-MED-001: three claims billed twice, identical but for the claim id; the copies are the hits. */
    private void plantDuplicates(int provider) throws IOException {
        Specialty specialty = medical[provider].specialty();
        for (int i = 0; i < Layout.DUPLICATE_PAIRS; i++) {
            Procedure procedure = specialty.pickProcedureOtherThanVisit(medicalRandom);
            int units = 1 + medicalRandom.nextInt(procedure.cleanMaxUnits());
            Slot slot = book(provider, -1, procedure, units, 2, 0);
            long cents = ordinaryCents(procedure);
            String diagnosis = specialty.pickDiagnosis(medicalRandom);
            String place = specialty.placeOfService(procedure, medicalRandom);
            emitMedical(provider, slot.member(), slot.day(), procedure, units, cents, diagnosis, place, null);
            emitMedical(provider, slot.member(), slot.day(), procedure, units, cents, diagnosis, place,
                FraudRule.MED_001);
        }
    }

    /**
     * RULE-MED-002: 25 visits on distinct member-days besides its ordinary ones; every visit of an upcoder is at
     * the highest level while it is under 80% of them, so all its 99205/99215 claims are the hits.
     */
    private void plantUpcodedVisits(int provider) throws IOException {
        Specialty specialty = medical[provider].specialty();
        for (int i = 0; i < Layout.UPCODED_VISITS; i++) {
            Procedure drawn = specialty.pickProcedure(medicalRandom);
            while (!drawn.evaluationAndManagement()) {
                drawn = specialty.pickProcedure(medicalRandom);
            }
            Procedure procedure = ledger.visitLevel(provider, drawn, true);
            Slot slot = book(provider, -1, procedure, 1, 1, 0);
            emitMedical(provider, slot.member(), slot.day(), procedure, 1, ordinaryCents(procedure), null);
        }
    }

    /** RULE-MED-003: five claims with units above the code's maximum, ordinary amounts. */
    private void plantExcessUnits(int provider) throws IOException {
        List<Procedure> codes = medical[provider].specialty() == Specialty.PHYSICAL_THERAPY
            ? List.of(Procedures.byCode("97110"), Procedures.byCode("97140"), Procedures.byCode("97530"))
            : List.of(Procedures.byCode("96372"), Procedures.byCode("36415"));
        for (int i = 0; i < Layout.EXCESS_UNIT_CLAIMS; i++) {
            Procedure procedure = codes.get(i % codes.size());
            int units = procedure.maxUnits() + 1 + medicalRandom.nextInt(3);
            Slot slot = book(provider, -1, procedure, units, 1, 0);
            emitMedical(provider, slot.member(), slot.day(), procedure, units, ordinaryCents(procedure),
                FraudRule.MED_003);
        }
    }

    /**
     * RULE-MED-004: 26 one-hour psychotherapy sessions with distinct members on one day, 1560 minutes; its
     * ordinary claims keep their own cap of 480 minutes, and every time-based claim of that day is a hit.
     */
    private void plantImpossibleDay(int provider) throws IOException {
        Procedure session = Procedures.byCode("90837");
        int day = impossibleDay[provider];
        for (int i = 0; i < Layout.IMPOSSIBLE_DAY_SESSIONS; i++) {
            int member = cleanMember(medicalRandom);
            for (int attempt = 0; !ledger.book(provider, member, day, session, 1, false, 1); attempt++) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalArgumentException("too few members for an impossible day");
                }
                member = cleanMember(medicalRandom);
            }
            emitMedical(provider, member, day, session, 1, ordinaryCents(session), null);
        }
    }

    /** RULE-MED-005: three pairs of a comprehensive code and its component, same member and day. */
    private void plantUnbundledPairs(int provider) throws IOException {
        String comprehensive = switch (medical[provider].specialty()) {
            case CARDIOLOGY -> "93000";
            case GASTROENTEROLOGY -> "45380";
            default -> "80053";
        };
        Procedure whole = Procedures.byCode(comprehensive);
        Procedure component = Procedures.byCode(FraudRule.PAIRS.get(comprehensive));
        for (int i = 0; i < Layout.UNBUNDLED_PAIRS; i++) {
            Slot slot = book(provider, -1, whole, 1, 1, 0);
            emitMedical(provider, slot.member(), slot.day(), whole, 1, ordinaryCents(whole), null);
            ledger.bookSameKey(provider, component);
            emitMedical(provider, slot.member(), slot.day(), component, 1, ordinaryCents(component),
                FraudRule.MED_005);
        }
    }

    /** RULE-MED-006: three claims at 25-30 times the base price, in groups of 100 ordinary claims or more. */
    private void plantMedicalOutliers(int provider) throws IOException {
        Specialty specialty = medical[provider].specialty();
        for (int i = 0; i < Layout.OUTLIERS; i++) {
            Procedure procedure = outlierGroup(specialty.procedures());
            if (procedure == null) {
                procedure = outlierGroup(Procedures.ALL);
            }
            if (procedure == null) {
                throw new IllegalStateException("no CPT group large enough for an outlier");
            }
            Slot slot = book(provider, -1, procedure, 1, 1, 0);
            emitMedical(provider, slot.member(), slot.day(), procedure, 1,
                AmountSpread.outlierCents(procedure.basePriceCents(), medicalRandom), FraudRule.MED_006);
        }
    }

    /** The largest group with room for one more outlier; no highest-level visit, which would move E/M shares. */
    private Procedure outlierGroup(List<Procedure> candidates) {
        Procedure best = null;
        for (Procedure candidate : candidates) {
            int group = candidate.index();
            if (!candidate.highestLevel()
                && procedureStats.ordinaryCount(group) >= OUTLIER_GROUP_ORDINARY_CLAIMS
                && procedureStats.plantedOutliers(group) < OUTLIERS_PER_GROUP
                && (best == null || procedureStats.ordinaryCount(group) > procedureStats.ordinaryCount(best.index()))) {
                best = candidate;
            }
        }
        return best;
    }

    /** RULE-MED-007: two claims of members unknown to members.csv, two after the member's coverage ended. */
    private void plantMedicalMemberClaims(int provider) throws IOException {
        Specialty specialty = medical[provider].specialty();
        for (int i = 0; i < Layout.UNKNOWN_MEMBER_CLAIMS + Layout.INACTIVE_MEMBER_CLAIMS; i++) {
            boolean unknown = i < Layout.UNKNOWN_MEMBER_CLAIMS;
            int member = unknown ? unknownMember() : inactiveMembers[nextInactive++];
            Procedure procedure = specialty.pickProcedureOtherThanVisit(medicalRandom);
            Slot slot = book(provider, member, procedure, 1, 1, unknown ? 0 : FIRST_DAY_AFTER_COVERAGE);
            emitMedical(provider, member, slot.day(), procedure, 1, ordinaryCents(procedure), FraudRule.MED_007);
        }
    }

    /** A claim failing the quality gate, billed by the quality-only provider or an NPI not in providers.csv. */
    private void plantMedicalQualityIssue(int variant) throws IOException {
        SplittableRandom random = medicalRandom;
        Specialty specialty = Specialty.FAMILY_MEDICINE;
        Procedure procedure = specialty.pickProcedureOtherThanVisit(random);
        String npi = medical[qualityMedical].npi();
        String date = DAY_TEXT[random.nextInt(DAYS)];
        String cpt = procedure.code();
        long units = 1;
        long cents = procedure.basePriceCents();
        String diagnosis = specialty.pickDiagnosis(random);
        String place = "11";
        String issue = switch (variant) {
            case 0 -> {
                diagnosis = "";
                yield MISSING_FIELD;
            }
            case 1 -> {
                place = "";
                yield MISSING_FIELD;
            }
            case 2 -> {
                cents = 0;
                yield INVALID_VALUE;
            }
            case 3 -> {
                units = 0;
                yield INVALID_VALUE;
            }
            case 4 -> {
                cpt = cpt.substring(0, 4);
                yield INVALID_VALUE;
            }
            case 5 -> {
                date = "1899-12-31";
                yield INVALID_VALUE;
            }
            default -> {
                npi = newNpi(1);
                yield UNKNOWN_PROVIDER;
            }
        };
        String id = medicalRow(memberId(cleanMember(random)), npi, date, cpt, units, cents, diagnosis, place);
        qualityIssues.computeIfAbsent(issue, key -> new TreeSet<>()).add(id);
    }

    // --- pharmacy claims ---------------------------------------------------------------------------------------

    private void writePharmacy(Writer out) throws IOException {
        pharmacyOut = new CsvWriter(out, PHARMACY_HEADER);
        drugStats = new GroupStats(Drugs.ALL.size());
        drugSpread = new AmountSpread(Drugs.ALL.size(), pharmacyRandom.split());
        SplittableRandom random = pharmacyRandom;
        if (spec.pharmacyClaims() > 0) {
            chains = new RefillChains(cleanMembers, layout.chainsPerMember(), random.split());
        }
        int clean = layout.cleanPharmacyClaims();
        var events = new ArrayList<Scheduled>();
        schedulePatterns(events, clean, Map.of(
            FraudRule.RX_001, this::plantEarlyRefills,
            FraudRule.RX_002, this::plantPharmacyOutliers,
            FraudRule.RX_003, this::plantPharmacyMemberClaims), random);
        if (layout.qualityPharmacy()) {
            for (int variant = 0; variant < Layout.QUALITY_PHARMACY_CLAIMS; variant++) {
                int chosen = variant;
                events.add(new Scheduled(random.nextInt(clean + 1), () -> plantPharmacyQualityIssue(chosen)));
            }
        }
        events.sort(Comparator.comparingInt(Scheduled::position));
        int next = 0;
        for (int written = 0; written <= clean; written++) {
            while (next < events.size() && events.get(next).position() == written) {
                events.get(next++).emission().emit();
            }
            if (written < clean) {
                int chain = chains.anyOpen(random);
                int day = chains.fill(chain, random);
                emitFill(billingPharmacies[random.nextInt(billingPharmacies.length)], chains.member(chain), day,
                    chains.drug(chain), null);
            }
        }
        pharmacyOut.flush();
        if (pharmacyRows != spec.pharmacyClaims()) {
            throw new IllegalStateException("wrote " + pharmacyRows + " pharmacy claims, not "
                + spec.pharmacyClaims());
        }
    }

    private void emitFill(int pharmacy, int member, int day, Drug drug, FraudRule plantedHit) throws IOException {
        boolean outlier = plantedHit == FraudRule.RX_002;
        long cents = outlier ? AmountSpread.outlierCents(drug.basePriceCents(), pharmacyRandom)
            : drugSpread.nextCents(drug.index(), drug.basePriceCents());
        String npi = pharmacies[pharmacy].npi();
        String id = pharmacyRow(memberId(member), npi, prescriber(), DAY_TEXT[day], drug.ndc(), drug.quantity(),
            drug.daysSupply(), cents);
        drugStats.add(drug.index(), cents, outlier);
        recordHit(plantedHit, id, pharmacies[pharmacy]);
    }

    private String prescriber() {
        return medical[prescribers[pharmacyRandom.nextInt(prescribers.length)]].npi();
    }

    private String pharmacyRow(String member, String pharmacyNpi, String prescriberNpi, String date, String ndc,
                               String quantity, long daysSupply, long cents) throws IOException {
        String id = numbered("RX-", ++pharmacyRows);
        pharmacyOut.text(id).text(member).text(pharmacyNpi).text(prescriberNpi).text(date).text(ndc).text(quantity)
            .number(daysSupply).cents(cents).endRow();
        return id;
    }

    /**
     * RULE-RX-001: four refills a quarter to a half of the days supply after the previous fill of the same member
     * and NDC (the rule fires under 75%); the early fills are the hits, and the chain goes on spaced from them.
     */
    private void plantEarlyRefills(int pharmacy) throws IOException {
        SplittableRandom random = pharmacyRandom;
        for (int i = 0; i < Layout.EARLY_REFILLS; i++) {
            int chain = -1;
            for (int attempt = 0; attempt < MAX_ATTEMPTS && chain < 0; attempt++) {
                int candidate = chains.anyOpen(random);
                int supply = chains.drug(candidate).daysSupply();
                if (chains.nextDay(candidate) + 5 + supply / 2 <= RefillChains.LAST_DAY) {
                    chain = candidate;
                }
            }
            if (chain < 0) {
                throw new IllegalArgumentException("too few members for the pharmacy claims");
            }
            Drug drug = chains.drug(chain);
            int first = chains.fill(chain, random);
            emitFill(pharmacy, chains.member(chain), first, drug, null);
            int early = first + drug.daysSupply() / 4 + random.nextInt(drug.daysSupply() / 4 + 1);
            chains.fillOn(chain, early);
            emitFill(pharmacy, chains.member(chain), early, drug, FraudRule.RX_001);
        }
    }

    /** RULE-RX-002: three fills at 25-30 times the base price, in NDC groups of 100 ordinary fills or more. */
    private void plantPharmacyOutliers(int pharmacy) throws IOException {
        for (int i = 0; i < Layout.OUTLIERS; i++) {
            int chain = -1;
            var groups = new ArrayList<>(Drugs.ALL);
            groups.sort(Comparator.comparingLong((Drug drug) -> drugStats.ordinaryCount(drug.index()))
                .reversed());
            for (Drug drug : groups) {
                if (drugStats.ordinaryCount(drug.index()) >= OUTLIER_GROUP_ORDINARY_CLAIMS
                    && drugStats.plantedOutliers(drug.index()) < OUTLIERS_PER_GROUP) {
                    chain = chains.openUntil(RefillChains.LAST_DAY, drug.index(), pharmacyRandom);
                    if (chain >= 0) {
                        break;
                    }
                }
            }
            if (chain < 0) {
                throw new IllegalStateException("no NDC group large enough for an outlier");
            }
            int day = chains.fill(chain, pharmacyRandom);
            emitFill(pharmacy, chains.member(chain), day, chains.drug(chain), FraudRule.RX_002);
        }
    }

    /** RULE-RX-003: two fills of members unknown to members.csv, two after the member's coverage ended. */
    private void plantPharmacyMemberClaims(int pharmacy) throws IOException {
        SplittableRandom random = pharmacyRandom;
        for (int i = 0; i < Layout.UNKNOWN_MEMBER_CLAIMS + Layout.INACTIVE_MEMBER_CLAIMS; i++) {
            boolean unknown = i < Layout.UNKNOWN_MEMBER_CLAIMS;
            int member = unknown ? unknownMember() : inactiveMembers[nextInactive++];
            int firstDay = unknown ? 0 : FIRST_DAY_AFTER_COVERAGE;
            int day = firstDay + random.nextInt(DAYS - firstDay);
            emitFill(pharmacy, member, day, Drugs.pick(random), FraudRule.RX_003);
        }
    }

    /**
     * A fill failing the quality gate. It still takes its place in a refill chain, so that even with every claim
     * sent to the rules ({@code flag_only}) no clean fill after it looks early.
     */
    private void plantPharmacyQualityIssue(int variant) throws IOException {
        SplittableRandom random = pharmacyRandom;
        int chain = chains.anyOpen(random);
        int day = chains.fill(chain, random);
        Drug drug = chains.drug(chain);
        String npi = pharmacies[qualityPharmacy].npi();
        String prescriber = prescriber();
        String ndc = drug.ndc();
        String quantity = drug.quantity();
        long daysSupply = drug.daysSupply();
        String issue = switch (variant) {
            case 0 -> {
                prescriber = "";
                yield MISSING_FIELD;
            }
            case 1 -> {
                ndc = ndc.substring(1);
                yield INVALID_VALUE;
            }
            case 2 -> {
                quantity = "0";
                yield INVALID_VALUE;
            }
            case 3 -> {
                daysSupply = 0;
                yield INVALID_VALUE;
            }
            default -> {
                npi = newNpi(2);
                yield UNKNOWN_PROVIDER;
            }
        };
        String id = pharmacyRow(memberId(chains.member(chain)), npi, prescriber, DAY_TEXT[day], ndc, quantity,
            daysSupply, drug.basePriceCents());
        qualityIssues.computeIfAbsent(issue, key -> new TreeSet<>()).add(id);
    }

    // --- proof and ground truth --------------------------------------------------------------------------------

    /** Fails when a guarantee did not hold (a bug of the generator, never of the spec). */
    private void verify() {
        procedureStats.verifySeparation("CPT");
        drugStats.verifySeparation("NDC");
        verifyUpcodingFindsExactlyTheUpcoders();
        for (FraudRule rule : FraudRule.values()) {
            List<Provider> list = Arrays.asList(rule.pharmacy() ? pharmacies : medical);
            for (int index : plantedOn.get(rule)) {
                String npi = list.get(index).npi();
                if (rule.points(hitsByNpi.getOrDefault(npi, 0)) < FraudRule.MEDIUM_RISK) {
                    throw new IllegalStateException(rule.id() + " planted on " + npi + " stays under medium risk");
                }
            }
        }
    }

    /** RULE-MED-002 over the visit counts, with the peer mean over all others and over those with visits. */
    private void verifyUpcodingFindsExactlyTheUpcoders() {
        for (Specialty specialty : Specialty.MEDICAL) {
            double shareSum = 0;
            int peers = 0;
            int withVisits = 0;
            for (int provider = 0; provider < medical.length; provider++) {
                if (medical[provider].specialty() == specialty) {
                    peers++;
                    if (ledger.visits(provider) > 0) {
                        withVisits++;
                        shareSum += share(provider);
                    }
                }
            }
            for (int provider = 0; provider < medical.length; provider++) {
                if (medical[provider].specialty() != specialty) {
                    continue;
                }
                int visits = ledger.visits(provider);
                double share = share(provider);
                double others = shareSum - share;
                boolean overAll = upcodes(visits, share, peers - 1 > 0 ? others / (peers - 1) : Double.NaN);
                boolean overBilling = upcodes(visits, share,
                    withVisits - (visits > 0 ? 1 : 0) > 0 ? others / (withVisits - (visits > 0 ? 1 : 0)) : Double.NaN);
                if (overAll != upcoder[provider] || overBilling != upcoder[provider]) {
                    throw new IllegalStateException("RULE-MED-002 would not find exactly the upcoders in "
                        + specialty.label());
                }
            }
        }
    }

    private double share(int provider) {
        int visits = ledger.visits(provider);
        return visits == 0 ? 0 : (double) ledger.highestLevelVisits(provider) / visits;
    }

    private static boolean upcodes(int visits, double share, double peerMean) {
        return visits >= FraudRule.UPCODING_MIN_EM_CLAIMS && share >= FraudRule.UPCODING_MIN_SHARE
            && !Double.isNaN(peerMean) && share >= FraudRule.UPCODING_PEER_RATIO * peerMean;
    }

    private GroundTruth groundTruth() {
        var hitsByRule = new TreeMap<String, Set<String>>();
        hits.forEach((rule, ids) -> hitsByRule.put(rule.id(), ids));
        var planted = new TreeMap<String, String>();
        var clean = new TreeSet<String>();
        for (Provider provider : providerFile) {
            if (provider.planted() != null) {
                planted.put(provider.npi(), provider.planted().id());
            } else if (provider.clean()) {
                clean.add(provider.npi());
            }
        }
        return new GroundTruth(hitsByRule, planted, clean, qualityIssues, providerFile.size(), spec.members(),
            medicalRows, pharmacyRows);
    }

    private static String numbered(String prefix, int number) {
        char[] text = new char[prefix.length() + 8];
        prefix.getChars(0, prefix.length(), text, 0);
        for (int i = text.length - 1; i >= prefix.length(); i--) {
            text[i] = (char) ('0' + number % 10);
            number /= 10;
        }
        return new String(text);
    }
}
