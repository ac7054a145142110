package dev.parley.pii.corpus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import net.datafaker.Faker;

/**
 * Identifier values as people write them: names in several orders, dates and phone numbers in the common US formats,
 * addresses with and without units, ids with and without separators. Checksummed ids come from {@link Checksummed};
 * this class only formats them. Everything returned is a trimmed value, ready to be labeled as a whole.
 */
final class SyntheticValues {

    /** A person, kept in parts so that a template can reuse the surname (a DEA initial, an email address). */
    record Person(String first, String middleInitial, String last) {

        String firstLast() {
            return first + " " + last;
        }
    }

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            "MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "yyyy-MM-dd", "MMMM d, yyyy", "MMM d, yyyy", "d MMM yyyy",
            "MM-dd-yyyy", "MMM. d, yyyy")
            .stream().map(pattern -> DateTimeFormatter.ofPattern(pattern, Locale.US)).toList();

    /** Real cities with their states, so that gazetteer-based detectors meet some names they know. */
    private static final List<String[]> CITIES = List.of(
            new String[] {"Boston", "MA"}, new String[] {"Springfield", "IL"}, new String[] {"Columbus", "OH"},
            new String[] {"Austin", "TX"}, new String[] {"Houston", "TX"}, new String[] {"Phoenix", "AZ"},
            new String[] {"Denver", "CO"}, new String[] {"Seattle", "WA"}, new String[] {"Portland", "OR"},
            new String[] {"San Diego", "CA"}, new String[] {"Sacramento", "CA"}, new String[] {"Miami", "FL"},
            new String[] {"Tampa", "FL"}, new String[] {"Atlanta", "GA"}, new String[] {"Nashville", "TN"},
            new String[] {"Chicago", "IL"}, new String[] {"Detroit", "MI"}, new String[] {"Minneapolis", "MN"},
            new String[] {"St. Louis", "MO"}, new String[] {"New York", "NY"}, new String[] {"Buffalo", "NY"},
            new String[] {"Newark", "NJ"}, new String[] {"Philadelphia", "PA"}, new String[] {"Pittsburgh", "PA"},
            new String[] {"Baltimore", "MD"}, new String[] {"Richmond", "VA"}, new String[] {"Charlotte", "NC"},
            new String[] {"Salt Lake City", "UT"}, new String[] {"Albuquerque", "NM"}, new String[] {"Omaha", "NE"},
            new String[] {"Fort Worth", "TX"}, new String[] {"Winston-Salem", "NC"}, new String[] {"Madison", "WI"},
            new String[] {"Providence", "RI"}, new String[] {"Hartford", "CT"}, new String[] {"Burlington", "VT"});

    private static final List<String> STATES = List.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY");

    private static final List<String> STREET_NAMES = List.of(
            "Main", "Oak", "Maple", "Park", "Washington", "Lincoln", "Elm", "Cedar", "Pine", "Lake", "Hill", "Sunset",
            "Highland", "Church", "Mill", "River", "Spring", "2nd", "3rd", "5th", "12th", "Franklin", "Jefferson",
            "Martin Luther King Jr", "Cherry", "Walnut", "Chestnut", "Broad", "Market", "College");

    private static final List<String> STREET_SUFFIXES = List.of(
            "St", "St.", "Street", "Ave", "Ave.", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive", "Ln", "Lane", "Ct",
            "Way", "Pl", "Pkwy", "Cir", "Ter", "Hwy");

    private static final List<String> FREE_MAIL = List.of(
            "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com", "protonmail.com",
            "comcast.net");

    private static final List<String> ORG_SUFFIXES = List.of(".com", ".org", ".net", ".health", ".us");

    private final RandomDraws draw;
    private final Faker faker;
    private final Checksummed ids;

    SyntheticValues(RandomDraws draw, Faker faker, Checksummed ids) {
        this.draw = draw;
        this.faker = faker;
        this.ids = ids;
    }

    // ---- people

    Person person() {
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        return new Person(first, String.valueOf(draw.charFrom(RandomDraws.UPPER)), last);
    }

    /** The person's name in one of the orders notes and forms use. */
    String name(Person person) {
        double roll = draw.random().nextDouble();
        if (roll < 0.6) {
            return person.firstLast();
        }
        if (roll < 0.75) {
            return person.first() + " " + person.middleInitial() + ". " + person.last();
        }
        if (roll < 0.9) {
            return person.last() + ", " + person.first();
        }
        return person.last().toUpperCase(Locale.ROOT) + ", " + person.first().toUpperCase(Locale.ROOT);
    }

    // ---- dates and ages

    LocalDate birthDate() {
        return LocalDate.of(1925, 1, 1).plusDays(draw.between(0, 85 * 365));
    }

    LocalDate recentDate() {
        return LocalDate.of(2019, 1, 1).plusDays(draw.between(0, 7 * 365));
    }

    String date(LocalDate date) {
        return draw.pick(DATE_FORMATS).format(date);
    }

    /** An age over 89 (a HIPAA identifier); the template writes the unit ("-year-old") outside the label. */
    String ageOver89() {
        return String.valueOf(draw.between(90, 104));
    }

    // ---- contact

    /** A NANP number: area and exchange codes start with 2-9 and are never N11. */
    String phone() {
        String area = nanpCode();
        String exchange = nanpCode();
        String line = draw.digits(4);
        return switch (draw.between(0, 8)) {
            case 0, 1 -> "(" + area + ") " + exchange + "-" + line;
            case 2, 3 -> area + "-" + exchange + "-" + line;
            case 4 -> area + "." + exchange + "." + line;
            case 5 -> "+1 " + area + " " + exchange + " " + line;
            case 6 -> "1-" + area + "-" + exchange + "-" + line;
            case 7 -> "+1 (" + area + ") " + exchange + "-" + line;
            default -> area + exchange + line;
        };
    }

    private String nanpCode() {
        String code;
        do {
            code = draw.between(2, 9) + draw.digits(2);
        } while (code.charAt(1) == '1' && code.charAt(2) == '1');
        return code;
    }

    String personalEmail(Person person) {
        return localPart(person) + "@" + draw.pick(FREE_MAIL);
    }

    String workEmail(Person person, String domain) {
        return localPart(person) + "@" + domain;
    }

    private String localPart(Person person) {
        String first = slug(person.first());
        String last = slug(person.last());
        return switch (draw.between(0, 5)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + last;
            case 2 -> first + last + draw.between(1, 99);
            case 3 -> first + "_" + last;
            case 4 -> first + "." + person.middleInitial().toLowerCase(Locale.ROOT) + "." + last;
            default -> last + first.charAt(0) + draw.between(1950, 2005);
        };
    }

    private static String slug(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** An organisation's domain: a clinic, a practice, a small firm. */
    String orgDomain() {
        String word = slug(faker.name().lastName());
        return switch (draw.between(0, 3)) {
            case 0 -> word + "health" + draw.pick(ORG_SUFFIXES);
            case 1 -> word + draw.oneOf("clinic", "medical", "pt", "familymed") + ".com";
            case 2 -> word + "-" + draw.oneOf("law", "dental", "billing", "group") + draw.pick(ORG_SUFFIXES);
            default -> slug(faker.internet().domainWord()) + draw.pick(ORG_SUFFIXES);
        };
    }

    String url(String domain) {
        return switch (draw.between(0, 5)) {
            case 0 -> "https://www." + domain;
            case 1 -> "https://" + domain + "/" + draw.oneOf("contact", "billing/statement", "appointments",
                    "forms/intake.pdf", "team/" + slug(faker.name().lastName()));
            case 2 -> "http://portal." + domain + "/login";
            case 3 -> "www." + domain;
            case 4 -> "https://" + domain + "/patients/" + draw.digits(6) + "?ref=email";
            default -> "https://" + domain;
        };
    }

    /** A personal page: the kind of URL that identifies one person. */
    String personalUrl(Person person) {
        String handle = slug(person.first()) + draw.oneOf("", "-", ".") + slug(person.last());
        return switch (draw.between(0, 2)) {
            case 0 -> "https://www.linkedin.com/in/" + handle + "-" + draw.digits(3);
            case 1 -> "https://" + handle.replace(".", "") + ".blog";
            default -> "https://github.com/" + handle.replace(".", "");
        };
    }

    String ipAddress() {
        if (draw.chance(0.15)) {
            // the documentation prefix (RFC 3849): never a real host
            return "2001:db8:" + Integer.toHexString(draw.between(1, 0xffff)) + "::"
                    + Integer.toHexString(draw.between(1, 0xffff));
        }
        return draw.between(11, 223) + "." + draw.between(0, 255) + "." + draw.between(0, 255) + "."
                + draw.between(1, 254);
    }

    // ---- addresses

    /** A street line: number, optional direction, street, suffix, optional unit. */
    String streetLine() {
        if (draw.chance(0.07)) {
            return draw.oneOf("PO Box ", "P.O. Box ") + draw.between(10, 9999);
        }
        StringBuilder line = new StringBuilder().append(draw.between(1, 19999)).append(' ');
        if (draw.chance(0.2)) {
            line.append(draw.oneOf("N", "S", "E", "W", "North", "South")).append(' ');
        }
        line.append(draw.chance(0.5) ? draw.pick(STREET_NAMES) : faker.name().lastName())
                .append(' ').append(draw.pick(STREET_SUFFIXES));
        if (draw.chance(0.25)) {
            line.append(draw.oneOf(", Apt ", " Apt. ", ", Suite ", " #", ", Unit "))
                    .append(draw.between(1, 999)).append(draw.chance(0.2) ? draw.oneOf("A", "B", "C") : "");
        }
        return line.toString();
    }

    /** A full one-line address: street, city, state and ZIP, labeled as one span. */
    String fullAddress() {
        String street = streetLine();
        String city;
        String state;
        if (draw.chance(0.5)) {
            String[] known = draw.pick(CITIES);
            city = known[0];
            state = known[1];
        } else {
            city = faker.address().cityName();
            state = draw.pick(STATES);
        }
        // a ZIP in the state's range, so that state/ZIP consistency checks see realistic pairs
        String zip = faker.address().zipCodeByState(state) + (draw.chance(0.15) ? "-" + draw.digits(4) : "");
        return switch (draw.between(0, 4)) {
            case 0, 1 -> street + ", " + city + ", " + state + " " + zip;
            case 2 -> street + " " + city + ", " + state + " " + zip;
            case 3 -> street + ", " + city + " " + state + " " + zip;
            default -> street + ", " + city + ", " + state + ", " + zip;
        };
    }

    String zip() {
        String five = draw.digits(5);
        while (five.equals("00000")) {
            five = draw.digits(5);
        }
        return draw.chance(0.2) ? five + "-" + draw.digits(4) : five;
    }

    // ---- ids without a checksum

    String mrn() {
        return switch (draw.between(0, 3)) {
            case 0 -> draw.digits(8);
            case 1 -> "00" + draw.digits(6);
            case 2 -> draw.oneOf("E", "M", "MR") + draw.digits(7);
            default -> draw.digits(3) + "-" + draw.digits(2) + "-" + draw.digits(2);
        };
    }

    /** A health plan member or subscriber id. */
    String memberId() {
        return switch (draw.between(0, 3)) {
            case 0 -> draw.letters(3) + draw.digits(9);
            case 1 -> "W" + draw.digits(9);
            case 2 -> draw.letters(1) + draw.digits(8) + "-" + draw.digits(2);
            default -> draw.letters(2) + draw.digits(7);
        };
    }

    String accountNumber() {
        return switch (draw.between(0, 2)) {
            case 0 -> draw.digits(draw.between(8, 12));
            case 1 -> "00" + draw.digits(draw.between(8, 10));
            default -> draw.digits(4) + "-" + draw.digits(4) + "-" + draw.digits(draw.between(2, 4));
        };
    }

    /** A driver's licence in one of several state formats, or a state medical licence. */
    String licenseNumber() {
        return switch (draw.between(0, 5)) {
            case 0 -> draw.letters(1) + draw.digits(7); // CA
            case 1 -> draw.digits(3) + " " + draw.digits(3) + " " + draw.digits(3); // NY
            case 2 -> draw.digits(8); // TX
            case 3 -> draw.letters(1) + draw.digits(3) + "-" + draw.digits(3) + "-" + draw.digits(2) + "-"
                    + draw.digits(3) + "-" + draw.digits(1); // FL
            case 4 -> draw.letters(1) + draw.digits(3) + "-" + draw.digits(4) + "-" + draw.digits(4); // IL
            default -> draw.oneOf("MD", "A", "G", "DO") + draw.digits(draw.between(5, 6)); // medical licence
        };
    }

    // ---- checksummed ids, formatted

    String ssn() {
        String ssn = ids.ssn();
        double roll = draw.random().nextDouble();
        if (roll < 0.7) {
            return ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5);
        }
        if (roll < 0.8) {
            return ssn.substring(0, 3) + " " + ssn.substring(3, 5) + " " + ssn.substring(5);
        }
        return ssn;
    }

    /** A card number as written, with the network name a note would put beside it. */
    record Card(String number, String network) {}

    Card card() {
        Checksummed.CardIssuer issuer = draw.oneOf(Checksummed.CardIssuer.values());
        String card = ids.cardNumber(issuer);
        String network = switch (issuer) {
            case VISA -> "Visa";
            case MASTERCARD -> draw.oneOf("Mastercard", "MC");
            case AMEX -> draw.oneOf("Amex", "American Express");
            case DISCOVER -> "Discover";
        };
        String separator = draw.oneOf(" ", " ", "-", "");
        if (separator.isEmpty()) {
            return new Card(card, network);
        }
        if (issuer == Checksummed.CardIssuer.AMEX) {
            return new Card(card.substring(0, 4) + separator + card.substring(4, 10) + separator + card.substring(10),
                    network);
        }
        return new Card(groupsOfFour(card, separator), network);
    }

    String iban() {
        String iban = ids.iban();
        return draw.chance(0.6) ? groupsOfFour(iban, " ") : iban;
    }

    String abaRouting() {
        return ids.abaRouting();
    }

    String npi() {
        return ids.npi();
    }

    String dea(Person prescriber) {
        return ids.dea(prescriber.last().charAt(0));
    }

    String vin() {
        return ids.vin();
    }

    String mbi() {
        String mbi = ids.mbi();
        return draw.chance(0.3) ? mbi.substring(0, 4) + "-" + mbi.substring(4, 7) + "-" + mbi.substring(7) : mbi;
    }

    private static String groupsOfFour(String value, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += 4) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(value, i, Math.min(value.length(), i + 4));
        }
        return out.toString();
    }

    // ---- words that are not identifiers

    String condition() {
        return faker.medical().diseaseName();
    }

    String medicine() {
        return faker.medical().medicineName();
    }

    String hospital() {
        return faker.medical().hospitalName();
    }

    String company() {
        return faker.company().name();
    }
}
